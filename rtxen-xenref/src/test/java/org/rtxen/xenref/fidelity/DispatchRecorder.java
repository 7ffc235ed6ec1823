package org.rtxen.xenref.fidelity;

import java.util.ArrayList;
import java.util.List;
import org.rtxen.xenref.PickOrder;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.SimulationObserver;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.Vcpu;

/**
 * Records, for consecutive windows of one period starting at time 0, the guest VCPUs ({@code name.vN}) in the
 * order they were first dispatched in the window (simultaneous ones by name, as {@link PickOrder} says): the
 * simulator's side of the RTDS pick order per period.
 */
final class DispatchRecorder implements SimulationObserver {
    private final long periodNs;
    private final int windows;
    private final List<PickOrder> order = new ArrayList<>();
    private Vcpu[] current;

    /** Records {@code windows} windows of {@code periodNs}. */
    DispatchRecorder(long periodNs, int windows) {
        this.periodNs = periodNs;
        this.windows = windows;
        for (int i = 0; i < windows; i++) order.add(new PickOrder());
    }

    @Override
    public void afterEvent(Simulation sim) {
        List<Pcpu> pcpus = sim.host().pcpus();
        if (current == null) current = new Vcpu[pcpus.size()];
        long window = sim.now() / periodNs;
        for (Pcpu p : pcpus) {
            Vcpu v = p.current();
            if (v == current[p.id()]) continue;
            current[p.id()] = v;
            if (window < windows && v != null && !v.isIdle() && !v.domain().spec().control()) {
                order.get((int) window).dispatched(v.domain().name() + ".v" + v.index(), sim.now());
            }
        }
    }

    /** The VCPUs of each window in the order they were first dispatched there. */
    List<List<String>> pickOrder() {
        return order.stream().map(PickOrder::order).toList();
    }
}
