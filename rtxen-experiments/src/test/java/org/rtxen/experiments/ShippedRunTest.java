package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.run.RunOne;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;

/** A sweep and a run spec shipped to another process (Java serialization, as a cluster job does) give the same row. */
class ShippedRunTest {
    @TempDir
    Path tmp;

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    @Timeout(60)
    void aShippedRunGivesTheSameRow() throws Exception {
        Sweep sweep = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        RunSpec spec = sweep.runs().get(7);
        RunResult here = RunOne.run(sweep, spec);
        RunResult there = RunOne.run(roundTrip(sweep), roundTrip(spec));
        assertEquals(here.withoutWallTime(), there.withoutWallTime());
        assertEquals(here.withoutWallTime(), roundTrip(here).withoutWallTime());
    }
}
