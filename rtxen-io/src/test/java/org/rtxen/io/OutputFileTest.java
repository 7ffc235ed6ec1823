package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** An output file is replaced whole or not at all, and never when it is an input or another output. */
class OutputFileTest {
    @TempDir
    Path dir;

    @Test
    void commit_replacesTheFileWhole_andLeavesNothingBeside() throws IOException {
        Path file = Files.writeString(dir.resolve("out.txt"), "old");
        try (OutputFile out = OutputFile.claim(file, "--out", List.of(), List.of());
             OutputStream s = out.open(waiting -> { })) {
            s.write("new".getBytes(StandardCharsets.UTF_8));
            assertEquals("old", Files.readString(file)); // nothing shows before the commit
            s.close();
            out.commit();
        }
        assertEquals("new", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    @Test
    void close_withoutCommit_leavesTheFileAsItWas_andRemovesTheHiddenOne() throws IOException {
        Path file = Files.writeString(dir.resolve("out.txt"), "old");
        try (OutputFile out = OutputFile.claim(file, "--out", List.of(), List.of());
             OutputStream s = out.open(waiting -> { })) {
            s.write("half".getBytes(StandardCharsets.UTF_8));
            assertEquals(2, listing().size()); // the file and the hidden one
        }
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listing());
    }

    /** A hidden file left by a killed run of a process with this id is neither reused nor removed. */
    @Test
    void partial_besideALeftOverOfTheSameProcessId_takesTheNextName() throws IOException {
        long pid = ProcessHandle.current().pid();
        Path leftOver = Files.writeString(dir.resolve(".out.txt." + pid + ".partial"), "killed");
        Path file = dir.resolve("out.txt");
        try (OutputFile out = OutputFile.claim(file, "--out", List.of(), List.of())) {
            assertEquals(dir.resolve(".out.txt." + pid + "-1.partial"), out.partial());
            Files.writeString(out.partial(), "new");
            out.commit();
        }
        assertEquals("new", Files.readString(file));
        assertEquals("killed", Files.readString(leftOver));
    }

    @Test
    void commit_throughALink_replacesItsTarget_andKeepsTheLink() throws IOException {
        Path file = Files.writeString(dir.resolve("real.txt"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.txt"), file);
        try (OutputFile out = OutputFile.claim(link, "--out", List.of(), List.of())) {
            Files.writeString(out.partial(), "new");
            out.commit();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(file));
    }

    @Test
    void commit_ofANewFile_hasTheDirectorysUsualPermissions() throws IOException {
        Path usual = Files.createFile(dir.resolve("usual.txt"));
        Path file = dir.resolve("new.txt");
        try (OutputFile out = OutputFile.claim(file, "--out", List.of(), List.of())) {
            out.partial();
            out.commit();
        }
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(file));
    }

    @Test
    void claim_ofAnInput_byAnotherNameOrALink_isRefused() throws IOException {
        Path input = Files.writeString(dir.resolve("in.yaml"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), input);
        for (Path named : List.of(dir.resolve("./in.yaml"), link, dir.resolve("sub/../in.yaml"))) {
            Files.createDirectories(dir.resolve("sub"));
            InputException e = assertThrows(InputException.class,
                    () -> OutputFile.claim(named, "--trace", List.of(input), List.of()));
            assertEquals(named + ": --trace: is the input file " + input + "; writing it would destroy it", e.getMessage());
        }
        assertEquals("keep", Files.readString(input));
    }

    /** A hard link is the same file under another name: writing it would destroy the input as surely. */
    @Test
    void claim_ofAnInput_byAHardLink_isRefused() throws IOException {
        Path input = Files.writeString(dir.resolve("in.xml"), "keep");
        Path hard = Files.createLink(dir.resolve("h.xml"), input);
        InputException e = assertThrows(InputException.class,
                () -> OutputFile.claim(hard, "--carts-xml", List.of(input), List.of()));
        assertEquals(hard + ": --carts-xml: is the input file " + input + "; writing it would destroy it", e.getMessage());
    }

    /**
     * Two names of one pipe (a child's standard output and standard error, both on the pipe this test reads) are one
     * output: two options writing there would interleave their files. {@code /dev/null} takes any number.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void claim_ofOnePipeByTwoNames_isRefused_butDevNullTwice_isNot() throws IOException, InterruptedException {
        Process child = new ProcessBuilder("sleep", "60").redirectErrorStream(true).start();
        try {
            Path out = Path.of("/proc/" + child.pid() + "/fd/1");
            Path err = Path.of("/proc/" + child.pid() + "/fd/2");
            OutputFile first = OutputFile.claim(out, "--trace", List.of(), List.of());
            InputException e = assertThrows(InputException.class,
                    () -> OutputFile.claim(err, "--jobs", List.of(), List.of(first)));
            assertEquals(err + ": --jobs: is also the file of --trace", e.getMessage());
        } finally {
            child.destroy();
            child.waitFor();
        }
        OutputFile nowhere = OutputFile.claim(Path.of("/dev/null"), "--trace", List.of(), List.of());
        OutputFile.claim(Path.of("/dev/null"), "--jobs", List.of(), List.of(nowhere));
    }

    @Test
    void cannotWrite_ofADeniedFile_saysPermissionDenied() {
        // Java names only the path in an AccessDeniedException's message: the line says why.
        OutputFile out = OutputFile.claim(dir.resolve("f.png"), "-o", List.of(), List.of());
        assertEquals(dir.resolve("f.png") + ": -o: cannot write: permission denied",
                out.cannotWrite(new AccessDeniedException(dir.resolve(".f.png.1.partial").toString())).getMessage());
    }

    @Test
    void claim_ofAnotherOutputsFile_isRefused() {
        OutputFile first = OutputFile.claim(dir.resolve("o"), "--trace", List.of(), List.of());
        InputException e = assertThrows(InputException.class,
                () -> OutputFile.claim(dir.resolve("./o"), "--jobs", List.of(), List.of(first)));
        assertEquals(dir.resolve("./o") + ": --jobs: is also the file of --trace", e.getMessage());
    }

    @Test
    void claim_ofADirectory_aMissingDirectory_orNothing_isRefused() throws IOException {
        assertEquals(dir + ": --out: is a directory", assertThrows(InputException.class,
                () -> OutputFile.claim(dir, "--out", List.of(), List.of())).getMessage());
        Path missing = dir.resolve("no/such.txt");
        assertEquals(missing + ": --out: cannot write: no such directory", assertThrows(InputException.class,
                () -> OutputFile.claim(missing, "--out", List.of(), List.of())).getMessage());
        Path underAFile = dir.resolve("file/such.txt");
        Files.writeString(dir.resolve("file"), ""); // a file where the directory should be: missing too
        assertEquals(underAFile + ": --out: cannot write: no such directory: " + dir.resolve("file").toAbsolutePath()
                + " is not a directory", assertThrows(InputException.class,
                () -> OutputFile.claim(underAFile, "--out", List.of(), List.of())).getMessage());
        assertEquals("--out: the path is empty", assertThrows(InputException.class,
                () -> OutputFile.claim(Path.of(""), "--out", List.of(), List.of())).getMessage());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aDevice_isWrittenInPlace() {
        try (OutputFile out = OutputFile.claim(Path.of("/dev/null"), "--out", List.of(), List.of())) {
            assertEquals(Path.of("/dev/null"), out.partial());
            out.commit();
        }
        assertTrue(Files.exists(Path.of("/dev/null")));
    }

    /**
     * {@code /dev/stdout} is {@code /proc/self/fd/1}, a link to whatever standard output is; a child's
     * {@code /proc/PID/fd/1} is the same kind of link. When standard output is a pipe the link's target
     * ({@code pipe:[N]}) is no path: the claim called that "no such directory" (exit 2 for {@code --jobs /dev/stdout |
     * grep x}). Anything named under /proc or /dev is written in place, through the name given.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aLinkUnderProc_toAPipe_isWrittenInPlaceThroughIt() throws IOException, InterruptedException {
        Process child = new ProcessBuilder("sleep", "60").start();
        try {
            writeRowAsJobsTo(Path.of("/proc/" + child.pid() + "/fd/1"));
            assertEquals("row\n", new String(child.getInputStream().readNBytes(4), StandardCharsets.UTF_8));
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    /** Claims {@code stdout} (a child's standard output) as {@code --jobs}, writes "row" there in place and commits. */
    private static void writeRowAsJobsTo(Path stdout) throws IOException {
        try (OutputFile out = OutputFile.claim(stdout, "--jobs", List.of(), List.of());
             OutputStream s = out.open(waiting -> { })) {
            assertEquals(stdout, out.partial());
            s.write("row\n".getBytes(StandardCharsets.UTF_8));
            s.close();
            out.commit();
        }
    }

    /**
     * {@code rtxen simulate s.yaml --jobs /dev/stdout > out.txt}: the link resolves to out.txt, which was replaced by a
     * rename, so the summary the command printed after it went to the replaced file and was lost. Written in place,
     * out.txt stays the file standard output writes to.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aLinkUnderProc_toARegularFile_writesThatFileInPlace() throws IOException, InterruptedException {
        Path file = dir.resolve("out.txt");
        Process child = new ProcessBuilder("sleep", "60").redirectOutput(file.toFile()).start();
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            writeRowAsJobsTo(Path.of("/proc/" + child.pid() + "/fd/1"));
            assertEquals(inode, Files.getAttribute(file, "unix:ino"));
            assertEquals("row\n", Files.readString(file));
            assertEquals(List.of(file), listing());
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    /**
     * {@code --jobs -}, the usual way to say standard output, wrote a file named "-" in the working directory. It is
     * standard output, {@code /dev/stdout}; a file of that name is still written as {@code ./-}.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aDash_isStandardOutput_andADotSlashDash_aFile() {
        try (OutputFile out = OutputFile.claim(Path.of("-"), "--jobs", List.of(), List.of())) {
            assertEquals(Path.of("/dev/stdout"), out.partial());
        }
        Path dash = dir.resolve("-");
        try (OutputFile out = OutputFile.claim(dash, "--jobs", List.of(), List.of())) {
            assertTrue(out.partial().getFileName().toString().endsWith(".partial"), out.partial().toString());
        }
    }

    /**
     * A name near the file system's limit of 255 bytes is a valid output, but its hidden file {@code .NAME.PID.partial}
     * was longer than that: "cannot write: .aaaa….csv.4242.partial: File name too long" for a file the user could
     * create. The hidden file's name keeps as much of NAME as fits (whole characters: 'é' is two bytes).
     */
    @Test
    void aNameNearTheLimit_isWritten_itsHiddenFileNameCutShort() throws IOException {
        for (String name : List.of("a".repeat(251) + ".csv", "\u00e9".repeat(125) + ".csv")) {
            Path file = dir.resolve(name);
            try (OutputFile out = OutputFile.claim(file, "--jobs", List.of(), List.of());
                 OutputStream s = out.open(waiting -> { })) {
                assertTrue(out.partial().getFileName().toString().getBytes(StandardCharsets.UTF_8).length <= 255);
                s.write("row".getBytes(StandardCharsets.UTF_8));
                s.close();
                out.commit();
            }
            assertEquals("row", Files.readString(file));
            assertEquals(List.of(file), listing());
            Files.delete(file);
        }
    }

    /**
     * A link whose target does not exist yet ({@code jobs.csv -> runs/jobs.csv}) was replaced by a regular file, the
     * link lost; a shell's {@code >} creates the target and keeps the link, as rtxen does for a link to an existing
     * file. A loop of links is refused.
     */
    @Test
    void commit_throughADanglingLink_createsItsTarget_andKeepsTheLink() throws IOException {
        Files.createDirectory(dir.resolve("runs"));
        Path link = Files.createSymbolicLink(dir.resolve("jobs.csv"), Path.of("runs", "jobs.csv"));
        try (OutputFile out = OutputFile.claim(link, "--jobs", List.of(), List.of());
             OutputStream s = out.open(waiting -> { })) {
            s.write("row".getBytes(StandardCharsets.UTF_8));
            s.close();
            out.commit();
        }
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("row", Files.readString(dir.resolve("runs").resolve("jobs.csv")));

        Path a = Files.createSymbolicLink(dir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(dir.resolve("b"), Path.of("a"));
        assertEquals(a + ": --jobs: cannot write: too many levels of symbolic links", assertThrows(InputException.class,
                () -> OutputFile.claim(a, "--jobs", List.of(), List.of())).getMessage());
    }

    /**
     * A command's outputs are renamed into place one after the other: a rename that fails (here the third, whose file
     * became a directory while the command ran) left the first file replaced and the second created, the user's old
     * content lost while the command failed. Every file is now as it was, and no hidden file stays.
     */
    @Test
    void commitAll_aRenameThatFails_putsTheEarlierFilesBack_andLeavesNothingBeside() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "old a");
        Path b = dir.resolve("b.csv");
        Path c = Files.writeString(dir.resolve("c.bin"), "old c");
        List<OutputFile> outputs = new ArrayList<>();
        for (Path file : List.of(a, b, c)) {
            OutputFile out = OutputFile.claim(file, "--" + file.getFileName(), List.of(), outputs);
            Files.writeString(out.partial(), "new");
            outputs.add(out);
        }
        Files.delete(c);
        Files.writeString(Files.createDirectory(c).resolve("x"), "x"); // a directory now: no file can take its place
        InputException e = assertThrows(InputException.class, () -> OutputFile.commitAll(outputs));
        assertTrue(e.getMessage().startsWith(c + ": --c.bin: cannot write: "), e.getMessage());
        assertEquals("old a", Files.readString(a));
        assertTrue(Files.notExists(b));
        assertEquals(List.of(a, c), listing());
    }

    /**
     * A rename that fails after others created files that did not exist before: those files are removed again, and
     * the message names only the output that failed.
     */
    @Test
    void commitAll_aRenameThatFails_removesTheFilesItCreated() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.bin");
        List<OutputFile> outputs = new ArrayList<>();
        for (Path file : List.of(a, b, c)) {
            OutputFile out = OutputFile.claim(file, "--" + file.getFileName(), List.of(), outputs);
            Files.writeString(out.partial(), "new");
            outputs.add(out);
        }
        Files.writeString(Files.createDirectory(c).resolve("x"), "x"); // a directory now: no file can take its place
        InputException e = assertThrows(InputException.class, () -> OutputFile.commitAll(outputs));
        assertEquals(c + ": --c.bin: cannot write: Is a directory", e.getMessage());
        assertEquals(List.of(c), listing());
    }

