package org.rtxen.sched.rtds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.sched.ScenarioBuilder.MS;
import static org.rtxen.sched.ScenarioBuilder.busy;
import static org.rtxen.sched.ScenarioBuilder.guest;
import static org.rtxen.sched.ScenarioBuilder.rtds;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.InvariantChecker;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.sched.ScenarioBuilder;
import org.rtxen.sched.Schedulers;

/** Xen 4.17's replenishment queue ordered by priority level first (R6), reproducing E9. */
class RtdsReplqTest {

    /**
     * One pCPU. A: hog, 10ms/2ms, no extratime. X: 5ms/1ms with extratime, guest tasks t1 (5, 1.5) at 0 and
     * t2 (5, 0.5) at 4.5 ms. By hand: X runs t1 0-1 and drops to level 1; A runs 1-3 and depletes; X runs
     * 3-3.5, t1 completes and X blocks with level 1 (its replq entry is dropped, R30). t2 wakes X at 4.5 ms,
     * before its 5 ms deadline, so no deadline update (R28) and X re-enters replq behind A (level 0 beats
     * level 1 whatever the deadlines, R6). The timer stays armed for A at 10 ms, so at 5 ms nobody
     * replenishes X: at 5.2 ms it still has deadline 5 ms and runs at level 2 (E9). It is repaired only when
     * it wakes after its deadline, at t2's next release (9.5 ms): deadline 10 ms, level 0.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void wake_extratimeVcpuBeforeDeadline_queuesBehindLevelZeroAndMissesItsReplenishment() {
        TaskSpec t1 = new TaskSpec("t1", 5 * MS, 1_500_000, 5 * MS, 0, 0, -1, new ExecTimeModel.Wcet());
        TaskSpec t2 = new TaskSpec("t2", 5 * MS, 500_000, 5 * MS, 4_500_000, 0, -1, new ExecTimeModel.Wcet());
        Simulation sim = Simulation.of(ScenarioBuilder.host(1, 12 * MS)
                .domain("A", rtds(10, 2, false), busy())
                .domain("X", rtds(5, 1, true), guest(GuestScheduler.FP, t1, t2)).build(), Schedulers.factory());
        RtdsScheduler rtds = (RtdsScheduler) sim.host().pools().get(0).scheduler();
        Vcpu x = sim.host().domains().get(1).vcpus().get(0);
        List<String> seen = new ArrayList<>();
        sim.at(5_200_000, () -> seen.add(rtds.deadlineOf(x) + "/" + rtds.levelOf(x) + "/" + x.isCurrent()));
        sim.at(9_600_000, () -> seen.add(rtds.deadlineOf(x) + "/" + rtds.levelOf(x) + "/" + x.isCurrent()));
        sim.observe(new InvariantChecker()).run();
        assertEquals(List.of(5 * MS + "/2/true", 10 * MS + "/0/true"), seen);
    }

    /**
     * R8 under E9: when the head of the replenishment queue leaves it, the timer is re-armed for the new head, even
     * when that head's deadline is earlier (here already past). The scenario above with t2 computing 2 ms, and A's
     * domain paused at 5.5 ms. Up to 5.5 ms as above: X re-entered the queue at 4.5 ms behind A (level 1 behind
     * level 0), the timer is armed for A's 10 ms, and X, running t2, exhausted its budget at 5 ms and went on at
     * level 2 with its stale deadline of 5 ms. At 5.5 ms the pause puts A, which is depleted and not running, to
     * sleep: it leaves the run queues and the replenishment queue (R29), X becomes the head and the timer is re-armed
     * for X's deadline, which has passed, so the handler runs at once and replenishes X (deadline 10 ms, level 0,
     * R11/R15). At 5.7 ms X runs at level 0 with deadline 10 ms; were the timer left at 10 ms, X would still be at
     * level 2 with deadline 5 ms.
     */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void sleep_ofTheReplenishmentQueuesHead_rearmsTheTimerForAnEarlierDeadlineBehindIt() {
        TaskSpec t1 = new TaskSpec("t1", 5 * MS, 1_500_000, 5 * MS, 0, 0, -1, new ExecTimeModel.Wcet());
        TaskSpec t2 = new TaskSpec("t2", 5 * MS, 2 * MS, 5 * MS, 4_500_000, 0, -1, new ExecTimeModel.Wcet());
        Simulation sim = Simulation.of(ScenarioBuilder.host(1, 6 * MS)
                .domain("A", rtds(10, 2, false), busy())
                .domain("X", rtds(5, 1, true), guest(GuestScheduler.FP, t1, t2)).build(), Schedulers.factory());
        RtdsScheduler rtds = (RtdsScheduler) sim.host().pools().get(0).scheduler();
        Domain a = sim.host().domains().get(0);
        Vcpu x = sim.host().domains().get(1).vcpus().get(0);
        List<String> seen = new ArrayList<>();
        sim.at(5_500_000, () -> sim.framework().pauseDomain(a));
        sim.at(5_700_000, () -> seen.add(rtds.deadlineOf(x) + "/" + rtds.levelOf(x) + "/" + x.isCurrent()));
        sim.observe(new InvariantChecker()).run();
        assertEquals(List.of(10 * MS + "/0/true"), seen);
    }
}
