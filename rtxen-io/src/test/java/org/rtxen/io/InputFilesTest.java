package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input files that cannot be read are refused with one line naming them: a directory, a device that never ends, a file
 * larger than 16 MiB and a missing file (an empty file is read).
 */
class InputFilesTest {
    @Test
    void directory_isOneLineError(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> ScenarioReader.read(dir));
        assertEquals(dir + ": is a directory, not a file", e.getMessage());
    }

    @Test
    @Timeout(10)
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void endlessDevice_isRefusedBeforeReading() {
        // /dev/zero never ends: reading it whole exhausted the heap.
        InputException e = assertThrows(InputException.class, () -> ScenarioReader.read(Path.of("/dev/zero")));
        assertEquals("/dev/zero: is not a regular file (a FIFO, socket or device cannot be read)", e.getMessage());
    }

    @Test
    void oversizeFile_isRefused(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[InputFiles.MAX_BYTES + 1]);
        InputException e = assertThrows(InputException.class, () -> InputFiles.bytes(big));
        assertEquals(big + ": is larger than 16 MiB", e.getMessage());
        assertEquals(0, InputFiles.bytes(Files.write(dir.resolve("ok"), new byte[0])).length);
    }

    @Test
    void missingFile_namesIt(@TempDir Path dir) {
        Path none = dir.resolve("none.yaml");
        assertEquals(none + ": no such file", assertThrows(InputException.class, () -> InputFiles.text(none)).getMessage());
    }
}
