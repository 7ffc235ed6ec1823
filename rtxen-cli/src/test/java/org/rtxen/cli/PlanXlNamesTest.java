package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan}'s xl commands are pasted into a shell: names are quoted, and names xl would misread are bad input. */
class PlanXlNamesTest {
    private static final String HOSTILE = """
            duration: 100ms
            host: {pcpus: 2}
            pools:
              - {name: 'boot pool''"x', scheduler: credit, pcpus: [0]}
              - {name: 'c2 $(echo INJECTED)', scheduler: credit2, pcpus: [1], credit2: {runqueue: cpu}}
            domains:
              - name: 'vm; echo INJECTED'
                pool: 'boot pool''"x'
                credit: {weight: 256}
                guest: {tasks: [{name: t, period: 10ms, wcet: 1ms}]}
              - name: a b
                pool: 'c2 $(echo INJECTED)'
                guest: {tasks: [{name: t, period: 10ms, wcet: 1ms}]}
            """;

    /** The commands for {@link #HOSTILE}, as a POSIX shell must read them. */
    private static final List<String> HOSTILE_XL = List.of(
            "# boot Xen with sched=credit credit2_runqueue=cpu (xl sets none of these)",
            "xl cpupool-rename Pool-0 'boot pool'\\''\"x'",
            "xl sched-credit -s -p 'boot pool'\\''\"x' -t 30 -r 1000",
            "xl cpupool-cpu-remove 'boot pool'\\''\"x' 1",
            "xl cpupool-create 'name=\"c2 $(echo INJECTED)\"' 'sched=\"credit2\"' 'cpus=\"1\"'",
            "xl sched-credit2 -s -p 'c2 $(echo INJECTED)' -r 1000",
            "xl sched-credit -d 'vm; echo INJECTED' -w 256 -c 0",
            "xl cpupool-migrate 'a b' 'c2 $(echo INJECTED)'",
            "xl sched-credit2 -d 'a b' -w 256 -c 0");

    @TempDir
    Path dir;

    @Test
    void planJson_xlArray_quotesEveryName() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", file(HOSTILE).toString(), "--json");
        assertEquals(0, r.status(), r.err());
        List<String> xl = new ArrayList<>();
        for (JsonNode line : new ObjectMapper().readTree(r.out()).get("xl")) xl.add(line.asText());
        assertEquals(HOSTILE_XL, xl);
    }

    @Test
    void planText_xlCommands_quoteEveryName() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", file(HOSTILE).toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\nxl commands:\n  " + String.join("\n  ", HOSTILE_XL) + "\n\n"), r.out());
    }

    @Test
    void plan_allDigitDomainName_isBadInputInOneLine() throws IOException {
        Path f = file(HOSTILE.replace("name: a b", "name: '2'"));
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", f.toString());
        assertEquals(2, r.status(), r.out());
        assertEquals("", r.out());
        assertEquals("rtxen: " + f + ": domains[1].name: '2': xl reads an all-digit name as a domain id; rename the"
                + " domain\n", r.err());
    }

    @Test
    void planJson_controlCharacterInAPoolName_isBadInputInOneLine() throws IOException {
        Path f = file(HOSTILE.replace("'c2 $(echo INJECTED)'", "\"c2\\nrm\""));
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", f.toString(), "--json");
        assertEquals(2, r.status(), r.out());
        assertEquals("rtxen: " + f + ": pools[1].name: 'c2\\nrm': a control character cannot be shown in the xl"
                + " commands; rename the pool\n", r.err());
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(dir.resolve("s.yaml"), yaml);
    }
}
