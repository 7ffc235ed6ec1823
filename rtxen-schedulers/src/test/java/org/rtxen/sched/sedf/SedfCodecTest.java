package org.rtxen.sched.sedf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.model.params.PoolParams;

/**
 * SEDF's codec against the spec's S5.4 (limits, every VCPU's best-effort start), S5.5 (adjust's checks: weight or
 * period+slice, PERIOD_MIN 10 us .. PERIOD_MAX 10 s, SLICE_MIN 5 us .. period) and S5.12 ({@code xl sched-sedf} in
 * milliseconds; {@code -w} clears period and slice, {@code -p}/{@code -s} clear the weight). Expected values and
 * messages are written by hand from those rules and the codec's documented contract.
 */
class SedfCodecTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private final SedfCodec codec = new SedfCodec();

    private SedfParams read(ParamTree t) {
        return (SedfParams) codec.readDomain(new ParamTreeNode("sedf", t), 1);
    }

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    private String readError(ParamTree t) {
        return message(() -> read(t));
    }

    private SedfParams adjust(SedfParams current, String args) {
        XlChange.Domain d = (XlChange.Domain) codec.parseXl(List.of(args.split(" ")));
        assertEquals("vm1", d.domain());
        return (SedfParams) d.update().apply(current, 1);
    }

    private String adjustError(SedfParams current, String args) {
        XlChange.Domain d = (XlChange.Domain) codec.parseXl(List.of(args.split(" ")));
        return message(() -> d.update().apply(current, 1));
    }

    private static final SedfParams HARD_20_5 = new SedfParams(20 * MS, 5 * MS, 0, false, 0);
    private static final SedfParams WEIGHT_3 = new SedfParams(0, 0, 0, true, 3);

    @Test
    void names() {
        assertEquals("sedf", codec.name());
        assertEquals(Optional.of("sched-sedf"), codec.xlAdjustCommand());
        // S5.4: every new VCPU starts best effort with extra time and extraweight 1 (xl's -w 1 -e 1).
        assertEquals(new SedfParams(0, 0, 0, true, 1), codec.defaultDomain());
    }

    @Test
    void readDomain_nothing_isTheBestEffortStart() {
        assertEquals(new SedfParams(0, 0, 0, true, 1), read(new ParamTree()));
        // Latency and extratime alone keep the start's weight 1.
        assertEquals(new SedfParams(0, 0, 2 * MS, false, 1),
                read(new ParamTree().time("latency", 2 * MS).bool("extratime", false)));
    }

    @Test
    void readDomain_periodAndSlice_isTimeDriven() {
        // S5.12's hard reservation: 20 ms / 5 ms without extra time; weight 0 marks time-driven (S5.5).
        assertEquals(HARD_20_5, read(new ParamTree().time("period", 20 * MS).time("slice", 5 * MS)
                .bool("extratime", false)));
        // extratime defaults to on (S5.4: EXTRA_AWARE at the start).
        assertEquals(new SedfParams(20 * MS, 5 * MS, 0, true, 0),
                read(new ParamTree().time("period", 20 * MS).time("slice", 5 * MS)));
    }

    @Test
    void readDomain_limitsAreInclusive() {
        // S5.5: PERIOD_MIN <= period <= PERIOD_MAX and SLICE_MIN <= slice <= period.
        assertEquals(new SedfParams(10 * US, 5 * US, 0, true, 0),
                read(new ParamTree().time("period", 10 * US).time("slice", 5 * US)));
        assertEquals(new SedfParams(10 * S, 10 * S, 0, true, 0),
                read(new ParamTree().time("period", 10 * S).time("slice", 10 * S)));
    }

    @Test
    void readDomain_weight_withLatency() {
        assertEquals(new SedfParams(0, 0, 3 * MS, true, 7),
                read(new ParamTree().integer("weight", 7).time("latency", 3 * MS)));
    }

    @Test
    void readDomain_errors_nameTheField() {
        // ParamTree writes a time as Time.format gives it, so a zero is the text "0ns", echoed as written.
        assertEquals("sedf.period: give either a weight or a period and slice, not both (xl's -w clears them)",
                readError(new ParamTree().integer("weight", 2).time("period", 20 * MS)));
        assertEquals("sedf.slice: give either a weight or a period and slice, not both (xl's -w clears them)",
                readError(new ParamTree().integer("weight", 2).time("slice", 5 * MS)));
        assertEquals("sedf.period: a slice needs a period", readError(new ParamTree().time("slice", 5 * MS)));
        assertEquals("sedf.slice: a period needs a slice", readError(new ParamTree().time("period", 20 * MS)));
        assertEquals("sedf.period: must be positive, not 0ns",
                readError(new ParamTree().time("period", 0).time("slice", 5 * MS)));
        assertEquals("sedf.slice: must be positive, not 0ns",
                readError(new ParamTree().time("period", 20 * MS).time("slice", 0)));
        assertEquals("sedf.weight: 0 is out of range 1..2147483647", readError(new ParamTree().integer("weight", 0)));
        assertEquals("sedf.latency: must not be negative", readError(new ParamTree().time("latency", -MS)));
        assertEquals("sedf.budget: unknown key", readError(new ParamTree().time("budget", MS)));
        assertEquals("sedf.extratime: not a boolean", readError(new ParamTree().integer("extratime", 1)));
    }

    @Test
    void readDomain_outsideXensLimits_namesTheRule() {
        // S5.4/S5.5: a period must be 10 us .. 10 s; the message blames the period.
        assertEquals("sedf.period: period 9us is outside Xen's 10us..10s (S5.4)",
                readError(new ParamTree().time("period", 9 * US).time("slice", 5 * US)));
        assertEquals("sedf.period: period 11s is outside Xen's 10us..10s (S5.4)",
                readError(new ParamTree().time("period", 11 * S).time("slice", 5 * MS)));
        // S5.5: a slice must be 5 us .. period; the message blames the slice.
        assertEquals("sedf.slice: slice 4us is outside Xen's 5us..period 10ms (S5.5)",
                readError(new ParamTree().time("period", 10 * MS).time("slice", 4 * US)));
        assertEquals("sedf.slice: slice 30ms is outside Xen's 5us..period 20ms (S5.5)",
                readError(new ParamTree().time("period", 20 * MS).time("slice", 30 * MS)));
    }

    @Test
    void writeDomain_defaultsAreEmpty_othersListEveryValue() {
        assertTrue(codec.writeDomain(SedfParams.DEFAULTS).isEmpty());
        assertEquals(new ParamTree().time("period", 20 * MS).time("slice", 5 * MS).time("latency", 0)
                .bool("extratime", false), codec.writeDomain(HARD_20_5));
        assertEquals(new ParamTree().integer("weight", 3).time("latency", 0).bool("extratime", true),
                codec.writeDomain(WEIGHT_3));
        // Weight 1 without extra time differs from the start, so it is written in full.
        assertEquals(new ParamTree().integer("weight", 1).time("latency", 0).bool("extratime", false),
                codec.writeDomain(new SedfParams(0, 0, 0, false, 1)));
    }

    @Test
    void writeDomain_readsBackEqual() {
        for (SedfParams p : List.of(SedfParams.DEFAULTS, HARD_20_5, WEIGHT_3, new SedfParams(0, 0, 0, false, 1),
                new SedfParams(100 * MS, 10 * MS, 4 * MS, true, 0))) {
            assertEquals(p, read(codec.writeDomain(p)), p.toString());
        }
    }

    @Test
    void pool_sedfHasNone() {
        assertFalse(codec.hasPoolParams());
        assertEquals(new PoolParams.None(), codec.defaultPool());
        assertTrue(codec.writePool(new PoolParams.None()).isEmpty());
        assertEquals("sedf: sedf has no pool parameters", message(
                () -> codec.readPool(new ParamTreeNode("sedf", new ParamTree()), "Pool-0", Map.of())));
    }

    @Test
    void xlDomain_inWholeMilliseconds() {
        // S5.12: -p/-s/-l in ms; -e 0|1; a weighted domain gets -w instead of -p/-s.
        assertEquals(List.of("xl sched-sedf -d vm1 -p 20 -s 5 -l 0 -e 0"), codec.xlDomain("vm1", 1, HARD_20_5));
        assertEquals(List.of("xl sched-sedf -d vm1 -w 3 -l 2 -e 1"),
                codec.xlDomain("vm1", 2, new SedfParams(0, 0, 2 * MS, true, 3)));
        assertEquals("slice 500us is not whole milliseconds, as xl sched-sedf takes", message(
                () -> codec.xlDomain("vm1", 1, new SedfParams(20 * MS, 500 * US, 0, true, 0))));
        assertEquals("period 1500us is not whole milliseconds, as xl sched-sedf takes", message(
                () -> codec.xlDomain("vm1", 1, new SedfParams(1500 * US, MS, 0, true, 0))));
        assertEquals("latency 10us is not whole milliseconds, as xl sched-sedf takes", message(
                () -> codec.xlDomain("vm1", 1, new SedfParams(0, 0, 10 * US, true, 3))));
    }

    @Test
    void xlDomain_parsedBack_givesTheSameParams() {
        // Whatever the domain had before, the written command sets every value.
        for (SedfParams p : List.of(HARD_20_5, WEIGHT_3, new SedfParams(100 * MS, 10 * MS, 4 * MS, true, 0))) {
            for (SedfParams before : List.of(SedfParams.DEFAULTS, HARD_20_5, WEIGHT_3)) {
                String line = codec.xlDomain("vm1", 1, p).get(0);
                assertEquals(p, adjust(before, line.substring("xl sched-sedf ".length())), line + " after " + before);
            }
        }
    }

    @Test
    void parseXl_periodAndSlice_clearTheWeight() {
        // S5.12: -p/-s clear the weight; values in ms (libxl multiplied by 10^6).
        assertEquals(new SedfParams(20 * MS, 5 * MS, 0, true, 0), adjust(WEIGHT_3, "-d vm1 -p 20 -s 5"));
        // Only -s: the period stays, and so does extratime.
        assertEquals(new SedfParams(20 * MS, 4 * MS, 0, false, 0), adjust(HARD_20_5, "-d vm1 -s 4"));
        // -p alone on a weighted domain leaves slice 0, below SLICE_MIN (S5.5).
        assertEquals("slice 0ns is outside Xen's 5us..period 30ms (S5.5): Invalid argument",
                adjustError(WEIGHT_3, "-d vm1 -p 30"));
        assertEquals("period 20s is outside Xen's 10us..10s (S5.4): Invalid argument",
                adjustError(HARD_20_5, "-d vm1 -p 20000"));
    }

    @Test
    void parseXl_weight_clearsPeriodAndSlice() {
        assertEquals(new SedfParams(0, 0, 0, false, 2), adjust(HARD_20_5, "-d vm1 -w 2"));
        // Neither -w nor -p/-s: a weighted domain keeps its weight, a time-driven one its reservation.
        assertEquals(new SedfParams(0, 0, 7 * MS, true, 3), adjust(WEIGHT_3, "-d vm1 -l 7"));
        assertEquals(new SedfParams(20 * MS, 5 * MS, 0, true, 0), adjust(HARD_20_5, "-d vm1 -e 1"));
        // Long options as xl's getopt takes them.
        assertEquals(new SedfParams(0, 0, 0, false, 4), adjust(WEIGHT_3, "--domain=vm1 --weight=4 --extratime=0"));
    }

    @Test
    void parseXl_weightZeroOrNegative_isRefusedWhenApplied() {
        // S5.5: period and weight both 0 is EINVAL.
        assertEquals("period and weight both 0: Invalid argument (S5.5)", adjustError(HARD_20_5, "-d vm1 -w 0"));
        assertEquals("weight -1 must not be negative", adjustError(WEIGHT_3, "-d vm1 -w -1"));
    }

    @Test
    void parseXl_malformed_isRefused() {
        assertEquals("sched-sedf needs -d DOMAIN to change anything", message(() -> codec.parseXl(List.of("-w", "2"))));
        assertEquals("-e takes 0 or 1", message(() -> codec.parseXl(List.of("-d", "vm1", "-e", "2"))));
        assertEquals("-w cannot be combined with -p or -s (xl clears the one with the other)",
                message(() -> codec.parseXl(List.of("-d", "vm1", "-w", "2", "-s", "5"))));
        assertEquals("-w cannot be combined with -p or -s (xl clears the one with the other)",
                message(() -> codec.parseXl(List.of("-d", "vm1", "-p", "20", "-w", "2"))));
        assertEquals("sched-sedf: -p needs a whole number, not '2.5'",
                message(() -> codec.parseXl(List.of("-d", "vm1", "-p", "2.5"))));
        assertEquals("sched-sedf: invalid option -- 'b'", message(() -> codec.parseXl(List.of("-d", "vm1", "-b", "5"))));
    }
}
