package org.rtxen.engine.guest;

import java.util.List;
import org.rtxen.engine.event.EventQueue;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.GuestHooks;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.SchedulingFramework;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.model.result.TaskResult;

/** The guest OS models of every domain of a host, receiving the framework's execution notifications. */
public final class Guests implements GuestHooks {
    private final GuestOs[] byDomain;
    private final GuestOs.Slot[] byVcpu;

    /**
     * Creates one guest OS per domain of {@code framework}'s host for a run of {@code durationNs}; execution-time
     * streams derive from {@code seed}.
     */
    public Guests(SchedulingFramework framework, EventQueue queue, long seed, long durationNs) {
        Host host = framework.host();
        List<Domain> domains = host.domains();
        byDomain = new GuestOs[domains.size()];
        byVcpu = new GuestOs.Slot[host.vcpuCount()];
        ResponseBatch responses = new ResponseBatch();
        for (int i = 0; i < byDomain.length; i++) {
            Domain d = domains.get(i);
            byDomain[i] = new GuestOs(framework, d, queue, responses, seed);
            for (Vcpu v : d.vcpus()) byVcpu[v.id()] = byDomain[i].slot(v.index());
        }
        // Only now the histograms: the state each event touches, guest by guest, lies together in memory, and a large
        // host's events touch a few cache lines fewer (the JVM allocates in order).
        for (GuestOs g : byDomain) g.allocateHistograms(durationNs);
    }

    /** Sends job releases and completions to {@code sink} (null: none). */
    public void attachTrace(TraceSink sink) {
        for (GuestOs g : byDomain) g.attachTrace(sink);
    }

    /**
     * Arms every task's first release (and wakes the VCPUs of guests with the busy hog) of the domains created at
     * boot; call at time 0. The guests of domains that start later start at their creation ({@link #domainCreated}).
     */
    public void start() {
        for (GuestOs g : byDomain) {
            if (g.domain().spec().startNs() == 0) g.start(0);
        }
    }

    /** At the end of the run, {@code end}: reports the start of each job still running then, which no stop reported. */
    public void finish(long end) {
        for (GuestOs g : byDomain) g.finish(end);
    }

    @Override
    public void domainCreated(Domain d, long now) {
        byVcpu[d.vcpus().get(0).id()].guest().start(now);
    }

    @Override
    public void domainDestroyed(Domain d, long now) {
        byVcpu[d.vcpus().get(0).id()].guest().stop(now);
    }

    @Override
    public void resumed(Vcpu v, long from) {
        byVcpu[v.id()].resumed(from);
    }

    @Override
    public void stopped(Vcpu v, long now) {
        byVcpu[v.id()].stopped(now);
    }

    /** Task results of the domain at position {@code domainIndex} (scenario order) for a run ending at {@code end}. */
    public List<TaskResult> taskResults(int domainIndex, long end) {
        return byDomain[domainIndex].results(end);
    }
}
