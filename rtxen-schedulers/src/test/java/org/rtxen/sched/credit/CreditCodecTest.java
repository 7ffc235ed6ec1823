package org.rtxen.sched.credit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.engine.codec.XlChange;

/**
 * The Credit codec: domain and pool parameters as xl sched-credit commands in xl's units with shell-quoted names, xl
 * sched-credit command lines parsed into updates that keep what they do not set and refuse a cap above the VCPUs' share
 * (C1.33), a ratelimit above the tslice (C1.34) and malformed options in xl's words, and pool parameters written and
 * read back equal.
 */
class CreditCodecTest {
    private static final long MS = 1_000_000L;
    private final CreditCodec codec = new CreditCodec();

    private static List<String> words(String s) {
        return List.of(s.split(" "));
    }

    @Test
    void xl_domainAndPool_inXlUnits() {
        assertEquals(List.of("xl sched-credit -d vm1 -w 512 -c 50"), codec.xlDomain("vm1", 1, new CreditParams(512, 50)));
        // tslice in ms, ratelimit in us.
        assertEquals(List.of("xl sched-credit -s -p P -t 5 -r 500"),
                codec.xlPool("P", new CreditPoolParams(5 * MS, 500_000)));
    }

    @Test
    void xl_hostileNames_areShellQuoted() {
        assertEquals(List.of("xl sched-credit -d 'a b' -w 512 -c 50"),
                codec.xlDomain("a b", 1, new CreditParams(512, 50)));
        assertEquals(List.of("xl sched-credit -s -p 'cr $(reboot)' -t 5 -r 500"),
                codec.xlPool("cr $(reboot)", new CreditPoolParams(5 * MS, 500_000)));
    }

    @Test
    void parseXl_weightOnly_keepsTheCap() {
        XlChange.Domain d = (XlChange.Domain) codec.parseXl(words("-d vm1 -w 512"));
        assertEquals("vm1", d.domain());
        assertEquals(new CreditParams(512, 50), d.update().apply(new CreditParams(256, 50), 1));
    }

    @Test
    void parseXl_capAboveVcpus_isRefusedWhenApplied() {
        // A cap is a percentage of one pCPU per VCPU: a 2-VCPU domain allows 0..200 (C1.33).
        XlChange.Domain d = (XlChange.Domain) codec.parseXl(words("-d vm1 -c 300"));
        assertEquals(new CreditParams(256, 300), d.update().apply(CreditParams.DEFAULTS, 3));
        assertThrows(IllegalArgumentException.class, () -> d.update().apply(CreditParams.DEFAULTS, 2));
    }

    @Test
    void parseXl_schedparam_changesThePool() {
        XlChange.Pool p = (XlChange.Pool) codec.parseXl(words("-s -p Pool-1 -t 10"));
        assertEquals("Pool-1", p.pool());
        assertEquals(new CreditPoolParams(10 * MS, MS), p.update().apply(CreditPoolParams.DEFAULTS));
        XlChange.Pool boot = (XlChange.Pool) codec.parseXl(words("--schedparam --ratelimit_us=0"));
        assertNull(boot.pool(), "without -p xl means the boot pool");
        assertEquals(new CreditPoolParams(30 * MS, 0), boot.update().apply(CreditPoolParams.DEFAULTS));
    }

    @Test
    void parseXl_ratelimitAboveTslice_isRefusedWhenApplied() {
        XlChange.Pool p = (XlChange.Pool) codec.parseXl(words("-s -t 10 -r 20000"));
        assertEquals("ratelimit 20ms exceeds tslice 10ms (C1.34)", assertThrows(IllegalArgumentException.class,
                () -> p.update().apply(CreditPoolParams.DEFAULTS)).getMessage());
    }

    @Test
    void parseXl_malformed_isRefusedInXlsWords() {
        assertEquals("Specifying a cpupool or schedparam is not allowed with domain options.",
                assertThrows(IllegalArgumentException.class, () -> codec.parseXl(words("-d vm1 -s -t 10"))).getMessage());
        assertEquals("Must specify a domain.",
                assertThrows(IllegalArgumentException.class, () -> codec.parseXl(words("-w 5"))).getMessage());
        assertEquals("Must specify schedparam to set schedule parameter values.",
                assertThrows(IllegalArgumentException.class, () -> codec.parseXl(words("-t 5"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.parseXl(words("-d vm1 -w 0")), "weight 1..65535");
        assertThrows(IllegalArgumentException.class, () -> codec.parseXl(words("-s -t 0")), "tslice 1..1000 ms");
        assertThrows(IllegalArgumentException.class, () -> codec.parseXl(words("-d vm1 -x 1")), "unknown option");
    }

    @Test
    void pool_writtenAndReadBack_equal() {
        CreditPoolParams p = new CreditPoolParams(5 * MS, 100_000);
        ParamTree t = codec.writePool(p);
        assertEquals(new ParamTree().time("tslice", 5 * MS).time("ratelimit", 100_000), t);
        assertEquals(p, codec.readPool(new ParamTreeNode("credit", t), "P", Map.of()));
    }
}
