package org.rtxen.sched.arinc653;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rtxen.model.Time.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.periodic;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.sched.Runs;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

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
}
