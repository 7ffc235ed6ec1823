package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.sweep.RunSpec;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.experiments.sweep.SweepReader;
import org.rtxen.io.InputException;

/**
 * Reading a sweep file: its expansion into points, configurations and replications, with seeds that depend on the point
 * and the replication only; the error naming the file, line and field for unknown keys, bad generator settings, axis
 * and set values that make an invalid scenario, utilisation points out of range or that the generator cannot draw, bad
 * key paths, axis names that differ only in case, run counts past the limit and YAML syntax errors; and the progress
 * told after each point whose task set is drawn, and only then.
 */
class SweepReaderTest {
    @TempDir
    Path tmp;

    private String error(String text) {
        InputException e = assertThrows(InputException.class, () -> TestSweeps.write(tmp, "bad", text));
        return e.getMessage().replace(tmp.toString() + "/", "");
    }

    @Test
    void expandsPointsTimesConfigurationsTimesReplications() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        List<RunSpec> runs = s.runs();
        assertEquals(2 * 2 * 3, runs.size());
        assertEquals("u=0.3/server=deferrable/rep=0", runs.get(0).key());
        assertEquals("u=0.7/server=periodic/rep=2", runs.get(11).key());
        // The seed depends on the point and the replication, not on the configuration.
        assertEquals(runs.get(0).seed(), runs.get(3).seed());
        assertTrue(runs.get(0).seed() != runs.get(1).seed());
    }

    @Test
    void unknownKeyIsNamedWithItsLine() {
        assertEquals("bad.yaml:3: colour: unknown key (expected one of: analyses, axes, generator, name, replications, "
                + "scenario, seed, set, utilization, vcpus)", error(TestSweeps.SMALL.replace("seed: 5", "seed: 5\ncolour: red")));
    }

    @Test
    void aliasesAndTags_areRefusedAsInScenarioFiles() {
        // line 3 is the added "replications: ..." after "seed: 5"
        assertEquals("bad.yaml:3: replications: YAML aliases (*s) are not supported: write the value out",
                error(TestSweeps.SMALL.replace("seed: 5", "seed: &s 5\nreplications: *s")));
        assertEquals("bad.yaml:2: seed: YAML tags (!!str) are not supported: write the value without one",
                error(TestSweeps.SMALL.replace("seed: 5", "seed: !!str 5")));
    }

    @Test
    void badGeneratorFieldIsNamedWithItsLine() {
        // line 16 is "method: ..."
        assertEquals("bad.yaml:16: generator.method: unknown method 'uunifest' (known: uunifast, uunifast-discard, "
                + "randfixedsum, rtxen)", error(TestSweeps.SMALL.replace("method: uunifast", "method: uunifest")));
    }

    @Test
    void maxTaskUtilizationForAMethodThatIgnoresIt_isRefused() {
        // line 18 is the added "max_task_utilization: 0.5"; plain uunifast has no bound per task
        assertEquals("bad.yaml:18: generator.max_task_utilization: applies to the uunifast-discard and randfixedsum "
                + "methods only", error(TestSweeps.SMALL.replace("tasks: 4", "tasks: 4\n  max_task_utilization: 0.5")));
    }

    @Test
    void randFixedSumTaskCountIsBoundedByItsTables() {
        // line 17 is "tasks: 4"; 100,000 tasks would need tables of 2 x 10^10 doubles
        assertEquals("bad.yaml:17: generator.tasks: 100000 is out of range 1..2000", error(TestSweeps.SMALL
                .replace("method: uunifast", "method: randfixedsum").replace("tasks: 4", "tasks: 100000")));
    }

    @Test
    void axisValueThatMakesAnInvalidScenarioIsBlamed() {
        String text = TestSweeps.SMALL.replace("key: domains[*].guest.busy", "key: domains[*].guest.scheduler")
                .replace("{label: deferrable, value: false}", "{label: ok, value: edf}")
                .replace("{label: periodic, value: true}", "{label: bad, value: rms}");
        String m = error(text);
        assertTrue(m.startsWith("bad.yaml:24: axes[0].values[1]: the scenario it makes is invalid: domains[0].guest.scheduler:"), m);
    }

    @Test
    void analysisNeedingPlannedVcpus() {
        assertEquals("bad.yaml:25: analyses[0]: plan needs vcpus: planned",
                error(TestSweeps.SMALL.replace("vcpus: planned\n", "")));
    }

    @Test
    void unknownTargetDomain() {
        String m = error(TestSweeps.SMALL.replace("period: {min: 10ms", "domains: [a, c]\n  period: {min: 10ms"));
        assertTrue(m.startsWith("bad.yaml:18: generator.domains[1]: the scenario has no domain 'c'"), m);
    }

    @Test
    void uunifastAboveOneIsRefusedAtItsPoint() {
        String m = error(TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 1.5]"));
        assertTrue(m.startsWith("bad.yaml:14: utilization[1]: u=1.5: uunifast draws a total utilisation in (0, 1]"), m);
    }

    @Test
    void utilizationBeyondTheLargestHostOrARangeOfTooManyPoints_isRefusedAtItsField() {
        // Found by a fuzz campaign: 922E775808 became an infinite double and broke the run key (exit 70).
        assertEquals("bad.yaml:14: utilization[1]: must be at most 4096 (one per pCPU of the largest host), not "
                + "9220000000", error(TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 922E7]")));
        // A step this small would have listed the points one by one before the run count was checked.
        assertEquals("bad.yaml:14: utilization.step: makes 1000000000000000000001 points, more than 10000000",
                error(TestSweeps.SMALL.replace("[0.3, 0.7]", "{from: 1, to: 2, step: 1e-21}")));
        // The second campaign: the message itself printed 854 million digits (OutOfMemoryError), and a step of
        // 1e-854775808 would have made the point count as long.
        assertEquals("bad.yaml:14: utilization[0]: '9.2233720362E+854775807' is out of range (exponent beyond ±40)",
                error(TestSweeps.SMALL.replace("[0.3, 0.7]", "[.92233720362E854775808]")));
        assertEquals("bad.yaml:14: utilization.step: '1E-854775808' is out of range (exponent beyond ±40)",
                error(TestSweeps.SMALL.replace("[0.3, 0.7]", "{from: 1, to: 2, step: 1e-854775808}")));
    }

    @Test
    @Timeout(30)
    void aRangeWhoseStepIsBelowDoublePrecision_isRefusedAtItsStep_notAsAPointListedTwice() {
        // 1 + 10^-17 is 1 as a double: the range's points collapsed, and the message said "a point is listed twice".
        assertEquals("bad.yaml:14: utilization.step: 0.00000000000000001 is too small for the range: the points 1 and"
                + " 1.00000000000000001 are the same number at double precision (1): consecutive values collapse",
                error(TestSweeps.SMALL.replace("[0.3, 0.7]", "{from: 1, to: 1.0000000000000001, step: 1e-17}")));
        // Below 1 the doubles are 1.1 x 10^-16 apart, above it twice that: the step separates the points up to 1 only.
        assertEquals("bad.yaml:14: utilization.step: 0.00000000000000015 is too small for the range: the points"
                + " 1.00000000000000035 and 1.0000000000000005 are the same number at double precision (1.0000000000000004):"
                + " consecutive values collapse", error(TestSweeps.SMALL.replace("[0.3, 0.7]",
                "{from: 0.99999999999999, to: 1.00000000000001, step: 1.5e-16}")));
        // A list that names a point twice is still told so.
        assertEquals("bad.yaml:14: utilization: a point is listed twice",
                error(TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 0.7, 0.3]")));
    }

    @Test
    void badKeyPath() {
        String m = error(TestSweeps.SMALL.replace("key: domains[*].guest.busy", "key: domains[x].guest.busy"));
        assertTrue(m.startsWith("bad.yaml:21: axes[0].key: 'domains[x].guest.busy' is not a key path"), m);
    }

    @Test
    @Timeout(30)
    void axisNamesThatDifferOnlyInCase_areRefusedAtTheSecond_forTheirColumnsWouldBeOne() {
        // line 25 is the added "- name: Server"; DuckDB's column names ignore case, so ax_Server is ax_server (the
        // store's CREATE TABLE failed: exit 70)
        assertEquals("bad.yaml:25: axes[1].name: axis 'Server' is defined twice (names are compared ignoring case, as"
                + " the store's columns ax_NAME are)", error(TestSweeps.SMALL.replace("vcpus: planned",
                "  - name: Server\n    key: duration\n    values: [100ms]\nvcpus: planned")));
    }

    @Test
    @Timeout(30)
    void runCountBeyondALong_isRefusedWithItsExactCount() {
        // 2 points x 3 replications x 2 servers x 10^19: the count in a long wrapped to a negative number, passed the
        // bound, and the expansion ran out of memory (exit 70); 64 axes of two values wrapped to 0.
        StringBuilder axes = new StringBuilder();
        for (int i = 0; i < 19; i++) axes.append("  - {name: a").append(i).append(", key: duration, values: [1ms, 2ms, 3ms,"
                + " 4ms, 5ms, 6ms, 7ms, 8ms, 9ms, 10ms]}\n");
        assertEquals("bad.yaml:19: axes: the sweep expands to 120000000000000000000 runs, more than 10000000",
                error(TestSweeps.SMALL.replace("vcpus: planned", axes + "vcpus: planned")));
        axes.setLength(0);
        for (int i = 0; i < 63; i++) axes.append("  - {name: b").append(i).append(", key: duration, values: [1ms, 2ms]}\n");
        assertEquals("bad.yaml:19: axes: the sweep expands to 110680464442257309696 runs, more than 10000000",
                error(TestSweeps.SMALL.replace("vcpus: planned", axes + "vcpus: planned")));
    }

    @Test
    @Timeout(30)
    void yamlSyntaxErrorSaysWhatIsWrong_asTheScenarioReaderDoes() {
        // Once only the context: "YAML syntax error: while scanning for the next token".
        assertEquals("bad.yaml:2: YAML syntax error: found character '\\t(TAB)' that cannot start any token. (Do not use"
                + " \\t(TAB) for indentation)", error(TestSweeps.SMALL.replace("seed: 5", "seed:\t5")));
    }

    @Test
    @Timeout(30)
    void aPointTheGeneratorCannotDraw_isNamedWithItsLine() {
        // Once "bad.yaml: utilization: u=5.0: ...", with no line: the point's line and index, and its key's label.
        assertEquals("bad.yaml:14: utilization[1]: u=5: uunifast draws a total utilisation in (0, 1], not 5.0 (use"
                + " uunifast-discard or randfixedsum above 1)", error(TestSweeps.SMALL.replace("[0.3, 0.7]", "[0.3, 5]")));
        assertEquals("bad.yaml:14: utilization[2]: u=1.5: uunifast draws a total utilisation in (0, 1], not 1.5 (use"
                + " uunifast-discard or randfixedsum above 1)",
                error(TestSweeps.SMALL.replace("[0.3, 0.7]", "{from: 0.5, to: 1.5, step: 0.5}")));
    }

    @Test
    @Timeout(30)
    void aSetValueThatMakesTheScenarioInvalid_isBlamedAtItsLine_notOnAnAxisOrTheBase() {
        // line 5 is the added "duration: 0ms" under set; it was blamed on the last axis value (axes[0].values[0]) or,
        // without axes, on the base scenario's file with no line.
        String withSet = TestSweeps.SMALL.replace("replications: 3\n", "replications: 3\nset:\n  duration: 0ms\n");
        assertEquals("bad.yaml:5: set.duration: the scenario it makes is invalid: duration: must be positive, not 0ms",
                error(withSet));
        String noAxes = withSet.substring(0, withSet.indexOf("axes:")) + withSet.substring(withSet.indexOf("vcpus:"));
        assertEquals("bad.yaml:5: set.duration: the scenario it makes is invalid: duration: must be positive, not 0ms",
                error(noAxes));
    }

    @Test
    @Timeout(30)
    void aListOrMappingWhereAValueBelongs_isShownAsWritten_notAsAnEmptyString() {
        // Each once said '' (Jackson's text of a container): "vcpus: '' is not one of: given, planned".
        assertEquals("bad.yaml:25: vcpus: '[\"planned\"]' is not one of: given, planned",
                error(TestSweeps.SMALL.replace("vcpus: planned", "vcpus: [planned]")));
        assertEquals("bad.yaml:2: seed: '[5]' is not a whole number", error(TestSweeps.SMALL.replace("seed: 5", "seed: [5]")));
        assertEquals("bad.yaml:26: analyses[0]: unknown analysis '{\"plan\":\"\"}' (use plan, csa:TEST or host:TEST)",
                error(TestSweeps.SMALL.replace("analyses: [plan,", "analyses: [{plan: },")));
    }

    /** SMALL with RT-Xen's generator, which draws tasks until the point's total: its task count depends on the point. */
    private static final String RTXEN = TestSweeps.SMALL.replace("method: uunifast\n  tasks: 4",
            "method: rtxen\n  distribution: uniform-medium");

    private static String withoutAxes(String text) {
        return text.substring(0, text.indexOf("axes:")) + text.substring(text.indexOf("vcpus:"));
    }

    @Test
    @Timeout(30)
    void aPointAboveWhatTheTasksMayTotal_isRefusedAtItsLine_forEveryBoundedMethod() {
        assertEquals("bad.yaml:14: utilization[1]: u=2.5: total utilisation 2.5 is not in (0, 2.0] for 4 tasks of at most"
                + " 0.5", error(TestSweeps.SMALL.replace("method: uunifast", "method: uunifast-discard")
                .replace("tasks: 4", "tasks: 4\n  max_task_utilization: 0.5").replace("[0.3, 0.7]", "[0.3, 2.5]")));
        assertEquals("bad.yaml:14: utilization[1]: u=4.5: total 4.5 is not in [0.0, 4.0]", error(TestSweeps.SMALL
                .replace("method: uunifast", "method: randfixedsum").replace("[0.3, 0.7]", "[0.3, 4.5]")));
    }

    @Test
    @Timeout(30)
    void aPointWhereUunifastDiscardRejectsEveryVector_isRefusedAtItsLine() {
        // Two tasks of at most 0.5 summing to just below 1: a vector is accepted with probability about 10^-8.
        assertEquals("bad.yaml:14: utilization[1]: u=0.99999999: uunifast-discard rejected 100000 vectors for 2 tasks"
                + " summing to 0.99999999 (use randfixedsum)", error(TestSweeps.SMALL
                .replace("method: uunifast", "method: uunifast-discard")
                .replace("tasks: 4", "tasks: 2\n  max_task_utilization: 0.5").replace("[0.3, 0.7]", "[0.3, 0.99999999]")));
    }

    @Test
    @Timeout(30)
    void aPointWhereTheRtxenMethodCannotDrawATask_isRefusedAtItsLine_beforeAnEarlierPointsScenario() {
        // Periods of one unit give tasks of utilisation 0 or 1, never in [0.1, 0.4]: at 0.7 the method redraws until
        // it gives up; at 0.3 it draws no task (the filler's WCET rounds to 0), whose scenario is refused later.
        assertEquals("bad.yaml:14: utilization[1]: u=0.7: the rtxen method redrew 100000 tasks in a row: at periods of"
                + " 1ms to 1ms a WCET in whole units of 1ms hardly ever or never has a utilisation in [0.1, 0.4]"
                + " (uniform-medium); use a finer unit or longer periods",
                error(RTXEN.replace("{min: 10ms, max: 50ms, unit: 100us}", "{min: 1ms, max: 1ms, unit: 1ms}")));
    }

    @Test
    @Timeout(30)
    void aPointWhereTheRtxenMethodDrawsNoTask_isRefused_forItsScenarioHasNoDomainLeft() {
        // At 0.0001 the one filler task's WCET rounds to 0: both target domains are left out of the run.
        String text = RTXEN.replace("[0.3, 0.7]", "[0.7, 0.0001]");
        assertEquals("bad.yaml:23: axes[0].values[0]: the scenario it makes is invalid: domains: list at least one domain",
                error(text));
        assertEquals("bad.yaml: scenario of u=0.0001/rep=0: the scenario it makes is invalid: domains: list at least one"
                + " domain", error(withoutAxes(text)));
    }

    @Test
    @Timeout(30)
    void aPointWhereTheRtxenMethodDrawsFewerTasksThanDomains_isRefused_whenTheScenarioNamesTheOneLeftOut() {
        // At 0.7 both domains get tasks; at 0.05 the one filler task goes to a, and b, left out, is paused by a command.
        String text = withoutAxes(RTXEN.replace("[0.3, 0.7]", "[0.7, 0.05]")
                .replace("utilization:", "  commands: [{at: 100ms, xl: pause b}]\nutilization:"));
        assertEquals("bad.yaml: scenario of u=0.05/rep=0: the scenario it makes is invalid: commands[0].xl: b is an"
                + " invalid domain identifier", error(text));
    }

    @Test
    @Timeout(30)
    void checkingIsTold_afterEachPointWhoseTaskSetIsDrawn_andOnlyThen() {
        // uunifast-discard can fail only above its task bound, 0.5 here: the points 0.7 and 0.9 are drawn, the others
        // are checked by their bounds alone.
        String text = TestSweeps.SMALL.replace("method: uunifast", "method: uunifast-discard")
                .replace("tasks: 4", "tasks: 4\n  max_task_utilization: 0.5").replace("[0.3, 0.7]", "[0.3, 0.7, 0.4, 0.9]");
        List<String> told = new ArrayList<>();
        SweepReader.parse(text, "t.yaml", "t", tmp, (done, points) -> told.add(done + " of " + points));
        assertEquals(List.of("2 of 4", "4 of 4"), told);
        told.clear();
        SweepReader.parse(TestSweeps.SMALL, "t.yaml", "t", tmp, (done, points) -> told.add(done + " of " + points));
        assertEquals(List.of(), told);
    }
}
