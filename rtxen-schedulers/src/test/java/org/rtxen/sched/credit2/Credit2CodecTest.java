package org.rtxen.sched.credit2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.model.DomainSpec;

/**
 * Credit2's codec against C2.21 (cap 0..100 per VCPU), C2.31 (ratelimit 0 or 100..500000 us), C2.33 (xl's options and
 * weight 1..65535) and C2.6 (run-queue layout, default socket); expectations and messages written by hand.
 */
class Credit2CodecTest {
    private static final long MS = 1_000_000L;
    private final Credit2Codec codec = new Credit2Codec();

    private static List<String> words(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(" "));
    }

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void readDomain_defaultsAndRanges() {
        assertEquals(new Credit2Params(256, 0), codec.readDomain(new ParamTreeNode("credit2", new ParamTree()), 1));
        // Cap 200 is 100 % of each of two VCPUs (C2.21).
        assertEquals(new Credit2Params(512, 200), codec.readDomain(new ParamTreeNode("credit2",
                new ParamTree().integer("weight", 512).integer("cap", 200)), 2));
        assertEquals("credit2.cap: 201 is out of range 0..200", message(() -> codec.readDomain(
                new ParamTreeNode("credit2", new ParamTree().integer("cap", 201)), 2)));
        assertEquals("credit2.weight: 65536 is out of range 1..65535", message(() -> codec.readDomain(
                new ParamTreeNode("credit2", new ParamTree().integer("weight", 65536)), 1)));
        assertEquals("credit2.tslice: unknown key", message(() -> codec.readDomain(
                new ParamTreeNode("credit2", new ParamTree().time("tslice", MS)), 1)));
    }

    @Test
    void domain_writtenAndReadBack_equal() {
        Credit2Params p = new Credit2Params(100, 50);
        assertEquals(new ParamTree().integer("weight", 100).integer("cap", 50), codec.writeDomain(p));
        assertEquals(p, codec.readDomain(new ParamTreeNode("credit2", codec.writeDomain(p)), 1));
    }

    @Test
    void readPool_ratelimitAndLayout() {
        assertEquals(new Credit2PoolParams(MS, RunqueueLayout.SOCKET),
                codec.readPool(new ParamTreeNode("credit2", new ParamTree()), "P", Map.of()));
        Credit2PoolParams p = new Credit2PoolParams(0, RunqueueLayout.CORE);
        ParamTree t = codec.writePool(p);
        assertEquals(new ParamTree().time("ratelimit", 0).word("runqueue", "core"), t);
        assertEquals(p, codec.readPool(new ParamTreeNode("credit2", t), "P", Map.of()));
        // C2.31: 0 or 100..500000 us; 50 us is neither.
        assertEquals("credit2.ratelimit: must be 0 or a whole number of microseconds in 100us..500ms (C2.31)",
                message(() -> codec.readPool(new ParamTreeNode("credit2",
                        new ParamTree().time("ratelimit", 50_000)), "P", Map.of())));
    }

    @Test
    void xl_domainAndPool() {
        assertEquals(List.of("xl sched-credit2 -d vm1 -w 512 -c 50"), codec.xlDomain("vm1", 1, new Credit2Params(512, 50)));
        assertEquals(List.of("xl sched-credit2 -s -p P -r 500"),
                codec.xlPool("P", new Credit2PoolParams(500_000, RunqueueLayout.SOCKET)));
    }

    @Test
    void xl_hostileNames_areShellQuoted() {
        assertEquals(List.of("xl sched-credit2 -d 'vm$(id)' -w 512 -c 50"),
                codec.xlDomain("vm$(id)", 1, new Credit2Params(512, 50)));
        assertEquals(List.of("xl sched-credit2 -s -p 'my pool' -r 500"),
                codec.xlPool("my pool", new Credit2PoolParams(500_000, RunqueueLayout.SOCKET)));
    }

    @Test
    void bootParameters_nameTheRunqueueLayout() {
        assertEquals(List.of("credit2_runqueue=cpu"),
                codec.bootParameters(new Credit2PoolParams(0, RunqueueLayout.CPU)));
        assertEquals(List.of("credit2_runqueue=socket"), codec.bootParameters(Credit2PoolParams.DEFAULTS));
    }

    @Test
    void parseXl_domain_keepsWhatIsNotGiven_capCheckedWhenApplied() {
        XlChange.Domain d = (XlChange.Domain) codec.parseXl(words("-d vm1 -c 150"));
        assertEquals("vm1", d.domain());
        assertEquals(new Credit2Params(300, 150), d.update().apply(new Credit2Params(300, 0), 2));
        assertEquals("cap 150 is out of range 0..100 (C2.21)", message(() -> d.update().apply(Credit2Params.DEFAULTS, 1)));
        XlChange.Domain w = (XlChange.Domain) codec.parseXl(words("--domain=vm1 --weight=7"));
        assertEquals(new Credit2Params(7, 40), w.update().apply(new Credit2Params(300, 40), 1));
    }

    @Test
    void parseXl_schedparam_setsTheRatelimitAndKeepsTheLayout() {
        XlChange.Pool p = (XlChange.Pool) codec.parseXl(words("-s -p Pool-1 -r 2000"));
        assertEquals("Pool-1", p.pool());
        assertEquals(new Credit2PoolParams(2 * MS, RunqueueLayout.ALL),
                p.update().apply(new Credit2PoolParams(MS, RunqueueLayout.ALL)));
        assertNull(((XlChange.Pool) codec.parseXl(words("-s -r 0"))).pool(), "without -p xl means the boot pool");
    }

    @Test
    void parseXl_malformed_isRefusedInXlsWords() {
        assertEquals("Specifying a cpupool or schedparam is not allowed with domain options.",
                message(() -> codec.parseXl(words("-d vm1 -s -r 1000"))));
        assertEquals("Specifying a cpupool or schedparam is not allowed with domain options.",
                message(() -> codec.parseXl(words("-p P -w 5"))));
        assertEquals("Must specify a domain.", message(() -> codec.parseXl(words("-c 5"))));
        assertEquals("Must specify schedparam to set schedule parameter values.",
                message(() -> codec.parseXl(words("-r 1000"))));
        assertEquals("sched-credit2 -s without -r changes nothing", message(() -> codec.parseXl(words("-s"))));
        assertEquals("ratelimit must be 0 or a whole number of microseconds in 100us..500ms (C2.31)",
                message(() -> codec.parseXl(words("-s -r 99"))));
        assertEquals("sched-credit2 without -d or -s changes nothing", message(() -> codec.parseXl(words(""))));
        assertEquals("sched-credit2 -d without -w or -c changes nothing", message(() -> codec.parseXl(words("-d vm1"))));
        assertEquals("weight 0 is out of range 1..65535 (C2.33)", message(() -> codec.parseXl(words("-d vm1 -w 0"))));
        assertEquals("weight 65536 is out of range 1..65535 (C2.33)",
                message(() -> codec.parseXl(words("-d vm1 -w 65536"))));
        assertEquals("sched-credit2: invalid option -- 't'", message(() -> codec.parseXl(words("-s -t 10"))));
    }

    @Test
    void names_defaults_andWhatRealXenCanRun() {
        assertEquals("credit2", codec.name());
        assertEquals(Optional.of("sched-credit2"), codec.xlAdjustCommand());
        // C2.1/C2.5: weight 256, no cap; C2.31/C2.6: 1 ms ratelimit, one run queue per socket.
        assertEquals(new Credit2Params(256, 0), codec.defaultDomain());
        assertEquals(new Credit2PoolParams(MS, RunqueueLayout.SOCKET), codec.defaultPool());
        // The run-queue layout is a boot option (C2.32): only the default can run on the reference boot.
        assertEquals(List.of(), codec.dom0ScenarioLines("real", new Credit2PoolParams(0, RunqueueLayout.SOCKET)));
        assertEquals("runqueue core is Xen's boot option credit2_runqueue; the reference boot uses the default, socket",
                message(() -> codec.dom0ScenarioLines("real", new Credit2PoolParams(MS, RunqueueLayout.CORE))));
    }

    @Test
    void longestPark_isTwoReplenishmentPeriodsWhenCapped() {
        // C2.23: a parked VCPU of a capped domain waits at most for the next 10 ms replenishment (C2.1's
        // BDGT_REPL_PERIOD); the codec allows two. An uncapped domain is never parked.
        DomainSpec capped = new DomainSpec("A", false, "P", 1, new Credit2Params(256, 1), List.of(), null);
        DomainSpec uncapped = new DomainSpec("B", false, "P", 1, new Credit2Params(256, 0), List.of(), null);
        assertEquals(20 * MS, codec.longestParkNs(capped, null));
        assertEquals(Long.MAX_VALUE, codec.longestParkNs(uncapped, null));
    }
}
