package org.rtxen.engine.machine;


/**
 * Receives what happens in a simulation as it happens, for timelines and traces (attach one with
 * {@code Simulation.trace}). Every method has an empty default, so a sink implements only what it needs. The
 * arguments are live engine objects: read them during the call, keep only values. Without a sink attached the
 * engine does no tracing work at all.
 */
public interface TraceSink {
    /** VCPU {@code v} (never an idle VCPU) changed run state at {@code now}. */
    default void runState(long now, Vcpu v, RunState from, RunState to) {}

    /** pCPU {@code p} switched from {@code prev} to {@code next} at {@code now} (either may be its idle VCPU). */
    default void contextSwitch(long now, Pcpu p, Vcpu prev, Vcpu next) {}

    /**
     * Job {@code job} (0-based) of task {@code task} of domain {@code d} became ready at {@code now}: its release
     * time, or later when the task's previous job overran.
     */
    default void jobReleased(long now, Domain d, String task, long job) {}

    /** Job {@code job} of task {@code task} completed at {@code now}; {@code missed} if after its deadline. */
    default void jobCompleted(long now, Domain d, String task, long job, long responseNs, boolean missed) {}
}
