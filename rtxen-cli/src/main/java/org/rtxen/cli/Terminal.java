package org.rtxen.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether progress shown on standard error reaches a person at a terminal rather than a log or a pipe. */
final class Terminal {
    private static final Path STANDARD_ERROR = Path.of("/proc/self/fd/2");

    private Terminal() {}

    /**
     * Whether standard error is a terminal: on Linux, whether its descriptor leads to a terminal device ({@code /dev/pts/N}
     * or {@code /dev/ttyN}), whatever standard output is (progress with {@code > out.txt} still shows, and none goes
     * into a {@code 2> log}); elsewhere, whether the JVM has a console.
     */
    static boolean standardError() {
        try {
            String device = Files.readSymbolicLink(STANDARD_ERROR).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return System.console() != null;
        }
    }
}
