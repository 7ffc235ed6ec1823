package org.rtxen.engine;

import java.util.Arrays;
import org.rtxen.engine.machine.CpuPool;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.RunState;
import org.rtxen.engine.machine.Vcpu;

/**
 * An observer that checks, after every event, the framework invariants and each policy's own
 * ({@code checkInvariants}), and throws {@link IllegalStateException} at the first violation. Tests attach it.
 *
 * <p>Framework invariants: each pCPU's current VCPU is its idle VCPU or a VCPU of its pool placed on it and,
 * unless it is being migrated away, allowed there by its affinity; no VCPU
 * is current on two pCPUs; a VCPU's run state is RUNNING exactly when it is current and otherwise follows its
 * flags (blocked, runnable, else offline); running, runnable, blocked and offline time add up to the elapsed time.
 */
public final class InvariantChecker implements SimulationObserver {
    private static final RunState[] STATES = RunState.values();
    private int[] currentOn = new int[0];

    @Override
    public void afterEvent(Simulation sim) {
        check(sim.host(), sim.now());
    }

    /** Checks the host at time {@code now}. */
    public void check(Host host, long now) {
        if (currentOn.length != host.vcpuCount()) currentOn = new int[host.vcpuCount()];
        Arrays.fill(currentOn, -1);
        for (Pcpu p : host.pcpus()) {
            Vcpu cur = p.current();
            if (cur.isIdle() && cur != p.idleVcpu()) fail(now, p + " runs the idle VCPU of another pCPU");
            if (!cur.isIdle()) {
                if (cur.processor() != p) fail(now, cur + " is current on " + p + " but assigned to " + cur.processor());
                if (cur.domain().pool() != p.pool()) fail(now, cur + " runs outside its pool on " + p);
                // After an affinity change the VCPU is migrating (not runnable) until its pCPU reschedules (F14).
                if (!cur.affinityInPool().contains(p.id()) && cur.isRunnable()) {
                    fail(now, cur + " runs on " + p + " outside its affinity");
                }
            }
            if (currentOn[cur.id()] >= 0) fail(now, cur + " is current on pcpu" + currentOn[cur.id()] + " and " + p);
            currentOn[cur.id()] = p.id();
            if (p.busyNs() > now) fail(now, p + " busy " + p.busyNs() + " > elapsed");
        }
        for (Vcpu v : host.vcpus()) {
            if (v.isIdle()) continue;
            boolean current = currentOn[v.id()] >= 0;
            RunState expected = current ? RunState.RUNNING
                    : v.runState() == RunState.BLOCKED ? RunState.BLOCKED
                    : v.isRunnable() ? RunState.RUNNABLE : RunState.OFFLINE;
            if (v.runState() != expected) fail(now, v + " is " + v.runState() + ", expected " + expected);
            if (!current && v.runState() == RunState.BLOCKED && v.isRunnable()) fail(now, v + " is BLOCKED but runnable");
            long accounted = 0;
            for (RunState s : STATES) accounted += v.timeIn(s);
            accounted += now - v.stateSince();
            if (accounted != now) fail(now, v + " accounts " + accounted + " ns of " + now);
        }
        for (CpuPool pool : host.pools()) pool.scheduler().checkInvariants(now);
    }

    private static void fail(long now, String what) {
        throw new IllegalStateException("at " + now + " ns: " + what);
    }
}
