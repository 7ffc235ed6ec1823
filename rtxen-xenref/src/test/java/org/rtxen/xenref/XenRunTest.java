package org.rtxen.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.io.InputException;
import org.junit.jupiter.api.io.TempDir;

/** {@code rtxen xen-run --from RUNDIR}: reads a finished boot's outputs and prints them beside the simulation. */
class XenRunTest {
    @TempDir
    Path dir;

    @Test
    void fromRunDir_acceptedRun_printsXenBesideRtxenAndWritesTheJson() throws Exception {
        Path run = dir.resolve("run-1");
        Files.createDirectories(run.resolve("out"));
        ReferenceBootFixture.write(run.resolve("out"), 4 * ReferenceBootFixture.S / 10, "");
        Files.writeString(run.resolve("boot-info.txt"), "xen_source=4.17.5\n");
        Path scenario = Files.writeString(dir.resolve("s.yaml"), ReferenceBootFixture.SCENARIO);
        StringWriter out = new StringWriter();
        new XenRun(1, false, null, Path.of("unused"), List.of(run), dir.resolve("ref")).run(List.of(scenario),
                new PrintWriter(out));
        // Xen: g1 40.00 %, g2 30.00 % (the fixture's trace); rtxen simulates the same RTDS hogs: 40 % and 30 %.
        assertTrue(out.toString().contains("verdict: accepted"), out.toString());
        assertTrue(out.toString().contains("emulated timing carries artefacts"), out.toString());
        assertTrue(out.toString().matches("(?s).*g1 +v0 +40\\.00 .*"), out.toString());
        assertTrue(Files.readString(dir.resolve("ref/runs/s.run-1.json")).contains("\"xen_source\" : \"4.17.5\""));
        assertEquals(Files.readString(dir.resolve("ref/runs/s.run-1.json")), Files.readString(dir.resolve("ref/s.json")));
    }

    @Test
    void fromRunDirOfABootStoppedBeforeTheScenario_saysSoAndWritesNothing() throws Exception {
        Path run = dir.resolve("run-1");
        Files.createDirectories(run.resolve("out"));
        Files.writeString(run.resolve("out/run.log"), "rtxen: scenario other done\n");
        Path scenario = Files.writeString(dir.resolve("s.yaml"), ReferenceBootFixture.SCENARIO);
        StringWriter out = new StringWriter();
        new XenRun(1, false, null, Path.of("unused"), List.of(run), dir.resolve("ref")).run(List.of(scenario),
                new PrintWriter(out));
        assertEquals("\n== s (" + run + "): no trace, the boot stopped before this scenario\n", out.toString());
        assertFalse(Files.exists(dir.resolve("ref")));
    }

    @Test
    void referenceOutThatIsAFile_isBadInputNamingIt() throws Exception {
        Path run = dir.resolve("run-1");
        Files.createDirectories(run.resolve("out"));
        ReferenceBootFixture.write(run.resolve("out"), 4 * ReferenceBootFixture.S / 10, "");
        Path scenario = Files.writeString(dir.resolve("s.yaml"), ReferenceBootFixture.SCENARIO);
        Path file = Files.writeString(dir.resolve("ref"), "mine\n");
        InputException e = assertThrows(InputException.class, () -> new XenRun(1, false, null, Path.of("unused"),
                List.of(run), file).run(List.of(scenario), new PrintWriter(new StringWriter())));
        assertEquals(file.resolve("runs/s.run-1.json") + ": --reference-out: cannot write: Not a directory",
                e.getMessage());
        assertEquals("mine\n", Files.readString(file));
    }
}
