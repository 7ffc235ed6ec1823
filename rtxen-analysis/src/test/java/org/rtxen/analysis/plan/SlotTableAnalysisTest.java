package org.rtxen.analysis.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.supply.SlotSupply;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.SlotTable;

/** The ARINC653 slot-table supply and the demand tests against it, every expectation derived by hand. */
class SlotTableAnalysisTest {

    @Test
    void oneSlot_sbfIsTheFrameShiftedByTheLongestGap() {
        // Frame 10, slot [2, 5). The worst window starts at the slot's end, 5: nothing until 12 (gap 7), then 3 units
        // in [12, 15), nothing until 22, then again.
        SlotSupply s = new SlotSupply(10, new long[] {2}, new long[] {5}, new long[] {0});
        assertEquals(0, s.sbf(7));
        assertEquals(1, s.sbf(8));
        assertEquals(3, s.sbf(10));
        assertEquals(3, s.sbf(17));
        assertEquals(4, s.sbf(18)); // [5, 23]: [12, 15) and [22, 23)
        assertEquals(Rational.of(3, 10), s.rate());
    }

    @Test
    void twoSlots_sbfAndLinearOffset() {
        // Frame 10, slots [0, 2) and [5, 7): from either end the next slot starts 3 later.
        SlotSupply s = new SlotSupply(10, new long[] {0, 5}, new long[] {2, 7}, new long[] {0, 0});
        assertEquals(0, s.sbf(3));
        assertEquals(1, s.sbf(4));
        assertEquals(2, s.sbf(5));
        assertEquals(2, s.sbf(8));
        assertEquals(3, s.sbf(9));
        // rate 4/10; rate·t − sbf(t) is largest where supply resumes: t = 3 (1.2 − 0) and t = 8 (3.2 − 2).
        assertEquals(Rational.of(6, 5), s.lsbfOffset());
    }

    @Test
    void overheadLoss_shortensEachSlotAtItsStart() {
        // Frame 10, slot [0, 4) losing 1: the worst window starts 1 before the slot's end (at 3) and then gets the
        // next slot's effective part [11, 14) only: sbf(t) = min(3, max(0, t − 8)).
        SlotSupply s = new SlotSupply(10, new long[] {0}, new long[] {4}, new long[] {1});
        assertEquals(0, s.sbf(8));
        assertEquals(1, s.sbf(9));
        assertEquals(3, s.sbf(11));
        assertEquals(3, s.perFrame());
    }

