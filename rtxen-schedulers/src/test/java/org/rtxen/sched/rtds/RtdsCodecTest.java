package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.model.DomainSpec;
import org.rtxen.sched.ScenarioBuilder;

/**
 * The RTDS codec: xl sched-rtds lines in Xen 4.10's syntax in whole microseconds, one per VCPU with its effective
 * values; per-VCPU overrides written, read and inheriting the domain-wide values, with errors that name where each
 * value came from; xl sched-rtds command lines applied to every VCPU or to those named (R40) and refused in xl's words
 * when malformed; the period and budget edges (R35, R36); the pool's variant; the codec's name, defaults (R34) and
 * command; and a VCPU's exact busy share, budget over period only without extratime (R9.3).
 */
class RtdsCodecTest {
    private static final long MS = 1_000_000L;
    private final RtdsCodec codec = new RtdsCodec();

    @Test
    void schedRtds_wholeMicroseconds_writesXen410Syntax() {
        assertEquals("xl sched-rtds -d vm1 -v 0 -p 10000 -b 4000 -e 1",
                RtdsCodec.schedRtds("vm1", 0, 10_000_000, 4_000_000, true));
        assertEquals("xl sched-rtds -d vm1 -v all -p 100 -b 100 -e 0",
                RtdsCodec.schedRtds("vm1", -1, 100_000, 100_000, false));
    }

