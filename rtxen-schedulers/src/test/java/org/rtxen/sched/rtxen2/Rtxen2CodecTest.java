package org.rtxen.sched.rtxen2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.engine.codec.XlChange;

/**
 * The RT-Xen 2.0 codecs (rtglobal and rtpartition): the allocation default when nothing is given, per-VCPU overrides
 * inheriting the domain's values, times refused unless whole milliseconds, a pool's branch with its switches read and
 * written back, xl commands in milliseconds per VCPU, xl's priority-scheme switch accepted on rtglobal only, xl
 * parameter commands refused when incomplete, with an extra option, a budget above the period or a VCPU the domain
 * lacks, and override errors that name the item and where its values came from (E28).
 */
class Rtxen2CodecTest {
    private static final long MS = 1_000_000L;
    private final Rtxen2Codec global = Rtxen2Codec.global();
    private final Rtxen2Codec partition = Rtxen2Codec.partition();

    @Test
    void readDomain_nothingGiven_isTheAllocationDefault() {
        assertEquals(Rtxen2Params.ALLOCATION_DEFAULTS, global.readDomain(new ParamTreeNode("rtglobal", new ParamTree()), 1));
        assertEquals(new Rtxen2Params(10 * MS, 10 * MS, List.of()), Rtxen2Params.ALLOCATION_DEFAULTS.resolve(true));
    }

    @Test
    void readDomain_override_inheritsTheDomainValues() {
        ParamTree t = new ParamTree().time("period", 20 * MS)
                .items("vcpus", List.of(new ParamTree().integer("id", 1).time("budget", 3 * MS)));
        assertEquals(new Rtxen2Params(20 * MS, 4 * MS, List.of(new Rtxen2VcpuParams(1, 20 * MS, 3 * MS))),
                partition.readDomain(new ParamTreeNode("rtpartition", t), 2));
    }

    @Test
    void readDomain_fractionOfAMillisecond_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> global.readDomain(new ParamTreeNode("rtglobal", new ParamTree().time("budget", 1_500_000)), 1));
        assertTrue(e.getMessage().contains("whole number of milliseconds"), e.getMessage());
    }

    @Test
    void readPool_branchThenSwitches() {
        ParamTree t = new ParamTree().word("priority", "dm").word("branch", "xisisu").bool("budget_clamp_bug", false);
        Rtxen2PoolParams p = global.readPool(new ParamTreeNode("rtglobal", t), "P", Map.of());
        assertEquals(Priority.DM, p.priority());
        assertEquals(new Quirks(true, false, true, true, true, true, true), p.quirks());
        assertEquals(p, global.readPool(new ParamTreeNode("rtglobal", global.writePool(p)), "P", Map.of()));
    }

    @Test
    void xlDomain_millisecondsPerVcpu() {
        Rtxen2Params p = new Rtxen2Params(20 * MS, 5 * MS, List.of(new Rtxen2VcpuParams(1, 10 * MS, 2 * MS)));
        assertEquals(List.of("xl sched-rtglobal -d vm1 -v 0 -p 20 -b 5", "xl sched-rtglobal -d vm1 -v 1 -p 10 -b 2"),
                global.xlDomain("vm1", 2, p));
        assertEquals(List.of("xl sched-rtpartition -d Domain-0 -v 0 -p 10 -b 10"),
                partition.xlDomain("Domain-0", 1, Rtxen2Params.ALLOCATION_DEFAULTS));
    }

    @Test
    void parseXl_schemeSwitch_onlyOnRtglobal() {
        XlChange.Pool c = (XlChange.Pool) global.parseXl(List.of("-s", "RM"));
        assertEquals(Priority.DM, ((Rtxen2PoolParams) c.update().apply(Rtxen2PoolParams.DEFAULTS)).priority());
        assertThrows(IllegalArgumentException.class, () -> partition.parseXl(List.of("-s", "RM")));
        assertThrows(IllegalArgumentException.class, () -> global.parseXl(List.of("-s", "show")));
    }

    @Test
    void parseXl_put_needsEveryOption() {
        assertThrows(IllegalArgumentException.class, () -> global.parseXl(List.of("-d", "vm1", "-v", "0", "-p", "10")));
        assertThrows(IllegalArgumentException.class,
                () -> global.parseXl(List.of("-d", "vm1", "-v", "0", "-p", "10", "-b", "4", "-e", "1")));
        assertThrows(IllegalArgumentException.class, () -> global.parseXl(List.of("-d", "vm1", "-v", "1", "-p", "10", "-b", "11")));
        XlChange.Domain d = (XlChange.Domain) global.parseXl(List.of("-d", "vm1", "-v", "5", "-p", "10", "-b", "4"));
        assertThrows(IllegalArgumentException.class, () -> d.update().apply(Rtxen2Params.ALLOCATION_DEFAULTS, 2));
    }

    @Test
    void readDomain_overrideErrors_nameTheItemAndWhereValuesCameFrom() {
        // An override of VCPU 2 in a 2-VCPU domain; a 3 ms period below the 4 ms budget inherited from the domain:
        // the item is blamed (no budget of its own), the budget named as the domain's (E28: rtxen checks it).
        ParamTree missing = new ParamTree().items("vcpus", List.of(new ParamTree().integer("id", 2)));
        assertEquals("rtglobal.vcpus[0].id: the domain has no VCPU 2 (it has 2)", assertThrows(
                IllegalArgumentException.class, () -> global.readDomain(new ParamTreeNode("rtglobal", missing), 2))
                .getMessage());
        ParamTree above = new ParamTree().time("period", 10 * MS).time("budget", 4 * MS)
                .items("vcpus", List.of(new ParamTree().integer("id", 0).time("period", 3 * MS)));
        assertEquals("rtglobal.vcpus[0]: the domain's budget 4ms exceeds period 3ms (E28: RT-Xen does not check; rtxen"
                + " does)", assertThrows(IllegalArgumentException.class,
                () -> global.readDomain(new ParamTreeNode("rtglobal", above), 1)).getMessage());
    }
}