    @Test
    void overheadLoss_countsWakesOfTheSameDomainsOtherVcpusAndOfBusyGuestsAtTheirStart() {
        // Frame 10ms: vm0's VCPU 0 runs in [0, 5ms), its VCPU 1 in [5ms, 10ms); schedule cost 1ms, no switch cost, so
        // δ = 1ms at each slot's start. Task b on VCPU 1 (period 10ms) wakes VCPU 1 at most ⌈5ms/10ms⌉ + 1 = 2 times
        // during VCPU 0's slot, each wake a reschedule of the pCPU (A3.5) that costs VCPU 0 1ms: loss 3ms, 2ms of
        // the 5ms left. (Counting only other domains' wakes gave 4ms, and a job of 3ms released 1ms before VCPU 0's
        // slot ends, task a below, finished 1ms after its deadline.)
        long ms = 1_000_000;
        SlotTable table = table(10 * ms, new Slot("vm0", 0, 5 * ms), new Slot("vm0", 1, 5 * ms));
        GuestSpec twoVcpus = new GuestSpec(GuestScheduler.EDF, Placement.PARTITIONED, false, List.of(
                task("a", 10 * ms, 3 * ms, 0), task("b", 10 * ms, ms, 1)));
        DomainSpec vm0 = new DomainSpec("vm0", false, "p", 2, null, List.of(), twoVcpus);
        Overheads schedule = new Overheads(ms, 0, 0);
        assertEquals(2 * ms, SlotTableAnalysis.supplyOf(table, "vm0", 0, List.of(vm0), schedule).perFrame());
        assertEquals(2 * ms, SlotTableAnalysis.supplyOf(table, "vm0", 1, List.of(vm0), schedule).perFrame());
        // vm1, a busy guest without a slot, wakes its VCPU once, when it starts, which may fall in either slot:
        // one more 1ms each.
        DomainSpec vm1 = new DomainSpec("vm1", false, "p", 1, null, List.of(), List.of(), 11 * ms,
                new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of()));
        assertEquals(ms, SlotTableAnalysis.supplyOf(table, "vm0", 0, List.of(vm0, vm1), schedule).perFrame());
    }

    private record Slot(String domain, int vcpu, long runtimeNs) implements SlotTable.Slot {}

    private static SlotTable table(long frame, Slot... slots) {
        return new SlotTable() {
            @Override
            public long majorFrameNs() {
                return frame;
            }

            @Override
            public List<Slot> slots() {
                return List.of(slots);
            }
        };
    }

    private static TaskSpec task(String name, long period, long wcet, int vcpu) {
        return new TaskSpec(name, period, wcet, period, 0, TaskSpec.NO_PRIORITY, vcpu, new ExecTimeModel.Wcet());
    }

    @Test
    void edf_againstOneSlot_passesOrNamesTheWindow() {
        // Frame 10, slot [0, 4): sbf(t) = max(0, t − 6) up to 4 in the first frame.
        SlotSupply s = new SlotSupply(10, new long[] {0}, new long[] {4}, new long[] {0});
        // (T 10, C 3, D 10): dbf(10) = 3 ≤ sbf(10) = 4; later deadlines gain 3 per 10 against 4 per 10.
        assertEquals("", SlotTableAnalysis.edf(List.of(new Task("a", 10, 3, 10)), s));
        // D 8: dbf(8) = 3 > sbf(8) = 2.
        String r = SlotTableAnalysis.edf(List.of(new Task("a", 10, 3, 8)), s);
        assertTrue(r.contains("window of 8ns") && r.contains("need 3ns") && r.contains("only 2ns"), r);
        // Utilization 0.5 above the slot's 0.4: fails on the rate alone.
        assertTrue(SlotTableAnalysis.edf(List.of(new Task("a", 10, 5, 10)), s).contains("below"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void edf_horizonPastTheLongs_isNotAnalysed_unlessADeadlineBelowFails() {
        // Frame 2^40, slot [0, 2^39): rate 1/2, and at multiples of the frame sbf(t) = t/2 (the worst window starts at
        // the slot's end and holds k whole slots). (T 2^61, C 2^60 − 1, D T): U = 1/2 − 2^−61, so the linear bounds
        // settle it only near 2^61 times the supply's offset, far past 2^63. Its three deadlines below 2^63 pass
        // (dbf = k(2^60 − 1) ≤ k·2^60 = sbf), which shows nothing about the deadlines beyond: not "schedulable".
        long frame = 1L << 40;
        SlotSupply s = new SlotSupply(frame, new long[] {0}, new long[] {frame / 2}, new long[] {0});
        String r = SlotTableAnalysis.edf(List.of(new Task("a", 1L << 61, (1L << 60) - 1, 1L << 61)), s);
        assertTrue(r.startsWith("not analysed:") && r.contains("past 2^63 ns"), r);
        // D 2^61 − 2^38: the first deadline's window from the slot's end stops 2^38 into its last slot, so
        // sbf(D) ≤ (2^21 − 1)·2^39 + 2^38 = 2^60 − 2^38 < C: a failing deadline below the cut still decides.
        r = SlotTableAnalysis.edf(List.of(new Task("a", 1L << 61, (1L << 60) - 1, (1L << 61) - (1L << 38))), s);
        assertTrue(r.startsWith("in a window of"), r);
    }

    @Test
    void fixedPriority_againstOneSlot() {
        // Frame 10, slot [0, 4): sbf(20) = 8 ([4, 24] holds [10, 14) and [20, 24)).
        SlotSupply s = new SlotSupply(10, new long[] {0}, new long[] {4}, new long[] {0});
        Task hi = new Task("hi", 20, 2, 20);
        // hi: rbf(20) = 2 ≤ 8. lo (20, 4): its only point is 20, rbf = 4 + 2 = 6 ≤ 8.
        assertEquals("", SlotTableAnalysis.fp(List.of(hi, new Task("lo", 20, 4, 20)), s));
        // lo (20, 7): rbf(20) = 9 > 8.
        assertTrue(SlotTableAnalysis.fp(List.of(hi, new Task("lo", 20, 7, 20)), s).contains("task lo"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void edf_supplyEqualToUtilization_isDecidedUpToThePattern() {
        // Frame 30, slot [0, 10): from the slot's end (10) nothing until 30, so sbf(t) = max(0, t − 20) up to 10 per
        // frame. (T 30, C 10, D 30): U = 1/3 = rate; dbf(30k) = 10k ≤ sbf(30k) = 10k: schedulable (it used to
        // walk five million deadlines and answer "not shown").
        SlotSupply s = new SlotSupply(30, new long[] {0}, new long[] {10}, new long[] {0});
        assertEquals("", SlotTableAnalysis.edf(List.of(new Task("nav", 30, 10, 30)), s));
        // D 29: dbf(29) = 10 > sbf(29) = 9.
        assertTrue(SlotTableAnalysis.edf(List.of(new Task("nav", 30, 10, 29)), s).contains("window of 29ns"));
    }

    @Test
    void fp_withMillionsOfTestPoints_isRefusedUpFrontWithTheCount() {
        // Frame 10, slot [0, 5); hp task period 10, low task deadline 10^8: 1 + ⌊(10^8 − 1)/10⌋ = 10,000,000 points.
        SlotSupply s = new SlotSupply(10, new long[] {0}, new long[] {5}, new long[] {0});
        String r = SlotTableAnalysis.fp(List.of(new Task("hi", 10, 1, 10), new Task("lo", 100_000_000, 1,
                100_000_000)), s);
        assertTrue(r.contains("10,000,000 points") && r.contains("task lo"), r);
    }
}