    @Test
    void schedRtds_fractionOfMicrosecond_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> RtdsCodec.schedRtds("vm1", 0, 10_000_000, 4_000_500, true));
    }

    @Test
    void xlDomain_override_givesOneLinePerVcpuWithItsEffectiveValues() {
        RtdsParams p = new RtdsParams(10 * MS, 4 * MS, false, List.of(new RtdsVcpuParams(1, 5 * MS, 1 * MS, true)));
        assertEquals(List.of("xl sched-rtds -d vm1 -v 0 -p 10000 -b 4000 -e 0",
                "xl sched-rtds -d vm1 -v 1 -p 5000 -b 1000 -e 1"), codec.xlDomain("vm1", 2, p));
    }

    @Test
    void writeDomain_override_listsEveryValue() {
        RtdsParams p = new RtdsParams(10 * MS, 4 * MS, false, List.of(new RtdsVcpuParams(1, 5 * MS, 1 * MS, true)));
        ParamTree expected = new ParamTree().time("period", 10 * MS).time("budget", 4 * MS).bool("extratime", false)
                .items("vcpus", List.of(new ParamTree().integer("id", 1).time("period", 5 * MS).time("budget", MS)
                        .bool("extratime", true)));
        assertEquals(expected, codec.writeDomain(p));
        assertEquals(p, codec.readDomain(new ParamTreeNode("rtds", expected), 2));
    }

    @Test
    void readDomain_overrideInheritsTheDomainWideValues() {
        // VCPU 1 gives only a budget: it keeps the domain's 20 ms period and extratime false.
        ParamTree t = new ParamTree().time("period", 20 * MS).bool("extratime", false)
                .items("vcpus", List.of(new ParamTree().integer("id", 1).time("budget", 3 * MS)));
        assertEquals(new RtdsParams(20 * MS, 4 * MS, false, List.of(new RtdsVcpuParams(1, 20 * MS, 3 * MS, false))),
                codec.readDomain(new ParamTreeNode("rtds", t), 2));
    }

    @Test
    void readDomain_inheritedBudgetAbovePeriod_namesWhereEachCameFrom() {
        // The default budget is 4 ms (R34); a 3 ms period is below it.
        ParamTree t = new ParamTree().time("period", 3 * MS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> codec.readDomain(new ParamTreeNode("rtds", t), 1));
        assertEquals("rtds: Xen's default budget 4ms exceeds period 3ms (R36)", e.getMessage());
    }

    private RtdsParams adjust(RtdsParams current, int vcpus, String args) {
        XlChange.Domain d = (XlChange.Domain) codec.parseXl(List.of(args.split(" ")));
        assertEquals("vm1", d.domain());
        return (RtdsParams) d.update().apply(current, vcpus);
    }

    @Test
    void parseXl_vAll_setsEveryVcpuAndDropsOverrides() {
        RtdsParams before = new RtdsParams(10 * MS, 4 * MS, true, List.of(new RtdsVcpuParams(1, 5 * MS, MS, true)));
        // -p 10000 -b 6000 are microseconds: 10 ms and 6 ms; -e 0 turns extratime off for both VCPUs.
        assertEquals(new RtdsParams(10 * MS, 6 * MS, false, List.of()),
                adjust(before, 2, "-d vm1 -v all -p 10000 -b 6000 -e 0"));
    }

    @Test
    void parseXl_oneVcpu_replacesOnlyItsOverride() {
        RtdsParams before = RtdsParams.DEFAULTS;
        assertEquals(new RtdsParams(10 * MS, 4 * MS, true, List.of(new RtdsVcpuParams(1, 5 * MS, MS, false))),
                adjust(before, 2, "-d vm1 -v 1 -p 5000 -b 1000 -e 0"));
    }

    @Test
    void parseXl_malformed_isRefusedInXlsWords() {
        assertEquals("Incorrect number of period, budget and extratime", assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-d", "vm1", "-v", "0", "-p", "10000", "-b", "4000"))).getMessage());
        assertEquals("Must specify VCPU.", assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-d", "vm1", "-p", "10000", "-b", "4000", "-e", "1"))).getMessage());
        assertEquals("Missing parameters.", assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-v", "0", "-p", "10000", "-b", "4000", "-e", "1"))).getMessage());
        assertEquals("Invalid extratime.", assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-d", "vm1", "-v", "0", "-p", "10000", "-b", "4000", "-e", "2"))).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-d", "vm1", "-v", "all", "-p", "4000", "-b", "6000", "-e", "1")),
                "budget above period (R36)");
        assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-d", "vm1", "-v", "all", "-p", "9", "-b", "9", "-e", "1")),
                "below Xen's 10 us minimum (R36)");
    }

    @Test
    void parseXl_vcpuTheDomainLacks_isRefusedWhenApplied() {
        XlChange.Domain d = (XlChange.Domain) codec.parseXl(List.of("-d", "vm1", "-v", "2", "-p", "10000", "-b",
                "4000", "-e", "1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> d.update().apply(RtdsParams.DEFAULTS, 2));
        assertEquals("Invalid VCPU 2: valid range is [0, 1]", e.getMessage());
    }

    @Test
    void readDomain_overrideErrors_nameTheItemAndWhereValuesCameFrom() {
        // Overrides: ids 0..vcpus-1, each once; an override's budget above the period it inherits from the domain
        // names that period as the domain's (R36).
        ParamTree twice = new ParamTree().items("vcpus", List.of(new ParamTree().integer("id", 0),
                new ParamTree().integer("id", 0)));
        assertEquals("rtds.vcpus[1].id: VCPU 0 is given twice", assertThrows(IllegalArgumentException.class,
                () -> codec.readDomain(new ParamTreeNode("rtds", twice), 2)).getMessage());
        ParamTree above = new ParamTree().time("period", 5 * MS).time("budget", 2 * MS)
                .items("vcpus", List.of(new ParamTree().integer("id", 0).time("budget", 6 * MS)));
        assertEquals("rtds.vcpus[0].budget: budget 6ms exceeds the domain's period 5ms (R36)",
                assertThrows(IllegalArgumentException.class,
                        () -> codec.readDomain(new ParamTreeNode("rtds", above), 1)).getMessage());
    }

    /**
     * R35, R36 at their edges: 10 us and 4,294,967,295 us (the 32-bit microsecond field, T1) are accepted for period
     * and budget, a budget equal to its period too; one microsecond beyond either end is refused, for the period and
     * for the budget alone.
     */
    @Test
    void parseXl_rangeEdges_areAcceptedAndOneBeyondIsRefused() {
        assertEquals(new RtdsParams(10_000, 10_000, true, List.of()),
                adjust(RtdsParams.DEFAULTS, 1, "-d vm1 -v all -p 10 -b 10 -e 1"));
        assertEquals(new RtdsParams(RtdsParams.MAX_PERIOD_NS, RtdsParams.MAX_PERIOD_NS, false, List.of()),
                adjust(RtdsParams.DEFAULTS, 1, "-d vm1 -v all -p 4294967295 -b 4294967295 -e 0"));
        assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-d", "vm1", "-v", "all", "-p", "4294967296", "-b", "10", "-e", "1")));
        assertThrows(IllegalArgumentException.class,
                () -> codec.parseXl(List.of("-d", "vm1", "-v", "all", "-p", "10000", "-b", "9", "-e", "1")));
    }

    /** The scenario file's times have the same edges as xl's (R35, R36): 10 us and 4,294,967,295 us. */
    @Test
    void readDomain_rangeEdges_areAcceptedAndOneBeyondIsRefused() {
        ParamTree min = new ParamTree().time("period", 10_000).time("budget", 10_000);
        assertEquals(new RtdsParams(10_000, 10_000, true, List.of()), codec.readDomain(new ParamTreeNode("rtds", min), 1));
        ParamTree max = new ParamTree().time("period", RtdsParams.MAX_PERIOD_NS).time("budget", 4 * MS);
        assertEquals(RtdsParams.MAX_PERIOD_NS, codec.readDomain(new ParamTreeNode("rtds", max), 1).periodNs());
        ParamTree below = new ParamTree().time("period", 10 * MS).time("budget", 9_999);
        assertThrows(IllegalArgumentException.class, () -> codec.readDomain(new ParamTreeNode("rtds", below), 1));
        ParamTree above = new ParamTree().time("period", RtdsParams.MAX_PERIOD_NS + 1_000).time("budget", 4 * MS);
        assertThrows(IllegalArgumentException.class, () -> codec.readDomain(new ParamTreeNode("rtds", above), 1));
    }

    /**
     * Two {@code -v} groups, paired by position (R40): VCPU 1's override is replaced, VCPU 0 gains one, and the
     * overrides stay in VCPU order.
     */
    @Test
    void parseXl_twoVcpus_replaceAndAddOverridesInVcpuOrder() {
        RtdsParams before = new RtdsParams(10 * MS, 4 * MS, true, List.of(new RtdsVcpuParams(1, 5 * MS, MS, true)));
        assertEquals(new RtdsParams(10 * MS, 4 * MS, true, List.of(new RtdsVcpuParams(0, 6 * MS, 3 * MS, true),
                        new RtdsVcpuParams(1, 8 * MS, 2 * MS, false))),
                adjust(before, 2, "-d vm1 -v 1 -p 8000 -b 2000 -e 0 -v 0 -p 6000 -b 3000 -e 1"));
    }

    /** {@code pools[].rtds.variant} names a release of 2.11; any other is refused. */
    @Test
    void readPool_variant_knownOrRefused() {
        assertEquals(new RtdsPoolParams(RtdsVariant.V4_5),
                codec.readPool(new ParamTreeNode("rtds", new ParamTree().name("variant", "4.5")), "P", Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> codec.readPool(new ParamTreeNode("rtds", new ParamTree().name("variant", "4.6")), "P", Map.of()));
    }

    /** The codec's name, its defaults (R34, today's release) and its xl command. */
    @Test
    void identity_nameDefaultsAndXlCommand() {
        assertEquals("rtds", codec.name());
        assertEquals(RtdsParams.DEFAULTS, codec.defaultDomain());
        assertEquals(RtdsPoolParams.DEFAULTS, codec.defaultPool());
        assertEquals(Optional.of("sched-rtds"), codec.xlAdjustCommand());
    }

    /** Only a variant other than today's default is written (2.11). */
    @Test
    void writePool_writesOnlyANonDefaultVariant() {
        assertEquals(new ParamTree(), codec.writePool(RtdsPoolParams.DEFAULTS));
        assertEquals(new ParamTree().name("variant", "4.5"), codec.writePool(new RtdsPoolParams(RtdsVariant.V4_5)));
    }

    /** A VCPU without extratime is busy exactly budget/period (R9.3); with extratime its share depends on the others. */
    @Test
    void exactBusyShare_isBudgetOverPeriod_onlyWithoutExtratime() {
        RtdsParams p = new RtdsParams(10 * MS, 4 * MS, false, List.of(new RtdsVcpuParams(1, 5 * MS, MS, true)));
        DomainSpec d = new DomainSpec("vm1", false, null, 2, p, List.of(), ScenarioBuilder.busy());
        assertEquals(0.4, codec.exactBusyShare(d, null, 0));
        assertEquals(Double.NaN, codec.exactBusyShare(d, null, 1));
    }
}
