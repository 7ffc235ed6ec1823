package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulate command: exit status 2 with a one-line error (naming the file, line and key where there is one) for
 * invalid scenarios, missing files and bad options, and its JSON result with the command line's overrides applied, an
 * exact mean, and the same output for the same scenario and seed apart from the wall time.
 */
class SimulateCommandTest {
    /** A valid one-domain Credit scenario (Credit is built in on every branch that has this test). */
    private static final String CREDIT = """
            duration: 1s
            seed: 3
            host: {pcpus: 1}
            pools: [{name: Pool-0, scheduler: credit}]
            domains:
              - name: vm
                credit: {weight: 256}
                guest: {tasks: [{name: t, period: 10ms, wcet: 2ms}]}
            """;

    @TempDir
    Path dir;

    /** Exit status, standard output and standard error of one command line. */
    record Run(int status, String out, String err) {}

    static Run rtxen(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void simulate_budgetAbovePeriod_exit2WithOneLineNamingFieldAndLine() throws IOException {
        Path f = file("bad.yaml", "duration: 1s\nhost: {pcpus: 1}\ndomains:\n  - name: vm\n"
                + "    rtds: {period: 10ms, budget: 12ms}\n");
        Run r = rtxen("simulate", f.toString());
        assertEquals(2, r.status());
        assertEquals("", r.out());
        assertEquals("rtxen: " + f + ":5: domains[0].rtds.budget: budget 12ms exceeds period 10ms (R36)\n",
                r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void simulate_yamlSyntaxError_exit2WithOneLine() throws IOException {
        Path f = file("broken.yaml", "duration: 1s\nhost: [pcpus: 1\n");
        Run r = rtxen("simulate", f.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("rtxen: " + f + ":"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void simulate_unknownKey_exit2NamingKey() throws IOException {
        Path f = file("typo.yaml", CREDIT.replace("seed: 3", "sed: 3"));
        Run r = rtxen("simulate", f.toString());
        assertEquals(2, r.status());
        assertEquals("rtxen: " + f + ":2: sed: unknown key (expected one of: commands, domains, duration, host, overheads, "
                + "pools, seed)", r.err().strip());
    }

    /**
     * A scenario file whose name starts with "-" is read as an option, so the parser misses the scenario: the line says
     * how to name the file. It said only "Missing required parameter: 'SCENARIO'".
     */
    @Test
    void simulate_fileNamedLikeAnOption_isToldHowToNameIt() throws IOException {
        Path dashed = Path.of("-dashed-scenario.yaml");
        try {
            Files.writeString(dashed, "duration: 1ms\n");
            Run r = rtxen("simulate", "-dashed-scenario.yaml");
            assertEquals(2, r.status());
            assertEquals("rtxen: Missing required parameter: 'SCENARIO' (-dashed-scenario.yaml is read as an option:"
                    + " name the file ./-dashed-scenario.yaml, or put -- before it)", r.err().strip());
        } finally {
            Files.deleteIfExists(dashed);
        }
    }

    @Test
    void simulate_missingFile_exit2() {
        Run r = rtxen("simulate", dir.resolve("absent.yaml").toString());
        assertEquals(2, r.status());
        assertEquals("rtxen: " + dir.resolve("absent.yaml") + ": no such file", r.err().strip());
    }

    @Test
    void simulate_badDurationOption_exit2NamingOption() throws IOException {
        Run r = rtxen("simulate", file("ok.yaml", CREDIT).toString(), "--duration", "5 minutes");
        assertEquals(2, r.status());
        assertEquals("rtxen: --duration: '5 minutes' is not a time (use e.g. 10ms, 500us, 2s, 250ns)", r.err().strip());
        assertEquals(2, rtxen("simulate", file("ok2.yaml", CREDIT).toString(), "--duration", "0").status());
        assertEquals(2, rtxen("simulate", file("ok3.yaml", CREDIT).toString(), "--seed", "x").status());
        assertEquals(2, rtxen("simulate").status(), "the scenario argument is required");
    }

    @Test
    void simulate_json_parsesWithOverridesApplied() throws IOException {
        Run r = rtxen("simulate", file("ok.yaml", CREDIT).toString(), "--json", "--seed", "9", "--duration", "100ms");
        assertEquals(0, r.status(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals(100_000_000L, root.get("duration_ns").asLong());
        assertEquals(9, root.get("seed").asLong());
        JsonNode task = root.get("domains").get(0).get("tasks").get(0);
        assertEquals("t", task.get("name").asText());
        // Releases at 0, 10, ..., 90 ms fall in [0, 100ms): 10 jobs.
        assertEquals(10, task.get("released").asLong());
        for (String field : new String[] {"count", "min_ns", "mean_ns", "p99_ns", "max_ns"}) {
            assertTrue(task.get("response").has(field), field);
        }
        assertTrue(root.get("pcpus").get(0).has("context_switches"));
    }

    @Test
    void simulate_json_meanOfOneJobPastADouble_isThatJobsResponse() throws IOException {
        // One job released at 0 on a VCPU with a full budget runs its 2^53 + 1 ns at once: response 9007199254740993
        // ns, so its mean is that too (a double would make it 9007199254740992).
        Path f = file("big.yaml", """
                duration: 9007199254740995ns
                host: {pcpus: 1}
                domains:
                  - name: vm
                    rtds: {period: 4294967295us, budget: 4294967295us}
                    guest: {tasks: [{name: t, period: 1152921504606846976ns, wcet: 9007199254740993ns,
                                     deadline: 1152921504606846975ns}]}
                """);
        Run r = rtxen("simulate", f.toString(), "--json");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"min_ns\": 9007199254740993,"), r.out());
        assertTrue(r.out().contains("\"mean_ns\": 9007199254740993,"), r.out());
    }

    @Test
    void simulate_sameScenarioAndSeed_identicalJsonApartFromWallTime() throws IOException {
        Path f = file("ok.yaml", CREDIT);
        String first = rtxen("simulate", f.toString(), "--json").out();
        String second = rtxen("simulate", f.toString(), "--json").out();
        assertEquals(first.replaceAll("\"wall_ns\": \\d+", ""), second.replaceAll("\"wall_ns\": \\d+", ""));
    }
}
