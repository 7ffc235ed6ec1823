package org.rtxen.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rtxen.engine.EventClass;
import org.rtxen.engine.EventQueue;
import org.rtxen.engine.Timer;

/**
 * The hold model (Vaucher and Duval, 1975): a queue holding {@code pending} armed timers; each operation fires the
 * earliest, whose callback re-arms it at its expiry plus an exponentially distributed increment (mean 1 ms). The
 * queue size stays constant, so the score is the engine's bare cost per event, without any scheduling logic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventQueueBenchmark {
    /** Armed timers, like the per-pCPU, per-VCPU and per-task timers of a simulated host of growing size. */
    @Param({"16", "256", "4096"})
    public int pending;

    private static final int INCREMENTS = 1 << 16;
    private final long[] increments = new long[INCREMENTS];
    private int next;
    private EventQueue queue;

    /** Draws the increments from a fixed seed and arms every timer once. */
    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < INCREMENTS; i++) {
            increments[i] = 1 + (long) (-Math.log(1 - rnd.nextDouble()) * 1_000_000);
        }
        queue = new EventQueue();
        Timer[] timers = new Timer[pending];
        for (int i = 0; i < pending; i++) {
            int id = i;
            timers[i] = queue.newTimer(EventClass.POLICY_TIMER, now -> timers[id].set(now + nextIncrement()));
        }
        for (Timer t : timers) t.set(nextIncrement());
    }

    private long nextIncrement() {
        return increments[next++ & (INCREMENTS - 1)];
    }

    /** One event: fire the earliest timer, which re-arms itself. */
    @Benchmark
    public long hold() {
        queue.fireNext();
        return queue.now();
    }
}
