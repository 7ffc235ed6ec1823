package org.rtxen.engine.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rtxen.engine.event.RandomStreams;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.TaskSpec;

/** A task's execution-time stream, kept as a state in the task, draws exactly what the JDK's SplittableRandom draws. */
class TaskRandomTest {
    private static final TaskSpec SPEC = new TaskSpec("t", 10, 1, 10, 0, 0, TaskSpec.ANY_VCPU, new ExecTimeModel.Wcet());

    @Test
    void draws_equalSplittableRandomsForEveryKindOfBound() {
        // Powers of two (masked), small and odd bounds, and bounds above 2^62, where u + m − u % bound overflows for
        // a quarter to a half of the draws and the draw is rejected (the loop SplittableRandom runs).
        long[] bounds = {1, 2, 3, 7, 64, 1000, 1_000_001, 1L << 40, (1L << 62) + 1, (1L << 62) + (1L << 61),
                Long.MAX_VALUE};
        for (long seed = 0; seed < 50; seed++) {
            long state = RandomStreams.stateOf(seed, "exec", "vm", "t" + seed);
            Task task = new Task(SPEC, 0, state);
            SplittableRandom jdk = RandomStreams.of(seed, "exec", "vm", "t" + seed);
            assertEquals(new SplittableRandom(state).nextLong(), RandomStreams.of(seed, "exec", "vm", "t" + seed).nextLong());
            for (int i = 0; i < 200; i++) {
                long bound = bounds[i % bounds.length];
                assertEquals(jdk.nextLong(bound), task.below(bound), "seed " + seed + ", draw " + i + ", bound " + bound);
            }
        }
    }
}