    /**
     * A file that did not exist before, created by a commit whose later rename fails, and that cannot be removed again
     * (here the hidden "file" was a directory with something in it, which a delete cannot remove): the message says so
     * on its one line, naming it, instead of leaving a new file unmentioned where none was.
     */
    @Test
    void commitAll_aCreatedFileThatCannotBeRemoved_isNamedInTheOneLineMessage() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.csv");
        OutputFile first = OutputFile.claim(a, "--trace", List.of(), List.of());
        OutputFile second = OutputFile.claim(b, "--jobs", List.of(), List.of(first));
        Files.delete(first.partial());
        Files.writeString(Files.createDirectory(first.partial()).resolve("x"), "x"); // renamed in place, never removed
        Files.writeString(second.partial(), "new");
        Files.writeString(Files.createDirectory(b).resolve("x"), "x"); // a directory now: no file can take its place
        InputException e = assertThrows(InputException.class, () -> OutputFile.commitAll(List.of(first, second)));
        assertEquals(b + ": --jobs: cannot write: Is a directory; --trace " + a + " is new, though it did not exist"
                + " before", e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        assertEquals(List.of(a, b), listing());
    }

    /**
     * A file written in place (here a link to {@code /dev/null}) for a writer that opens its path itself: its staged
     * file is a hidden regular file beside the link, not beside the device (no file is made in /dev), and close
     * removes it, the link left as it was.
     */
    @Test
    void staged_ofALinkToADevice_isAHiddenRegularFileBesideTheLink_removedByClose() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("results.csv"), Path.of("/dev/null"));
        OutputFile out = OutputFile.claim(link, "--out", List.of(), List.of());
        assertTrue(out.isWrittenInPlace());
        Path staged = out.staged();
        assertEquals(dir.resolve(".results.csv." + ProcessHandle.current().pid() + ".staged"), staged);
        assertTrue(Files.isRegularFile(staged, LinkOption.NOFOLLOW_LINKS));
        out.close();
        assertEquals(List.of(link), listing());
        assertTrue(Files.isSymbolicLink(link));
    }

    @Test
    void commitAll_replacesEveryFile_andLeavesNoBackupBeside() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), "old a");
        Path b = dir.resolve("b.csv");
        OutputFile first = OutputFile.claim(a, "--trace", List.of(), List.of());
        OutputFile second = OutputFile.claim(b, "--jobs", List.of(), List.of(first));
        Files.writeString(first.partial(), "new a");
        Files.writeString(second.partial(), "new b");
        OutputFile.commitAll(List.of(first, second));
        assertEquals("new a", Files.readString(a));
        assertEquals("new b", Files.readString(b));
        assertEquals(List.of(a, b), listing());
    }

    /**
     * An interrupt (Ctrl-C, SIGTERM) while a command's outputs took their places: the JVM's exit removed the hidden
     * files not yet renamed while the command went on renaming, so that some files were new and others as they were,
     * and the backups stayed beside them. The exit now waits for the commit: every file is new, nothing stays beside.
     */
    @Test
    @Timeout(60)
    void commitAll_anExitDuringIt_waitsForIt_everyFileNew_nothingBeside() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitDuringCommit.class.getName(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(130, child.waitFor(), out);
        List<Path> files = listing();
        assertEquals(0, files.stream().filter(f -> f.getFileName().toString().startsWith(".")).count(), "hidden files");
        assertEquals(ExitDuringCommit.FILES, files.size());
        for (Path f : files) assertEquals("new", Files.readString(f), f.toString());
    }

    /**
     * A process that claims {@link #FILES} outputs over files holding "old" in the directory given, writes "new" into
     * each and commits them all, while another thread exits with status 130, as an interrupt does, once the first
     * backup appears.
     */
    static final class ExitDuringCommit {
        static final int FILES = 2_000;

        /**
         * Claims {@link #FILES} outputs in the directory {@code args[0]}, writes them and commits them all, while
         * another thread exits with status 130 once the first backup appears.
         */
        public static void main(String[] args) throws IOException {
            Path dir = Path.of(args[0]);
            List<OutputFile> outputs = new ArrayList<>();
            for (int i = 0; i < FILES; i++) {
                Path file = Files.writeString(dir.resolve(String.format("f%04d", i)), "old");
                OutputFile out = OutputFile.claim(file, "--f" + i, List.of(), List.of());
                Files.writeString(out.partial(), "new");
                outputs.add(out);
            }
            Path firstBackup = dir.resolve(".f0000." + ProcessHandle.current().pid() + ".backup");
            Thread interrupt = new Thread(() -> {
                while (!Files.exists(firstBackup)) Thread.onSpinWait();
                System.exit(130);
            });
            interrupt.start();
            OutputFile.commitAll(outputs);
        }
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
