package org.rtxen.cli.fidelity;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.SimulationObserver;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;

/** Records the first dispatches of guest VCPUs in a simulation, as {@code name/vcpu} per pCPU, like a trace's picks. */
final class DispatchRecorder implements SimulationObserver {
    private final int limit;
    private final List<XenReference.Pick> dispatches = new ArrayList<>();
    private Vcpu[] current;

    /** Keeps the first {@code limit} dispatches. */
    DispatchRecorder(int limit) {
        this.limit = limit;
    }

    @Override
    public void afterEvent(Simulation sim) {
        List<Pcpu> pcpus = sim.host().pcpus();
        if (current == null) current = new Vcpu[pcpus.size()];
        for (Pcpu p : pcpus) {
            Vcpu v = p.current();
            if (v != current[p.id()]) {
                current[p.id()] = v;
                if (v != null && !v.isIdle() && !v.domain().spec().control() && dispatches.size() < limit) {
                    dispatches.add(new XenReference.Pick(sim.now() / 1000, p.id(), v.domain().name() + "/" + v.index()));
                }
            }
        }
    }

    /** The recorded dispatches in order. */
    List<XenReference.Pick> dispatches() {
        return List.copyOf(dispatches);
    }
}
