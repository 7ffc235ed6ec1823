package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.Sweep;

/** The summary counts a store's runs where they are stored, without sorting them. */
class SummaryTest {
    @TempDir
    Path tmp;

    /**
     * Two stores of the same runs, committed in opposite orders (each its own append, so the rows lie in that order),
     * give the same summary: configurations in the order of their first run by key, the defects and failed runs in key
     * order, and each mean miss ratio the double nearest the exact mean (0.1, 0.2 and 0.3 average to 0.2, where adding
     * them in order and dividing gives 0.19999999999999998).
     */
    @Test
    @Timeout(120)
    void theFigures_doNotDependOnTheOrderTheRowsWereStoredIn() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        SweepRunner.run(s, tmp.resolve("template"), 1, Progress.NONE);
        RunResult one;
        try (ResultStore store = ResultStore.open(tmp.resolve("template"), s)) {
            one = store.rows().get(0);
        }
        List<RunResult> rows = new ArrayList<>();
        // "server=deferrable" comes first by name, "server=periodic" by its first run's key.
        double[] periodic = {0.1, 0.2, 0.3};
        double[] deferrable = {0.7, 0.1, 0.05, 1e-17};
        for (int i = 0; i < deferrable.length; i++) {
            rows.add(row(one, "u=0.7/server=deferrable/rep=" + i, "server=deferrable", deferrable[i],
                    i % 2 == 0 ? List.of("host:edf") : List.of(), i == 3 ? "failed " + i : null));
        }
        for (int i = 0; i < periodic.length; i++) {
            rows.add(row(one, "u=0.3/server=periodic/rep=" + i, "server=periodic", periodic[i],
                    i == 1 ? List.of("plan", "host:edf") : List.of(), i == 2 ? "failed " + i : null));
        }
        Summary forwards = summaryOf(s, tmp.resolve("forwards"), rows);
        List<RunResult> reversed = new ArrayList<>(rows);
        Collections.reverse(reversed);
        Summary backwards = summaryOf(s, tmp.resolve("backwards"), reversed);
        assertEquals(forwards, backwards);
        assertEquals(List.of("server=periodic", "server=deferrable"), forwards.configs().stream().map(Summary.Config::name).toList());
        assertEquals(0.2, forwards.configs().get(0).meanMissRatio());
        assertEquals(List.of("u=0.3/server=periodic/rep=1", "u=0.7/server=deferrable/rep=0",
                "u=0.7/server=deferrable/rep=2"), forwards.defects().stream().map(d -> d.substring(0, d.indexOf(':'))).toList());
        assertEquals(List.of("u=0.3/server=periodic/rep=2: failed 2", "u=0.7/server=deferrable/rep=3: failed 3"),
                forwards.errors());
    }

    /** {@code template} with another key, configuration, miss ratio, defects and error. */
    private static RunResult row(RunResult template, String key, String configuration, double missRatio,
                                 List<String> defects, String error) {
        RunResult t = template;
        return new RunResult(key, t.sweep(), t.utilization(), t.replication(), configuration, Map.of(), t.seed(),
                t.tasks(), t.taskUtilization(), t.verdicts(), t.released(), t.completed(), t.missed(), missRatio,
                t.maxDomainMissRatio(), t.responseP99Ratio(), t.cdf(), t.domains(), t.soundnessChecked(), defects,
                t.events(), t.wallNs(), t.cpuNs(), error);
    }

    /** The summary of a store in {@code dir} into which {@code rows} were committed one by one, in their order. */
    private static Summary summaryOf(Sweep s, Path dir, List<RunResult> rows) {
        try (ResultStore store = ResultStore.open(dir, s)) {
            for (RunResult r : rows) {
                store.record(r);
                store.commit();
            }
            return Summary.of(store, 0, 0);
        }
    }
}
