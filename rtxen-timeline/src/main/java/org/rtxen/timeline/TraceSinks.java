package org.rtxen.timeline;

import java.util.List;
import org.rtxen.engine.machine.Domain;
import org.rtxen.engine.machine.Host;
import org.rtxen.engine.machine.Pcpu;
import org.rtxen.engine.machine.RunState;
import org.rtxen.engine.machine.Vcpu;
import org.rtxen.engine.machine.TraceSink;

/** Several sinks attached as one: each event goes to every sink, in list order. */
public final class TraceSinks implements TraceSink {
    private final TraceSink[] sinks;

    private TraceSinks(List<TraceSink> sinks) {
        this.sinks = sinks.toArray(TraceSink[]::new);
    }

    /** One sink feeding all of {@code sinks}; null when the list is empty (nothing to attach). */
    public static TraceSink of(List<TraceSink> sinks) {
        if (sinks.isEmpty()) return null;
        return sinks.size() == 1 ? sinks.get(0) : new TraceSinks(sinks);
    }

    @Override
    public void start(Host host) {
        for (TraceSink s : sinks) s.start(host);
    }

    @Override
    public void runState(long now, Vcpu v, RunState from, RunState to) {
        for (TraceSink s : sinks) s.runState(now, v, from, to);
    }

    @Override
    public void contextSwitch(long now, Pcpu p, Vcpu prev, Vcpu next) {
        for (TraceSink s : sinks) s.contextSwitch(now, p, prev, next);
    }

    @Override
    public void budgetExhausted(long now, Vcpu v) {
        for (TraceSink s : sinks) s.budgetExhausted(now, v);
    }

    @Override
    public void budgetReplenished(long now, Vcpu v) {
        for (TraceSink s : sinks) s.budgetReplenished(now, v);
    }

    @Override
    public void jobReleased(long now, Domain d, String task, long job, long releaseNs, long deadlineNs) {
        for (TraceSink s : sinks) s.jobReleased(now, d, task, job, releaseNs, deadlineNs);
    }

    @Override
    public void jobStarted(long startNs, Domain d, String task, long job) {
        for (TraceSink s : sinks) s.jobStarted(startNs, d, task, job);
    }

    @Override
    public void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {
        for (TraceSink s : sinks) s.jobCompleted(now, d, task, job, responseNs, missed);
    }

    @Override
    public void domainDestroyed(long now, Domain d) {
        for (TraceSink s : sinks) s.domainDestroyed(now, d);
    }

    @Override
    public void end(long endNs) {
        for (TraceSink s : sinks) s.end(endNs);
    }
}
