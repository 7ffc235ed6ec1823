package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rtxen xen-run}: the command hands its options to the harness (rtxen-xenref's XenRunTest runs it); what the
 * user can fix is refused in one line, before any boot, and a boot's own output stays in its folder.
 */
class XenRunCommandTest {
    /** A scenario real Xen can run. */
    private static final String SCENARIO = Path.of("..", "examples", "rtds-two-vms.yaml").toString();

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    /** An executable script in the test's folder with the given body. */
    private Path script(String name, String body) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void runsBelowOne_isBadInput() {
        Run r = run("xen-run", "--runs", "0", "s.yaml");
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: --runs: must be at least 1", r.err().strip());
    }

    @Test
    void unpreparedHarness_saysToPrepareInOneLineBeforeBooting() throws Exception {
        // The real script, alone in a folder: its cache (beside it) was never prepared.
        Path xenref = Files.copy(Path.of("..", "fidelity", "xen-qemu", "xenref"), dir.resolve("xenref"));
        Files.setPosixFilePermissions(xenref, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run r = run("xen-run", "--xenref", xenref.toString(), "--work", dir.resolve("w").toString(), SCENARIO);
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + xenref + ": not prepared (no " + dir.resolve("cache/versions.txt") + "): run '"
                + xenref + " prepare' once, as root", r.err().strip());
        assertFalse(Files.exists(dir.resolve("w")));
    }

    @Test
    void failedBoot_namesItsLogInOneLine_whichHoldsWhatTheHarnessSaid() throws Exception {
        Path xenref = script("xenref", "[ \"$1\" = check ] && exit 0\necho 'qemu: cannot boot' >&2\nexit 1\n");
        Run r = run("xen-run", "--xenref", xenref.toString(), "--work", dir.resolve("w").toString(), SCENARIO);
        assertEquals(2, r.status(), r.err());
        Path log = dir.resolve("w/run-1/xenref.log");
        assertEquals("rtxen: " + log + ": boot failed (status 1): see the log's last lines", r.err().strip());
        assertEquals("qemu: cannot boot\n", Files.readString(log));
    }

    /**
     * Two boots at once: the first fails once the second runs a long child (its QEMU, say); the command ends with the
     * first's message and leaves no process of the second behind.
     */
    @Test
    void aFailedParallelBoot_stopsTheOthers_andTheirChildren() throws Exception {
        Path xenref = script("xenref", """
                [ "$1" = check ] && exit 0
                case "$2" in
                  */run-1) while [ ! -s "${2%/run-1}/run-2/pid" ]; do sleep 0.05; done; exit 1 ;;
                  *) sleep 60 & echo $! > "$2/pid"; wait ;;
                esac
                """);
        Run r = run("xen-run", "--xenref", xenref.toString(), "--work", dir.resolve("w").toString(), "--runs", "2",
                "--parallel", SCENARIO);
        assertEquals(2, r.status(), r.err());
        long pid = Long.parseLong(Files.readString(dir.resolve("w/run-2/pid")).strip());
        java.util.Optional<ProcessHandle> child = ProcessHandle.of(pid);
        if (child.isPresent()) child.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(false, ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void xenrefDirectoryOrPlainFile_isBadInputNamingXenref() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
        for (Path xenref : new Path[] {dir, plain}) {
            Run r = run("xen-run", "--xenref", xenref.toString(), SCENARIO);
            assertEquals(2, r.status(), r.err());
            assertEquals("rtxen: " + xenref + ": --xenref: is not an executable file: give the xenref script",
                    r.err().strip());
        }
    }

    @Test
    void workThatIsAFile_isBadInputNamingWork() throws Exception {
        Path xenref = script("xenref", "exit 0\n");
        Run r = run("xen-run", "--work", "/dev/null", "--xenref", xenref.toString(), SCENARIO);
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: /dev/null: --work: is not a directory", r.err().strip());
    }

    @Test
    void emptyWork_isRefusedInsteadOfBootingIntoTheCurrentDirectory() throws Exception {
        Path xenref = script("xenref", "exit 0\n");
        Run r = run("xen-run", "--work", "", "--xenref", xenref.toString(), SCENARIO);
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: --work: the path is empty", r.err().strip());
    }

    @Test
    void workHoldingAnEarlierBoot_isRefusedSoItsOutputsStay() throws Exception {
        Path xenref = script("xenref", "exit 0\n");
        Path earlier = Files.createDirectories(dir.resolve("w/run-1/out"));
        Run r = run("xen-run", "--work", dir.resolve("w").toString(), "--xenref", xenref.toString(), SCENARIO);
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + dir.resolve("w/run-1").toAbsolutePath() + ": --work: already holds a boot: give another"
                + " --work", r.err().strip());
        assertTrue(Files.isDirectory(earlier));
        assertFalse(Files.exists(dir.resolve("w/run-1/dom0-run.sh")));
    }

    @Test
    void fromWithADamagedTrace_isBadInputNamingTheTrace() throws Exception {
        Path out = Files.createDirectories(dir.resolve("run-1/out"));
        Path trace = Files.writeString(out.resolve("rtds-two-vms.trace"), "not a trace, not a trace, not a trace");
        Run r = run("xen-run", "--from", dir.resolve("run-1").toString(), SCENARIO);
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: --from: " + trace + ": byte 0: expected a CPU-change record (0x2001f003)"
                + " but found 0x20746f6e; not a xentrace file", r.err().strip());
    }

    @Test
    void fromMissingAFileBesideTheTrace_isBadInputNamingTheFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("run-1/out"));
        Run sim = run("simulate", SCENARIO, "--xentrace", out.resolve("rtds-two-vms.trace").toString());
        assertEquals(0, sim.status(), sim.err());
        Run r = run("xen-run", "--from", dir.resolve("run-1").toString(), SCENARIO);
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + out.resolve("rtds-two-vms-vcpu-list.txt") + ": --from: no such file, though the"
                + " scenario's trace is there", r.err().strip());
    }

    @Test
    void fromThatIsNoBootsFolder_isRefused() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("file"), "");
        String[][] cases = {
            {dir.resolve("none").toString(), "no such directory"},
            {empty.toString(), "holds no out/: give a boot's folder (WORK/run-K)"},
            {file.toString(), "is not a directory: give a boot's folder (WORK/run-K)"},
        };
        for (String[] c : cases) {
            Run r = run("xen-run", "--from", c[0], SCENARIO);
            assertEquals(2, r.status(), r.err());
            assertEquals("rtxen: " + c[0] + ": --from: " + c[1], r.err().strip());
            assertEquals("", r.out());
        }
    }

    /** The options that only a boot uses are refused with --from, as analyze refuses another input kind's options. */
    @Test
    void bootOptionsWithFrom_areRefusedNamingTheOption_notIgnored() throws Exception {
        Path boot = Files.createDirectories(dir.resolve("run-1/out")).getParent();
        String[][] cases = {
            {"--runs", "2"},
            {"--parallel"},
            {"--work", dir.resolve("w").toString()},
            {"--xenref", dir.resolve("xenref").toString()},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 4];
            args[0] = "xen-run";
            args[1] = "--from";
            args[2] = boot.toString();
            System.arraycopy(c, 0, args, 3, c.length);
            args[args.length - 1] = SCENARIO;
            Run r = run(args);
            assertEquals(2, r.status(), r.err());
            assertEquals("rtxen: " + c[0] + ": does not apply to --from (earlier boots are read, none is booted)",
                    r.err().strip());
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(dir.resolve("w")));
    }

    @Test
    void twoScenariosOfTheSameName_areRefusedInsteadOfOverwritingEachOthersOutputs() throws Exception {
        Path a = Files.copy(Path.of(SCENARIO), Files.createDirectories(dir.resolve("a")).resolve("s.yaml"));
        Path b = Files.copy(Path.of(SCENARIO), Files.createDirectories(dir.resolve("b")).resolve("s.yaml"));
        Run r = run("xen-run", "--xenref", dir.toString(), a.toString(), b.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + b + ": has the name of " + a + ": a boot names its outputs after the file, rename one",
                r.err().strip());
    }

    @Test
    void scenarioFileNameTheDom0ScriptCannotCarry_isRefused() throws Exception {
        Path s = Files.copy(Path.of(SCENARIO), dir.resolve("my run.yaml"));
        Run r = run("xen-run", "--xenref", dir.toString(), s.toString());
        assertEquals(2, r.status(), r.err());
        assertEquals("rtxen: " + s + ": a boot names its outputs after the file: use only letters, digits, '.', '-'"
                + " and '_' in its name", r.err().strip());
    }
}
