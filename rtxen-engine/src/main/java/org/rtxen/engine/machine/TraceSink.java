package org.rtxen.engine.machine;


/**
 * Receives what happens in a simulation as it happens, for timelines and traces (attach one with
 * {@code Simulation.trace}). Every method has an empty default, so a sink implements only what it needs. The
 * arguments are live engine objects: read them during the call, keep only values. Without a sink attached the
 * engine does no tracing work at all.
 */
public interface TraceSink {
    /**
     * The host is built and every VCPU placed (all guest VCPUs blocked, every pCPU running its idle VCPU); called
     * once at time 0, before any other method.
     */
    default void start(Host host) {}

    /** VCPU {@code v} (never an idle VCPU) changed run state at {@code now}. */
    default void runState(long now, Vcpu v, RunState from, RunState to) {}

    /** pCPU {@code p} switched from {@code prev} to {@code next} at {@code now} (either may be its idle VCPU). */
    default void contextSwitch(long now, Pcpu p, Vcpu prev, Vcpu next) {}

    /** The policy found {@code v} out of budget at {@code now} (RTDS: depleted, spec R9); it waits for a refill. */
    default void budgetExhausted(long now, Vcpu v) {}

    /** The policy gave {@code v} a fresh budget at {@code now} (RTDS: replenishment, spec R11). */
    default void budgetReplenished(long now, Vcpu v) {}

    /**
     * Job {@code job} (0-based) of task {@code task} of domain {@code d} became ready at {@code now}: its release
     * time {@code releaseNs}, or later when the task's previous job overran. Its absolute deadline is
     * {@code deadlineNs}.
     */
    default void jobReleased(long now, Domain d, String task, long job, long releaseNs, long deadlineNs) {}

    /**
     * Job {@code job} of task {@code task} first executed at {@code startNs} (reported when it first stops executing,
     * no later than its completion or the end of the run, possibly after other events with later times).
     */
    default void jobStarted(long startNs, Domain d, String task, long job) {}

    /** Job {@code job} of task {@code task} completed at {@code now}; {@code missed} if after its deadline. */
    default void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {}

    /**
     * Domain {@code d} was destroyed at {@code now} ({@code xl destroy}): its jobs released by then and not completed
     * never complete, and it releases no more.
     */
    default void domainDestroyed(long now, Domain d) {}

    /** The run ended at {@code endNs} (the duration): states still open last until then. Called once, last. */
    default void end(long endNs) {}
}
