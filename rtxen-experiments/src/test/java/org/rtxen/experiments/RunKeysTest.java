package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.sweep.RunKeys;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;

/** A sweep's runs are computed from their index, and found by their key, exactly as the list of every run had them. */
class RunKeysTest {
    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void everyRunIsFoundByItsKey_andNoOtherKeyIs() throws Exception {
        Sweep s = TestSweeps.write(tmp, "grid", SweepResultsDigestTest.GRID);
        RunKeys keys = new RunKeys(s);
        List<RunSpec> runs = s.runs();
        assertEquals(60, runs.size());
        for (int i = 0; i < runs.size(); i++) assertEquals(i, keys.indexOf(runs.get(i).key()), runs.get(i).key());
        String run = "/server=deferrable/length=100ms/rep=0";
        // Each part written otherwise than the runs' keys write it, or naming what the sweep does not have, is no run's.
        for (String other : List.of("", "u=0.25", "u=0.25" + run + "/x", "u=0.25/server=deferrable/rep=0",
                "u=0.250" + run, "u=+0.25" + run, "u=0x1p-2" + run, "u=.25" + run, "u=0.3" + run, "u=NaN" + run,
                "u=Infinity" + run, "v=0.25" + run, "u=0.25/length=100ms/server=deferrable/rep=0",
                "u=0.25/server=Deferrable/length=100ms/rep=0", "u=0.25/server=deferrable/length=100ms/rep=2",
                "u=0.25/server=deferrable/length=100ms/rep=01", "u=0.25/server=deferrable/length=100ms/rep=-0",
                "u=0.25/server=deferrable/length=100ms/rep=-1", "u=0.25/server=deferrable/length=100ms/r=0")) {
            assertEquals(-1, keys.indexOf(other), other);
        }
    }

    @Test
    @Timeout(120)
    void aSweepOfTenMillionRuns_computesEachRunFromItsIndex() throws Exception {
        // 10 points x 2 servers x 500,000 task sets: the list once held a RunSpec per run, about 3.5 GB of heap.
        Sweep s = TestSweeps.write(tmp, "ten", TestSweeps.SMALL.replace("[0.3, 0.7]", "{from: 0.1, to: 1, step: 0.1}")
                .replace("replications: 3", "replications: 500000"));
        List<RunSpec> runs = s.runs();
        assertEquals(10_000_000, runs.size());
        assertEquals("u=0.1/server=periodic/rep=0", runs.get(500_000).key());
        assertEquals("u=0.4/server=deferrable/rep=12345", runs.get(3_012_345).key());
        assertEquals("u=1/server=periodic/rep=499999", runs.get(9_999_999).key());
        RunKeys keys = new RunKeys(s);
        for (int i : new int[] {0, 499_999, 500_000, 3_012_345, 7_654_321, 9_999_999}) {
            assertEquals(i, keys.indexOf(runs.get(i).key()));
        }
    }
}
