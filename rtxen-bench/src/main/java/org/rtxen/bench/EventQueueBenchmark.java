package org.rtxen.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare event queue under the hold model ({@link WholeRunProbe#holdModel}): {@code pending} armed timers, each
 * re-arming itself when it fires, so the queue size stays constant and the score is the engine's cost per event
 * without any scheduling logic. One invocation processes {@value #EVENTS} events; the score is events per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
    /** Events per invocation. */
    static final int EVENTS = 1_000_000;

    /** Armed timers, like the framework, guest and policy timers of a simulated host of growing size. */
    @Param({"16", "64", "1024"})
    public int pending;

    /** One million hold-model events. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void hold() {
        WholeRunProbe.holdModel(pending, EVENTS);
    }
}
