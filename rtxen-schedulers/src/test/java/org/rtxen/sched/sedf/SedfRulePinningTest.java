package org.rtxen.sched.sedf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.SwitchLog;

/**
 * SEDF rules that PIT found unpinned, each whole schedule derived by hand from the spec's S5 rules. The log has the
 * context switches and the moves between the queues: {@code "<µs> X waitq"} when X is put on the waitq (out of slice
 * until its next period) and {@code "<µs> X runq"} when it is put on the runq. Facts used throughout: a VCPU's first
 * wake finds deadl_abs 0, so it gets {@code now + slice} (S5.11.1) and is in a short block: its deadline moves a period
 * on, its first period starts at {@code now + slice}, and the whole slice is a penalty on the PEN queue with score
 * {@code (period<<10)/slice} (S5.11.3), which a time-driven VCPU of 10 ms/4 ms scores 2560. Hogs are runnable from
 * creation, so the first decision at 0 comes before the release of a task's first job at 0. Equal keys queue in
 * arrival order (S5.1 sorts runq and waitq but leaves ties open; this is the implementation's choice).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SedfRulePinningTest {
    /** Runs {@code s} with the invariant checker and returns its log before {@code untilNs} (see the class comment). */
    private static List<String> log(Scenario s, long untilNs) {
        SwitchLog r = new SwitchLog(untilNs, "waitq", "runq");
        Simulation.of(s, pool -> new SedfScheduler()).trace(r).observe(new InvariantChecker()).run();
        return r.entries();
    }

    private static List<String> schedule(String entries) {
        return List.of(entries.split("; "));
    }

    private static SedfParams timeDriven(long periodMs, long sliceMs, boolean extratime) {
        return new SedfParams(periodMs * MS, sliceMs * MS, 0, extratime, 0);
    }

    private static SedfParams extraOnly(int weight) {
        return new SedfParams(0, 0, 0, true, weight);
    }

    /**
     * S5.8's weighted round robin. One pCPU, hogs X and Y with extra time only, extraweights 1 and 2 (S5.5: slice 0,
     * period 100 ms), so their UTIL scores are 2^17 = 131072 and 65536. Both wake at 0 with deadline 0: a long block
     * (S5.11.4), deadline 100, period begun, so runq, and UTIL with score 0 (X, then Y behind the equal X). The
     * decision at 0 moves both best-effort VCPUs to their next period (S5.9: deadline 200, waitq from 100), so the pCPU
     * runs extra time in 500 us chunks (S5.10). Each chunk's end re-inserts the VCPU with its fresh score, taking its
     * previous score off every entry it passes (S5.8): X (old 0, 131072) goes behind Y (0): [Y 0, X 131072]; Y (old
     * 0, 65536) goes before X: [Y, X], Y again; Y (old 65536) takes X to 65536 and stays behind it: [X 65536, Y
     * 65536]; X (old 65536) takes Y to 0: [Y 0, X 131072], and so on: from 1.5 ms, X one chunk, Y two, every 1.5 ms.
     */
    @Test
    void extraTime_utilQueue_isAWeightedRoundRobinOfTheExtraweights() {
        Scenario s = ScenarioBuilder.host(1, 10 * MS)
                .domain("X", extraOnly(1), busy()).domain("Y", extraOnly(2), busy()).build();
        assertEquals(schedule("0 X runq; 0 Y runq; 0 X waitq; 0 Y waitq; 0 p0 X; 500 p0 Y; 1500 p0 X; 2000 p0 Y; "
                + "3000 p0 X; 3500 p0 Y; 4500 p0 X"), log(s, 5 * MS));
    }

    /**
     * S5.8's UTIL score without an extraweight: (period&lt;&lt;10)/slice. One pCPU, hogs A 20ms/10ms and B 20ms/5ms,
     * both with extra time: UTIL scores 2048 and 4096. At 0 (see the class comment) A's period starts at 10 (PEN
     * 2048), B's at 5 (PEN 4096); both join UTIL with score 0. Extra time until 5 (S5.10): PEN A 0-0.5, PEN B 0.5-1
     * (each PEN run repays the penalty, S5.8), then UTIL: A (old 0, new 2048) behind B: B 1.5; B (old 0, 4096) behind
     * A: A 2; A (old 2048) takes B to 2048 and goes behind it: B 2.5; B (old 2048) takes A to 0: A 3; A (old 0, 2048)
     * goes before B (4096): A again 3.5; A (old 2048) takes B to 2048: B 4; A 4.5. At 5 B's period begins: B runs
     * its 5 ms slice, and at 10, out of slice, it waits for 25 while A's period [10, 30) begins (S5.7, S5.9).
     */
    @Test
    void extraTime_utilScoreOfATimeDrivenVcpu_isItsInverseUtilisation() {
        Scenario s = ScenarioBuilder.host(1, 20 * MS)
                .domain("A", timeDriven(20, 10, true), busy()).domain("B", timeDriven(20, 5, true), busy()).build();
        assertEquals(schedule("0 A waitq; 0 B waitq; 0 p0 A; 500 p0 B; 1000 p0 A; 1500 p0 B; 2000 p0 A; 2500 p0 B; "
                + "3000 p0 A; 4000 p0 B; 4500 p0 A; 5000 B runq; 5000 p0 B; 10000 B waitq; 10000 A runq; 10000 p0 A"),
                log(s, 10_500_000));
    }

    /**
     * S5.11.6, a wake during PEN extra time. One pCPU: hog U 10 ms/uSlice ms without extra time, and T 10ms/4ms
     * without extra time whose 0.4 ms jobs come every 10 ms from 0.2 ms. At 0 U's period starts at uSlice and its
     * penalty run starts: PEN score (10&lt;&lt;10)/uSlice. T wakes at 0.2: its period starts at 4.2 (waitq), PEN 2560.
     * T preempts U's PEN run only with a strictly lower score (uSlice 2: 5120); with uSlice 4 (2560, equal) or 5
     * (2048) U keeps its 500 us and T's penalty runs next. T's job ends 0.4 ms into its PEN run, T blocks and leaves
     * every queue (S5.8); the pCPU idles until U's period, which U runs, and idles again. T's job at 10.2 finds it
     * inside its period [4.2, 14.2) with its slice unused: another short block (S5.11.3), whose PEN run starts at
     * once on the idle pCPU.
     */
    @ParameterizedTest(name = "U slice {0} ms")
    @CsvSource(delimiter = '|', value = {
        "2|0 U waitq; 0 p0 U; 200 T waitq; 200 p0 T; 600 p0 idle; 2000 U runq; 2000 p0 U; 4000 U waitq; 4000 p0 idle",
        "4|0 U waitq; 0 p0 U; 200 T waitq; 500 p0 T; 900 p0 idle; 4000 U runq; 4000 p0 U; 8000 U waitq; 8000 p0 idle",
        "5|0 U waitq; 0 p0 U; 200 T waitq; 500 p0 T; 900 p0 idle; 5000 U runq; 5000 p0 U; 10000 U waitq; "
                + "10000 p0 idle"})
    void wake_duringPenExtraTime_preemptsOnlyWithAStrictlyLowerPenScore(long uSlice, String until10) {
        Scenario s = ScenarioBuilder.host(1, 20 * MS).domain("U", timeDriven(10, uSlice, false), busy())
                .domain("T", timeDriven(10, 4, false), periodic(10 * MS, 400_000, 200_000)).build();
        List<String> expected = new ArrayList<>(schedule(until10));
        expected.addAll(schedule("10200 T waitq; 10200 p0 T; 10600 p0 idle"));
        assertEquals(expected, log(s, 11 * MS));
    }

    /**
     * S5.11.6 during UTIL extra time, and S5.10's short tail. One pCPU: hog X with extra time only (weight 1), and T
     * 10ms/4ms without extra time whose 0.4 ms jobs come every 5.2 ms from 0. X is in extra time from 0 (as in the
     * weighted round robin test); T's first job preempts it (T wants PEN), its PEN run ends the job at 0.4 and T leaves
     * the queues. X runs UTIL chunks from 0.4. At 5.2 T is in its period [4, 14) with its slice unused: short block,
     * PEN wanted, so it preempts X's UTIL run: 5.2-5.6. At 10.4 T wakes before its next period (14): it wants no PEN
     * any more (the PEN run repaid it, S5.8) and has no extra time, so it waits on the waitq (S5.11.2) and does not
     * preempt X. X's chunks from 5.6 end at 13.6, when only 0.4 ms are left until T's period: less than 500 us, so
     * the pCPU idles until 14 (S5.10). T runs its job 14-14.4 in its slice; at 15.6 it is in its period [14, 24) with
     * 3.6 ms left: a penalty again, which preempts X.
     */
    @Test
    void wake_duringUtilExtraTime_preemptsOnlyWhenItWantsPen() {
        Scenario s = ScenarioBuilder.host(1, 20 * MS)
                .domain("T", timeDriven(10, 4, false), periodic(5_200_000, 400_000, 0))
                .domain("X", extraOnly(1), busy()).build();
        assertEquals(schedule("0 X runq; 0 X waitq; 0 p0 X; 0 T waitq; 0 p0 T; 400 p0 X; 5200 T waitq; 5200 p0 T; "
                + "5600 p0 X; 10400 T waitq; 13600 p0 idle; 14000 T runq; 14000 p0 T; 14400 p0 X; 15600 T waitq; "
                + "15600 p0 T; 16000 p0 X"), log(s, 16_500_000));
    }

    /**
     * S5.11.6: a woken VCPU whose period starts before the current slice expires preempts even an EDF VCPU. One
     * pCPU: hog E 100ms/50ms and T 10ms/2ms, both without extra time; T has 1 ms jobs every 30 ms from 0. At 0 E's
     * period starts at 50 (PEN 2048) and it takes its PEN run; T wakes: period from 2, PEN 5120, not lower, so E
     * keeps it; T's PEN run 0.5-1, idle, T's slice at 2 ends the job at 2.5. At 30 T's deadline 12 is past: a long
     * block (S5.11.4), period [30, 40) begun, the idle pCPU is preempted. E runs its slice from 50 until 100; T's job
     * at 60 is a long block again, with a period starting at 60, before E's slice expires at 100: T preempts E and,
     * with the earlier deadline (70 against 150), runs at once.
     */
    @Test
    void wake_periodStartingBeforeTheSliceExpires_preemptsAnEdfVcpu() {
        Scenario s = ScenarioBuilder.host(1, 70 * MS).domain("E", timeDriven(100, 50, false), busy())
                .domain("T", timeDriven(10, 2, false), periodic(30 * MS, 1 * MS, 0)).build();
        assertEquals(schedule("0 E waitq; 0 p0 E; 0 T waitq; 500 p0 T; 1000 p0 idle; 2000 T runq; 2000 p0 T; "
                + "2500 p0 idle; 30000 T runq; 30000 p0 T; 31000 p0 idle; 50000 E runq; 50000 p0 E; 60000 T runq; "
                + "60000 p0 T; 61000 p0 E"), log(s, 65 * MS));
    }

    /**
     * S5.9's missed deadline, and S5.7. One pCPU, hogs A and B of 10ms/8ms without extra time (160 % of the pCPU).
     * Both periods start at 8 (deadline 18); A, queued first, runs 8-16 and waits for 18 (S5.7); B runs until A's
     * period begins at 18 (S5.6.4), and at 18 its deadline is reached but not passed, so it keeps its slice and
     * runs on to 24. Out of slice, it is in its next period [18, 28) at once, behind A's equal deadline. A runs
     * 24-32; at 32 B, still at deadline 28, has missed it: deadline 38, cputime 0, runq behind A (38), which runs
     * its next slice 32-40. The same at 40 (B's deadline 38); at 48 B's deadline 48 is not passed and B runs.
     */
    @Test
    void updateQueues_missedDeadline_movesTheVcpuOnePeriodOnBehindEqualDeadlines() {
        Scenario s = ScenarioBuilder.host(1, 60 * MS)
                .domain("A", timeDriven(10, 8, false), busy()).domain("B", timeDriven(10, 8, false), busy()).build();
        assertEquals(schedule("0 A waitq; 0 B waitq; 0 p0 A; 500 p0 B; 1000 p0 idle; 8000 A runq; 8000 B runq; "
                + "8000 p0 A; 16000 A waitq; 16000 p0 B; 18000 A runq; 24000 B waitq; 24000 B runq; 24000 p0 A; "
                + "32000 A waitq; 32000 A runq; 32000 B runq; 40000 A waitq; 40000 A runq; 40000 B runq; "
                + "48000 A waitq; 48000 A runq; 48000 p0 B"), log(s, 50 * MS));
    }

    /**
     * S5.9's best-effort move by whole periods. As in the test above until 32, where B, behind A on the runq, gets
     * deadline 38 and A runs 32-40. At 39 B becomes extra-time only (S5.5: period 100 ms, slice 0, and, awake, it joins
     * UTIL). At 40 A has its next period [38, 48) at once; B, at the runq head with slice 0, gets deadline 38 + 100,
     * whose period start 38 is still past, so one more period: deadline 238, waitq from 138. A, behind schedule, has
     * its next period [48, 58) at once too; at 56 it waits for 58 and B fills the gap with UTIL chunks (S5.10).
     */
    @Test
    void updateQueues_bestEffortVcpuBehind_movesToAPeriodStartingInTheFuture() {
        Scenario s = ScenarioBuilder.host(1, 70 * MS)
                .domain("A", timeDriven(10, 8, false), busy()).domain("B", timeDriven(10, 8, false), busy())
                .commands(new Command.AdjustDomain(39 * MS, "extra only", "B", extraOnly(1))).build();
        assertEquals(schedule("0 A waitq; 0 B waitq; 0 p0 A; 500 p0 B; 1000 p0 idle; 8000 A runq; 8000 B runq; "
                + "8000 p0 A; 16000 A waitq; 16000 p0 B; 18000 A runq; 24000 B waitq; 24000 B runq; 24000 p0 A; "
                + "32000 A waitq; 32000 A runq; 32000 B runq; 40000 A waitq; 40000 A runq; 40000 B waitq; "
                + "48000 A waitq; 48000 A runq; 56000 A waitq; 56000 p0 B; 58000 A runq; 58000 p0 A; 66000 A waitq; "
                + "66000 p0 B; 68000 A runq; 68000 p0 A"), log(s, 69 * MS));
    }

    /**
     * Sleep (S5.11) of the running VCPU tickles its pCPU. One pCPU, hog A 10ms/4ms without extra time: PEN 0-0.5,
     * its slice from 4. Paused at 5, it is descheduled at once with 1 ms used. Unpaused at 6.5, inside its period
     * [4, 14): a short block with penalty 4 - 1 = 3 ms (S5.11.3), PEN run 6.5-7 on the idle pCPU, then its next
     * period [14, 24).
     */
    @Test
    void sleep_ofTheRunningVcpu_deschedulesItAtOnce() {
        Scenario s = ScenarioBuilder.host(1, 30 * MS).domain("A", timeDriven(10, 4, false), busy())
                .commands(new Command.Pause(5 * MS, "pause A", "A"), new Command.Unpause(6_500_000, "unpause A", "A"))
                .build();
        assertEquals(schedule("0 A waitq; 0 p0 A; 500 p0 idle; 4000 A runq; 4000 p0 A; 5000 p0 idle; 6500 A waitq; "
                + "6500 p0 A; 7000 p0 idle; 14000 A runq; 14000 p0 A; 18000 A waitq; 18000 p0 idle"), log(s, 21 * MS));
    }

    /**
     * Sleep (S5.11) of a queued VCPU takes it off every queue. One pCPU, hogs A 10ms/4ms and B 10ms/3ms without extra
     * time: PEN A 0-0.5, PEN B 0.5-1, B's period would start at 3 and A's at 4. B is paused at 2 on the waitq, so at
     * 3 nothing runs and A has its slice 4-8. Unpaused at 9, inside its period [3, 13) with the slice unused: a short
     * block (S5.11.3), PEN 9-9.5, then its period [13, 23): B 13-14, and at 14 A's period begins with a later
     * deadline (24), so B runs on to 16 and A 16-20 (S5.6.4).
     */
    @Test
    void sleep_ofAQueuedVcpu_takesItOffTheQueues() {
        Scenario s = ScenarioBuilder.host(1, 30 * MS)
                .domain("A", timeDriven(10, 4, false), busy()).domain("B", timeDriven(10, 3, false), busy())
                .commands(new Command.Pause(2 * MS, "pause B", "B"), new Command.Unpause(9 * MS, "unpause B", "B"))
                .build();
        assertEquals(schedule("0 A waitq; 0 B waitq; 0 p0 A; 500 p0 B; 1000 p0 idle; 4000 A runq; 4000 p0 A; "
                + "8000 A waitq; 8000 p0 idle; 9000 B waitq; 9000 p0 B; 9500 p0 idle; 13000 B runq; 13000 p0 B; "
                + "14000 A runq; 16000 B waitq; 16000 p0 A; 20000 A waitq; 20000 p0 idle"), log(s, 21 * MS));
    }

    /**
     * S5.11.2-4 at their boundaries. One pCPU, hog A 10ms/4ms without extra time: PEN 0-0.5, slice 4-8, then waitq
     * for its period [14, 24). Paused at 8.2 on the waitq, unpaused at:
     * <ul>
     * <li>14, exactly its period start: not "before its next period", so a short block (S5.11.3) with the whole
     * slice as penalty: PEN 14-14.5, period [24, 34);</li>
     * <li>24, exactly its deadline: not "within the period", so a long block (S5.11.4): period [24, 34) at once and
     * no penalty, so no extra time after the slice.</li>
     * </ul>
     */
    @ParameterizedTest(name = "unpause at {0} ms")
    @CsvSource(delimiter = '|', value = {
        "14|14000 A waitq; 14000 p0 A; 14500 p0 idle; 24000 A runq; 24000 p0 A; 28000 A waitq; 28000 p0 idle",
        "24|24000 A runq; 24000 p0 A; 28000 A waitq; 28000 p0 idle"})
    void wake_exactlyAtThePeriodStartOrDeadline(long unpauseMs, String after8) {
        Scenario s = ScenarioBuilder.host(1, 40 * MS).domain("A", timeDriven(10, 4, false), busy())
                .commands(new Command.Pause(8_200_000, "pause A", "A"),
                        new Command.Unpause(unpauseMs * MS, "unpause A", "A"))
                .build();
        List<String> expected = new ArrayList<>(schedule("0 A waitq; 0 p0 A; 500 p0 idle; 4000 A runq; 4000 p0 A; "
                + "8000 A waitq; 8000 p0 idle"));
        expected.addAll(schedule(after8));
        assertEquals(expected, log(s, 30 * MS));
    }

    /**
     * S5.8 (blocked in UTIL extra time) and S5.11.4 (a long block joins UTIL). One pCPU, A 10ms/1ms with extra time,
     * 2.3 ms jobs every 30 ms from 0. At 0 its period starts at 1 (PEN 10240) and it joins UTIL: PEN 0-0.5, UTIL
     * 0.5-1, its slice 1-2, then UTIL chunks from 2 until the job ends at 2.3, when A blocks in UTIL time and leaves
     * every queue. Its job at 30 finds the deadline 21 past: a long block, period [30, 40), UTIL again: its slice
     * 30-31, then UTIL until the job ends at 32.3.
     */
    @Test
    void wake_longBlockOfAnExtraAwareVcpu_rejoinsUtil() {
        Scenario s = ScenarioBuilder.host(1, 40 * MS)
                .domain("A", timeDriven(10, 1, true), periodic(30 * MS, 2_300_000, 0)).build();
        assertEquals(schedule("0 A waitq; 0 p0 A; 1000 A runq; 2000 A waitq; 2300 p0 idle; 30000 A runq; 30000 p0 A; "
                + "31000 A waitq; 32300 p0 idle"), log(s, 35 * MS));
    }

    /**
     * S5.5 at run time. One pCPU, hog A 10ms/4ms without extra time: PEN 0-0.5, then its slice in [4+10k, 8+10k).
     * At 20, while it waits for its period [24, 34), it gets extra time: the parameters are stored and the extra
     * queues re-checked, so the awake A joins UTIL, and from 28, out of slice, it fills the pCPU with UTIL chunks
     * instead of idling. At 40.2 it becomes extra-time only (period 100 ms, slice 0, extraweight 1) while on the
     * waitq with deadline 54: its period now began at 54 - 100, so the decision at the end of its chunk (40.5) moves
     * it to the runq, and, best effort, on to its next period from 54 (S5.9); it keeps running in UTIL time, and at 54
     * moves on again.
     */
    @Test
    void adjust_atRunTime_extraTimeThenExtraTimeOnly() {
        Scenario s = ScenarioBuilder.host(1, 60 * MS).domain("A", timeDriven(10, 4, false), busy())
                .commands(new Command.AdjustDomain(20 * MS, "extratime", "A", timeDriven(10, 4, true)),
                        new Command.AdjustDomain(40_200_000, "extra only", "A", extraOnly(1))).build();
        assertEquals(schedule("0 A waitq; 0 p0 A; 500 p0 idle; 4000 A runq; 4000 p0 A; 8000 A waitq; 8000 p0 idle; "
                + "14000 A runq; 14000 p0 A; 18000 A waitq; 18000 p0 idle; 24000 A runq; 24000 p0 A; 28000 A waitq; "
                + "34000 A runq; 38000 A waitq; 40500 A runq; 40500 A waitq; 54000 A runq; 54000 A waitq"),
                log(s, 60 * MS));
    }

    /**
     * S5.5 and S5.9 with weights set and cleared at run time. One pCPU, hogs T 10ms/3ms and W 10ms/2ms without extra
     * time: PEN T (3413) 0-0.5, PEN W (5120) 0.5-1; W's periods start at 2+10k, T's at 3+10k, and W's earlier
     * deadline runs it first. At 20.2 W gets weight 1 while it waits for its period [22, 32): period 100 ms and slice
     * 100 - 5 - 30 = 65 ms (S5.5); its deadline stays 32, so its period began at -68 and the decision at 22 runs it
     * with 65 ms to use, cut at T's period start (23); from 23, its deadline 32 before T's 33, it runs on for 64 ms.
     * At 40.2, while it runs, it is time-driven 10ms/2ms again (weight 0). At 87 its run ends with 65 ms used: 2 are
     * its slice, 63 carry (S5.7), deadline 42, period begun, runq. Both have missed their deadlines (S5.9): T's 33
     * becomes 43, then the first period end after 87: 93; W's 42 becomes 52, then 92, and its carried time is
     * dropped. W runs its slice 87-89, T 89-92, W from its period start 92, cut at T's (93) and on to 94, then T.
     */
    @Test
    void adjust_atRunTime_weightThenTimeDriven_andTheMissedDeadlinesCatchUp() {
        Scenario s = ScenarioBuilder.host(1, 100 * MS)
                .domain("T", timeDriven(10, 3, false), busy()).domain("W", timeDriven(10, 2, false), busy())
                .commands(new Command.AdjustDomain(20_200_000, "weight", "W", new SedfParams(0, 0, 0, false, 1)),
                        new Command.AdjustDomain(40_200_000, "time-driven", "W", timeDriven(10, 2, false))).build();
        assertEquals(schedule("0 T waitq; 0 W waitq; 0 p0 T; 500 p0 W; 1000 p0 idle; 2000 W runq; 2000 p0 W; "
                + "3000 T runq; 4000 W waitq; 4000 p0 T; 7000 T waitq; 7000 p0 idle; 12000 W runq; 12000 p0 W; "
                + "13000 T runq; 14000 W waitq; 14000 p0 T; 17000 T waitq; 17000 p0 idle; 22000 W runq; 22000 p0 W; "
                + "23000 T runq; 87000 W waitq; 87000 W runq; 87000 T runq; 87000 W runq; 89000 W waitq; 89000 p0 T; "
                + "92000 T waitq; 92000 W runq; 92000 p0 W; 93000 T runq; 94000 W waitq; 94000 p0 T"), log(s, 95 * MS));
    }

    /**
     * S5.5's weighted slices are per pCPU, over the VCPUs placed there. Two pCPUs: T 10ms/3ms (one VCPU, on pCPU 0)
     * and W with weight 1 and two VCPUs, spread by S5.2 to pCPU 0 and pCPU 1. W.0 shares pCPU 0 with T's
     * reservation: 100 - 5 - 30 = 65 ms per 100 ms; W.1 is alone on pCPU 1: 95 ms.
     */
    @Test
    void weights_areSharedPerPcpu() {
        List<SedfScheduler> instances = new ArrayList<>();
        Simulation sim = Simulation.of(ScenarioBuilder.host(2, 1 * MS)
                .domain("T", timeDriven(10, 3, false), busy())
                .domain("W", null, 2, new SedfParams(0, 0, 0, false, 1), List.of(), busy()).build(), pool -> {
                    SedfScheduler sedf = new SedfScheduler();
                    instances.add(sedf);
                    return sedf;
                });
        sim.run();
        List<Vcpu> w = sim.host().domains().get(1).vcpus();
        assertEquals(65 * MS, instances.get(0).sliceOf(w.get(0)));
        assertEquals(95 * MS, instances.get(0).sliceOf(w.get(1)));
    }

    /**
     * S5.11.2: a VCPU woken before its next period begins goes back on the PEN queue if it still wants its penalty,
     * and on the UTIL queue if it is extra-aware. One pCPU, hogs A 10ms/1ms (PEN 10240, extra time or not) and B
     * 10ms/4ms without extra time (PEN 2560). At 0 A's period starts at 1, B's at 4, and B's lower score takes the
     * first PEN run (0-0.5). A is paused at 0.2 on the waitq with its penalty not yet run: it leaves every queue and
     * keeps WANT_PEN_Q (S5.11, sleep). Unpaused at 0.3, before its period: waitq, and PEN again (and UTIL if aware);
     * B's PEN run keeps the pCPU (A's score is not lower). At 0.5 A runs its PEN time until its slice 1-2. Then B's
     * period is at 4: without extra time the pCPU idles 2-4; extra-aware, A runs UTIL time 2-4. B runs its slice
     * 4-8; after it A's UTIL time again, or idle.
     */
    @ParameterizedTest(name = "extratime {0}")
    @CsvSource(delimiter = '|', value = {
        "false|2000 A waitq; 2000 p0 idle; 4000 B runq; 4000 p0 B; 8000 B waitq; 8000 p0 idle",
        "true|2000 A waitq; 4000 B runq; 4000 p0 B; 8000 B waitq; 8000 p0 A"})
    void wake_beforeItsPeriod_rejoinsTheExtraQueuesItIsOwed(boolean extratime, String from2) {
        Scenario s = ScenarioBuilder.host(1, 10 * MS)
                .domain("A", timeDriven(10, 1, extratime), busy()).domain("B", timeDriven(10, 4, false), busy())
                .commands(new Command.Pause(200_000, "pause A", "A"), new Command.Unpause(300_000, "unpause A", "A"))
                .build();
        List<String> expected = new ArrayList<>(schedule("0 A waitq; 0 B waitq; 0 p0 B; 300 A waitq; 500 p0 A; "
                + "1000 A runq"));
        expected.addAll(schedule(from2));
        assertEquals(expected, log(s, 9 * MS));
    }

    /**
     * S5.11.3: the penalty of a short block is the slice left, slice - cputime. One pCPU: T 10ms/4ms without extra
     * time, 2.5 ms jobs every 10 ms from 0, and U 10ms/4ms without extra time, one 1 ms job at 9.9 ms. T's first wake
     * (class comment): period [4, 14), PEN 0-0.5, slice from 4 until its job ends at 6 with cputime 2. U wakes at
     * 9.9: period from 13.9, PEN 2560, run at once on the idle pCPU. T's job at 10 is a short block with penalty
     * 4 - 2 = 2 ms: PEN score (10&lt;&lt;10)/2 = 5120, not lower than U's, so U keeps its PEN run to 10.4 (S5.11.6),
     * then T's PEN run 10.4-10.9, then idle until U's period. A penalty of 4 + 2 ms would score 1706 and preempt U
     * at 10.
     */
    @Test
    void wake_shortBlock_penaltyIsTheSliceLeft() {
        Scenario s = ScenarioBuilder.host(1, 20 * MS)
                .domain("T", timeDriven(10, 4, false), periodic(10 * MS, 2_500_000, 0))
                .domain("U", timeDriven(10, 4, false), periodic(100 * MS, 1 * MS, 9_900_000)).build();
        assertEquals(schedule("0 T waitq; 0 p0 T; 500 p0 idle; 4000 T runq; 4000 p0 T; 6000 p0 idle; 9900 U waitq; "
                + "9900 p0 U; 10000 T waitq; 10400 p0 T; 10900 p0 idle"), log(s, 11 * MS));
    }

    /**
     * S5.11.3: a short block with no slice left owes no penalty. One pCPU, T 10ms/4ms without extra time, 2.5 ms jobs
     * every 10 ms from 0: period [4, 14), PEN 0-0.5, slice from 4 until its job ends at 6 with cputime 2. Its slice is
     * cut to 1 ms at 7 (S5.5) while it is blocked. Its job at 10 is a short block with penalty max(0, 1 - 2) = 0: no
     * PEN run, so the pCPU idles until its period [14, 24) (deadline 24), whose 1 ms slice T runs 14-15.
     */
    @Test
    void wake_shortBlockWithTheSliceUsedUp_owesNoPenalty() {
        Scenario s = ScenarioBuilder.host(1, 20 * MS)
                .domain("T", timeDriven(10, 4, false), periodic(10 * MS, 2_500_000, 0))
                .commands(new Command.AdjustDomain(7 * MS, "slice cut", "T", timeDriven(10, 1, false))).build();
        assertEquals(schedule("0 T waitq; 0 p0 T; 500 p0 idle; 4000 T runq; 4000 p0 T; 6000 p0 idle; 10000 T waitq; "
                + "14000 T runq; 14000 p0 T; 15000 T waitq; 15000 p0 idle"), log(s, 16 * MS));
    }

    /**
     * S5.11.6: a waker preempts when its period starts strictly before the current slice expires. One pCPU: hog T
     * 10ms/4ms without extra time (PEN 0-0.5, slice 4-8, then the waitq for [14, 24)) and hog X with extra time only
     * (weight 1), whose UTIL chunks fill 0.5-4 and 8-14 in 500 us steps (S5.10). T is paused at 9 on the waitq and
     * unpaused at 13.7, before its period: no PEN wanted (repaid at 0.5) and no extra time, so it waits on the waitq;
     * its period starts at 14, exactly when X's chunk 13.5-14 expires, so X keeps the pCPU until T runs at 14.
     * Preempting would leave 0.3 ms until 14, less than a chunk: idle from 13.7.
     */
    @Test
    void wake_periodStartingWhenTheCurrentSliceExpires_doesNotPreempt() {
        Scenario s = ScenarioBuilder.host(1, 20 * MS)
                .domain("T", timeDriven(10, 4, false), busy()).domain("X", extraOnly(1), busy())
                .commands(new Command.Pause(9 * MS, "pause T", "T"), new Command.Unpause(13_700_000, "unpause T", "T"))
                .build();
        assertEquals(schedule("0 T waitq; 0 X runq; 0 X waitq; 0 p0 T; 500 p0 X; 4000 T runq; 4000 p0 T; "
                + "8000 T waitq; 8000 p0 X; 13700 T waitq; 14000 T runq; 14000 p0 T"), log(s, 15 * MS));
    }

    /**
     * S5.5's re-check of the extra queues: a VCPU whose extra time is cleared while it is not running extra time
     * leaves UTIL. One pCPU, hog A 10ms/4ms with extra time: PEN 0-0.5, UTIL 0.5-4, its slice 4-8. At 5, in its slice,
     * its extra time is cleared: it leaves UTIL, so at 8, out of slice until its period [14, 24), the pCPU idles.
     * Staying on UTIL it would run one more chunk, 8-8.5, and then not be re-queued (S5.8).
     */
    @Test
    void adjust_extraTimeClearedOutsideExtraTime_leavesTheUtilQueue() {
        Scenario s = ScenarioBuilder.host(1, 20 * MS).domain("A", timeDriven(10, 4, true), busy())
                .commands(new Command.AdjustDomain(5 * MS, "no extratime", "A", timeDriven(10, 4, false))).build();
        assertEquals(schedule("0 A waitq; 0 p0 A; 4000 A runq; 8000 A waitq; 8000 p0 idle; 14000 A runq; 14000 p0 A"),
                log(s, 15 * MS));
    }

    /**
     * S5.5: extra-time only sets the weight to 0, so a weighted VCPU made extra-time only at run time keeps no
     * weighted slice. One pCPU, hog W with weight 1 alone: slice 95 ms, period 100 ms. Its first wake: period [95,
     * 195), PEN 0-0.5, then idle (no extra time). At 1 it becomes extra-time only (extraweight 1, slice 0, the period
     * still 100 ms) and joins UTIL (no decision is taken then). At 95 its period begins: runq, and, best effort (slice
     * 0), on to its next period from 195 (S5.9): waitq, and it runs UTIL time. With its weight kept, the weighted
     * slices would give it 95 ms again, and it would run its slice from 95 as an EDF VCPU.
     */
    @Test
    void adjust_weightedVcpuMadeExtraTimeOnly_dropsItsWeight() {
        Scenario s = ScenarioBuilder.host(1, 100 * MS).domain("W", new SedfParams(0, 0, 0, false, 1), busy())
                .commands(new Command.AdjustDomain(1 * MS, "extra only", "W", extraOnly(1))).build();
        assertEquals(schedule("0 W waitq; 0 p0 W; 500 p0 idle; 95000 W runq; 95000 W waitq; 95000 p0 W"),
                log(s, 96 * MS));
    }

    /**
     * S5.8: a VCPU that blocks in its PEN run leaves the other extra queue too. One pCPU: hog X with extra time only
     * (weight 1), and A 10ms/4ms with extra time whose 0.3 ms jobs come every 10 ms from 0. X takes a UTIL chunk at 0
     * (as in the weighted round robin test); A's first wake wants PEN, so it preempts X at once (S5.11.6), joining UTIL
     * ahead of X (score 0; X's reinsertion at 131072 goes behind it). A's job ends 0.3 ms into its PEN run: A blocks,
     * leaves PEN and UTIL, and X runs UTIL chunks from 0.3. At 10 A's job is a short block in [4, 14) with its slice
     * unused: PEN again, preempting X's UTIL time, until it blocks at 10.3. Left on UTIL while blocked, A would head
     * it at 0.3.
     */
    @Test
    void deschedExtra_blockedInAPenRun_leavesTheUtilQueue() {
        Scenario s = ScenarioBuilder.host(1, 20 * MS).domain("X", extraOnly(1), busy())
                .domain("A", timeDriven(10, 4, true), periodic(10 * MS, 300_000, 0)).build();
        assertEquals(schedule("0 X runq; 0 X waitq; 0 p0 X; 0 A waitq; 0 p0 A; 300 p0 X; 10000 A waitq; 10000 p0 A; "
                + "10300 p0 X"), log(s, 11 * MS));
    }
}
