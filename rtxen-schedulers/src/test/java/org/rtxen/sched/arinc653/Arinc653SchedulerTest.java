package org.rtxen.sched.arinc653;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rtxen.model.Time.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/**
 * The ARINC653 scheduler on hand-derived timelines: slots run in table order and the unassigned end of the frame idles
 * (A3.4, A3.8), a blocked owner's slot stays idle (7.A1), a VCPU that wakes or sleeps inside its slot (A3.5), one table
 * serialising the pool's pCPUs, also as pCPUs leave and rejoin the pool and when a domain is migrated into it (A3.7),
 * frames kept on their anchor after a late decision or a table installed at run time (A3.4.1, A3.2), a full table with
 * an idle tail (A3.9), a VCPU kept on its current pCPU (A3.6, F17), the control domain's slots (A3.3), and the table's
 * limits at their edges (A3.2).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Arinc653SchedulerTest {
    private static final Arinc653Params NONE = new Arinc653Params();

    /** Slots [A:10 ms, B:20 ms] in a 40 ms major frame (the worked example of A3.8). */
    private static final Arinc653Schedule A10_B20_IN_40 = new Arinc653Schedule(40 * MS,
            List.of(new Arinc653Slot("A", 0, 10 * MS), new Arinc653Slot("B", 0, 20 * MS)));

    /** One pCPU running the table {@link #A10_B20_IN_40} for {@code durationNs}. */
    private static ScenarioBuilder arinc(long durationNs) {
        return ScenarioBuilder.host(1, durationNs).scheduler("arinc653", A10_B20_IN_40);
    }

    /** Runs {@code scenario} and returns "time:vcpu" for every change of pCPU 0's current VCPU. */
    private static List<String> switches(Scenario scenario) {
        List<String> out = new ArrayList<>();
        Simulation sim = Simulation.of(scenario, Schedulers.factory());
        Vcpu[] last = {sim.host().pcpu(0).idleVcpu()}; // every pCPU starts idle
        sim.observe(s -> {
            Vcpu cur = s.host().pcpu(0).current();
            if (cur != last[0]) {
                last[0] = cur;
                out.add(s.now() / MS + ":" + (cur.isIdle() ? "idle" : cur.domain().name() + "v" + cur.index()));
            }
        });
        sim.observe(new InvariantChecker());
        sim.run();
        return out;
    }

    @Test
    void schedule_twoSlotsInLongerFrame_runsSlotsThenIdlesRestOfFrame() {
        // A3.4 / A3.8 worked example: the table is installed at 0, so frames start at 0, 40, 80 ms. Each frame:
        // [0,10) A, [10,30) B, [30,40) idle because the table leaves 10 ms unassigned.
        Scenario s = arinc(80 * MS).domain("A", NONE, busy()).domain("B", NONE, busy()).build();
        assertEquals(List.of("0:Av0", "10:Bv0", "30:idle", "40:Av0", "50:Bv0", "70:idle"), switches(s));
    }

    @Test
    void schedule_slotVcpuBlocked_slotStaysIdle() {
        // 7.A1: B's guest has no work, so its VCPU is blocked; its 20 ms slot is not given to A: the pCPU idles
        // from 10 ms to the end of the frame. Over 400 ms (10 frames) A runs 10 x 10 ms and B nothing.
        Scenario s = arinc(400 * MS).domain("A", NONE, busy()).domain("B", NONE, GuestSpec.IDLE).build();
        assertEquals(List.of("0:Av0", "10:idle", "40:Av0", "50:idle", "80:Av0", "90:idle"), switches(s).subList(0, 6));
        var r = Runs.checked(s);
        assertEquals(100 * MS, r.domains().get(0).runNs());
        assertEquals(0, r.domains().get(1).runNs());
        assertEquals(100 * MS, r.pcpus().get(0).busyNs());
    }

    @Test
    void schedule_slotVcpuWakesMidSlot_runsForRestOfSlot() {
        // A3.5: A's only job (40 ms period, 5 ms, released at 3 ms) wakes A inside its own slot [0,10): it runs
        // [3,8) at once, then blocks; the rest of the slot idles; B (busy) runs its slot [10,30).
        Scenario s = arinc(40 * MS).domain("A", NONE, periodic(40 * MS, 5 * MS, 3 * MS)).domain("B", NONE, busy()).build();
        assertEquals(List.of("3:Av0", "8:idle", "10:Bv0", "30:idle"), switches(s));
    }

    @Test
    void schedule_twoPcpusSharedTable_slotsSerialiseAcrossPcpus() {
        // A3.7: one table for the pool, so both pCPUs follow the same slot. Slots [A:10 ms, B:10 ms] in a 20 ms
        // frame, A on pCPU 0 and B pinned to pCPU 1: in A's slot pCPU 1 idles (the slot's VCPU is not assigned to
        // it and the scheduler never migrates, A3.4.7), in B's slot pCPU 0 idles. Over 200 ms (10 frames) each
        // runs 10 x 10 ms and each pCPU is busy 100 ms.
        Arinc653Schedule table = new Arinc653Schedule(20 * MS,
                List.of(new Arinc653Slot("A", 0, 10 * MS), new Arinc653Slot("B", 0, 10 * MS)));
        Scenario s = ScenarioBuilder.host(2, 200 * MS).scheduler("arinc653", table)
                .domain("A", null, 1, NONE, List.of(0), busy())
                .domain("B", null, 1, NONE, List.of(1), busy()).build();
        var r = Runs.checked(s);
        assertEquals(100 * MS, Runs.domain(r, "A").runNs());
        assertEquals(100 * MS, Runs.domain(r, "B").runNs());
        assertEquals(100 * MS, r.pcpus().get(0).busyNs());
        assertEquals(100 * MS, r.pcpus().get(1).busyNs());
        assertEquals(List.of("0:Av0", "10:idle", "20:Av0", "30:idle"), switches(s).subList(0, 4));
    }

    @Test
    void cpupoolCpuRemoveAndAdd_atRunTime_leaveTheTableRunningOnItsPcpu() {
        // The pool may lose and regain pCPUs at run time: a pCPU that joins gets its own decision and follows the one
        // pool-wide table (A3.7). A and B both start on pCPU 0 (VCPU index 0) and, since the scheduler never
        // migrates (A3.4.7), stay there; pCPU 1 leaves the pool at 100 ms and rejoins at 150 ms without ever running
        // a guest. pCPU 0 runs the A3.8 frames throughout: A 10 ms and B 20 ms of every 40 ms, 50 and 100 ms in 200.
        Scenario s = ScenarioBuilder.host(2, 200 * MS).scheduler("arinc653", A10_B20_IN_40)
                .domain("A", NONE, busy()).domain("B", NONE, busy())
                .commands(new Command.RemoveCpu(100 * MS, "cpupool-cpu-remove Pool-0 1", "Pool-0", 1),
                        new Command.AddCpu(150 * MS, "cpupool-cpu-add Pool-0 1", "Pool-0", 1)).build();
        var r = Runs.checked(s);
        assertEquals(50 * MS, Runs.domain(r, "A").runNs());
        assertEquals(100 * MS, Runs.domain(r, "B").runNs());
        assertEquals(0, r.pcpus().get(1).busyNs());
    }

    /**
     * A3.4.1 (since 4.21): a late decision starts the frame at the planned boundary, not at the decision. One pCPU,
     * table [A: 9.5 ms] in a 10 ms frame, A busy, every context switch costs 1 ms (the pCPU's softirq waits for a
     * switch to end). 0: A runs; 9.5: the slot ends, the pCPU switches to idle until 10.5, so the decision due at the
     * frame boundary 10 comes at 10.5: r = 0.5 ms late, the frame is [10, 20) and A's slot ends at 19.5. Likewise at
     * 20.5 (frame [20, 30), slot to 29.5). A runs [0, 9.5) + [10.5, 19.5) + [20.5, 29.5) = 27.5 ms of 30 ms. (Frames
     * started at the late decision, as before 4.21, drift: A [10.5, 20) + [21, 30) = 28 ms.)
     */
    @Test
    void schedule_lateDecision_keepsTheFramesOnTheirAnchor() {
        Arinc653Schedule table = new Arinc653Schedule(10 * MS, List.of(new Arinc653Slot("A", 0, 9_500_000L)));
        Scenario s = ScenarioBuilder.host(1, 30 * MS).scheduler("arinc653", table).overheads(new Overheads(0, MS, 0))
                .domain("A", NONE, busy()).build();
        assertEquals(27_500_000L, Runs.domain(Runs.checked(s), "A").runNs());
    }

    /**
     * A3.2 / 7.A2: a table installed at run time starts a frame at the instant it is installed, but takes effect only at
     * the next decision, which then finds itself late and keeps the frame on that anchor (A3.4.1). One pCPU, no table
     * at first (0 slots: idle, a decision every 10 ms, A3.3), A busy. At 3 ms the table [A: 9 ms] in a 10 ms frame is
     * installed: A's slot binds to its VCPU at once (A3.2), frames are [3, 13), [13, 23), ... The next decision is the
     * old 10 ms timer: r = (10 - 3) mod 10 = 7, so the frame is [3, 13) and A's slot ends at 3 + 9 = 12: A runs 10-12,
     * idles 12-13, runs 13-22, idles 22-23, runs 23-30. (Anchored at the late decision instead: A 10-19, 20-29.)
     */
    @Test
    void adjustGlobal_atRunTime_anchorsTheFramesAtTheInstallation() {
        Arinc653Schedule table = new Arinc653Schedule(10 * MS, List.of(new Arinc653Slot("A", 0, 9 * MS)));
        Scenario s = ScenarioBuilder.host(1, 30 * MS).scheduler("arinc653", new PoolParams.None())
                .domain("A", NONE, busy())
                .commands(new Command.AdjustPool(3 * MS, "table", "Pool-0", table)).build();
        assertEquals(List.of("10:Av0", "12:idle", "13:Av0", "22:idle", "23:Av0"), switches(s));
    }

    /**
     * A3.2 / A3.4 with a full table (64 entries) that leaves the end of the frame idle: 64 slots of 1 ms for A in a
     * 65 ms frame, A busy, 130 ms. A runs [0, 64) and [65, 129): 128 ms; the pCPU idles [64, 65) and [129, 130). At 64
     * the minor-frame step has passed the last entry and must not read a 65th (the 4.22 fix, A3.9).
     */
    @Test
    void schedule_fullTableWithIdleTail_runsEverySlotThenIdles() {
        List<Arinc653Slot> slots = new ArrayList<>();
        for (int i = 0; i < Arinc653Scheduler.MAX_SLOTS; i++) slots.add(new Arinc653Slot("A", 0, MS));
        Scenario s = ScenarioBuilder.host(1, 130 * MS).scheduler("arinc653", new Arinc653Schedule(65 * MS, slots))
                .domain("A", NONE, busy()).build();
        var r = Runs.checked(s);
        assertEquals(128 * MS, Runs.domain(r, "A").runNs());
        assertEquals(128 * MS, r.pcpus().get(0).busyNs());
    }

    /**
     * A3.5: sleep marks the VCPU not awake and, if it runs, makes its pCPU decide: the pCPU idles for the rest of the
     * slot. Table [A:10, B:20] in 40 ms, both busy; A is paused at 3 ms and unpaused at 35 ms (in the idle tail, so it
     * waits for its next slot): 0 A, 3 idle, 10 B, 30 idle, 40 A, 50 B, 70 idle. A 3 + 10 = 13 ms, B 40 ms in 80 ms.
     */
    @Test
    void sleep_ofTheRunningVcpu_idlesTheRestOfItsSlot() {
        Scenario s = arinc(80 * MS).domain("A", NONE, busy()).domain("B", NONE, busy())
                .commands(new Command.Pause(3 * MS, "pause A", "A"), new Command.Unpause(35 * MS, "unpause A", "A")).build();
        assertEquals(List.of("0:Av0", "3:idle", "10:Bv0", "30:idle", "40:Av0", "50:Bv0", "70:idle"), switches(s));
        var r = Runs.checked(s);
        assertEquals(13 * MS, Runs.domain(r, "A").runNs());
        assertEquals(40 * MS, Runs.domain(r, "B").runNs());
    }

    /**
     * A3.6 and F17: a VCPU stays on the pCPU it is on when it may run there. Two pCPUs, domain A with two VCPUs and no
     * pinning, table [(A, v1): 10 ms] in a 10 ms frame, A busy, 30 ms. Creation places v1 on the pool's second pCPU
     * (F17: successive pCPUs by VCPU index), and the pick keeps it there, so pCPU 1 runs v1 all the time while pCPU 0
     * and v0 (no slot) idle: pCPU 0 busy 0, pCPU 1 busy 30 ms.
     */
    @Test
    void pickCpu_allowedCurrentPcpu_isKept() {
        Arinc653Schedule table = new Arinc653Schedule(10 * MS, List.of(new Arinc653Slot("A", 1, 10 * MS)));
        var r = Runs.checked(ScenarioBuilder.host(2, 30 * MS).scheduler("arinc653", table)
                .domain("A", null, 2, NONE, List.of(), busy()).build());
        assertEquals(0, r.pcpus().get(0).busyNs());
        assertEquals(30 * MS, r.pcpus().get(1).busyNs());
    }

    /**
     * A3.7's usual set-up: a domain moved into a one-pCPU arinc653 pool (xl cpupool-migrate), where it gets the pool's
     * defaults (no per-domain parameters, A3.8). Pool-0: RTDS on pCPU 0; pool a653 on pCPU 1 with the table [A: 10 ms]
     * in 10 ms, installed at 0. A (RTDS 10 ms / 10 ms, busy) runs on pCPU 0 for 0-5 ms, moves at 5 ms; its slot binds
     * when it is inserted (A3.2) and it runs the rest of the slot [5, 10) and every later slot: 30 ms in all, pCPU 0
     * busy 5 ms and pCPU 1 25 ms.
     */
    @Test
    void cpupoolMigrate_intoTheArincPool_runsInItsSlotWithTheDefaults() {
        Arinc653Schedule table = new Arinc653Schedule(10 * MS, List.of(new Arinc653Slot("A", 0, 10 * MS)));
        var r = Runs.checked(ScenarioBuilder.host(2, 30 * MS)
                .pool("Pool-0", "rtds", new PoolParams.None(), 0)
                .pool("a653", "arinc653", table, 1)
                .domain("A", "Pool-0", 1, ScenarioBuilder.rtds(10, 10, false), List.of(), busy())
                .commands(new Command.MigrateDomain(5 * MS, "cpupool-migrate A a653", "A", "a653")).build());
        assertEquals(30 * MS, Runs.domain(r, "A").runNs());
        assertEquals(5 * MS, r.pcpus().get(0).busyNs());
        assertEquals(25 * MS, r.pcpus().get(1).busyNs());
    }

    /**
     * A3.3: control-domain VCPUs take slots only while slots remain (64). A control domain with 65 VCPUs on one pCPU:
     * v0..v63 get 10 ms slots in a 64 x 10 = 640 ms frame, v64 none. In 650 ms v0 runs [0, 10) and [640, 650), every
     * other slotted VCPU 10 ms, v64 nothing: the domain 650 ms.
     */
    @Test
    void insert_controlDomainWithMoreVcpusThanSlots_slotsTheFirst64() {
        DomainSpec dom0 = new DomainSpec("Domain-0", true, "Pool-0", Arinc653Scheduler.MAX_SLOTS + 1, NONE, List.of(), busy());
        Scenario s = new Scenario(650 * MS, 1, HostSpec.flat(1),
                List.of(new PoolSpec("Pool-0", "arinc653", List.of(0), new PoolParams.None())),
                List.of(dom0), Overheads.NONE);
        var vcpus = Runs.checked(s).domains().get(0).vcpus();
        assertEquals(20 * MS, vcpus.get(0).runNs());
        assertEquals(10 * MS, vcpus.get(63).runNs());
        assertEquals(0, vcpus.get(64).runNs());
        assertEquals(650 * MS, Runs.checked(s).domains().get(0).runNs());
    }

    @Test
    void insert_controlDomainWithoutTable_getsOne10msSlotPerVcpu() {
        // A3.3: no table installed; each of the control domain's 2 VCPUs is appended as a 10 ms slot, the second
        // one lengthening the 10 ms default frame to 20 ms: v0 [0,10), v1 [10,20), repeating.
        DomainSpec dom0 = new DomainSpec("Domain-0", true, "Pool-0", 2, NONE, List.of(), busy());
        Scenario s = new Scenario(40 * MS, 1, HostSpec.flat(1),
                List.of(new PoolSpec("Pool-0", "arinc653", List.of(0), new PoolParams.None())),
                List.of(dom0), Overheads.NONE);
        assertEquals(List.of("0:Domain-0v0", "10:Domain-0v1", "20:Domain-0v0", "30:Domain-0v1"), switches(s));
    }

    @Test
    void adjustGlobal_slotsLongerThanFrame_rejectedNamingTheProblem() {
        // A3.2: the sum of runtimes (10 + 20 ms) must not exceed the major frame (25 ms).
        Arinc653Scheduler sched = new Arinc653Scheduler();
        Arinc653Schedule tooLong = new Arinc653Schedule(25 * MS,
                List.of(new Arinc653Slot("A", 0, 10 * MS), new Arinc653Slot("B", 0, 20 * MS)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sched.adjustGlobal(tooLong));
        assertEquals("slots total 30000000ns, longer than major_frame 25000000ns", e.getMessage());
    }

    /**
     * A3.2's limits at their edges: major_frame must be above 0, a runtime above 0, and 1..64 entries (64 are accepted:
     * {@link #schedule_fullTableWithIdleTail_runsEverySlotThenIdles}).
     */
    @Test
    void adjustGlobal_limits_rejectedAtTheirEdges() {
        Arinc653Scheduler sched = new Arinc653Scheduler();
        assertEquals("major_frame must be positive, got 0ns", assertThrows(IllegalArgumentException.class,
                () -> sched.adjustGlobal(new Arinc653Schedule(0, List.of(new Arinc653Slot("A", 0, MS))))).getMessage());
        assertEquals("slot 0: runtime must be positive, got 0ns", assertThrows(IllegalArgumentException.class,
                () -> sched.adjustGlobal(new Arinc653Schedule(MS, List.of(new Arinc653Slot("A", 0, 0))))).getMessage());
        List<Arinc653Slot> slots = new ArrayList<>();
        for (int i = 0; i <= Arinc653Scheduler.MAX_SLOTS; i++) slots.add(new Arinc653Slot("A", 0, MS));
        assertEquals("schedule must have 1..64 slots, got 65", assertThrows(IllegalArgumentException.class,
                () -> sched.adjustGlobal(new Arinc653Schedule(65 * MS, slots))).getMessage());
    }
}
