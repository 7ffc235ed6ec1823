package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.io.InputException;

/** A simulation's timeline files take their places all or none. */
class TimelineFilesTest {
    @TempDir
    Path dir;

    /**
     * {@code simulate --trace a.json --jobs b.csv --xentrace c.bin}: the files were renamed one after the other, so that
     * when the jobs file could not take its place (here it became a directory during the run) the trace had already
     * replaced the user's earlier a.json while the command failed. Every file stays as it was, with nothing beside.
     */
    @Test
    void finish_whenOneRenameFails_replacesNoFile_andLeavesNoHiddenFile() throws IOException {
        Path scenario = Files.writeString(dir.resolve("s.yaml"), "");
        Path trace = Files.writeString(dir.resolve("a.json"), "earlier trace");
        Path jobs = Files.writeString(dir.resolve("b.csv"), "earlier jobs");
        Path xentrace = dir.resolve("c.bin");
        TimelineFiles files = TimelineFiles.open(scenario, trace, jobs, xentrace, f -> f.open(waiting -> { }));
        Files.delete(jobs);
        Files.writeString(Files.createDirectory(jobs).resolve("x"), "x");
        InputException e = assertThrows(InputException.class, files::finish);
        assertEquals("earlier trace", Files.readString(trace));
        assertEquals(jobs + ": --jobs: cannot write: Is a directory", e.getMessage()); // no hidden file named
        assertTrue(Files.notExists(xentrace));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(trace, jobs, scenario), left.sorted().toList());
        }
    }
}
