package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: Xen's own xenalyze (Debian's xen-utils-common) reading a file, and the per-VCPU totals it prints. */
final class Xenalyze {
    private static final Path BINARY = Path.of("/usr/bin/xenalyze");

    private Xenalyze() {}

    /** Whether xenalyze is installed. */
    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Skips the calling test when xenalyze is missing, except in CI (.ci/run sets RTXEN_CI; CI also sets CI=true),
     * where it must be installed and the test fails instead.
     */
    static void require() {
        if (System.getenv("RTXEN_CI") == null && !"true".equals(System.getenv("CI"))) {
            assumeTrue(installed(), "xenalyze is not installed (apt-get install xen-utils-common); skipped outside CI");
        }
        assertTrue(installed(), "CI must install xenalyze (xen-utils-common)");
    }

    /**
     * "dDvV state" to ns from {@code xenalyze --summary --cpu-hz=100 file}, which must exit 0: with 100 Hz its seconds
     * column is cycles / 100 with two decimals, so the digits are the cycle count (1 cycle = 1 ns here, spec 4.1).
     */
    static Map<String, Long> totals(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY.toString(), "--summary", "--cpu-hz=100", file.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), text);
        return totals(text);
    }

    /** "dDvV state" to ns from xenalyze's per-VCPU "Runstates" lines. */
    private static Map<String, Long> totals(String text) {
        Pattern domain = Pattern.compile("\\|-- Domain (\\d+) --\\|");
        Pattern vcpu = Pattern.compile("-- v(\\d+) --");
        Pattern state = Pattern.compile("\\s+(running|runnable|blocked|offline):\\s+\\d+\\s+(\\d+)\\.(\\d\\d)s.*");
        Map<String, Long> totals = new HashMap<>();
        String dom = null;
        String v = null;
        for (String line : text.lines().toList()) {
            Matcher m = domain.matcher(line);
            if (m.matches()) {
                dom = m.group(1);
                v = null;
                continue;
            }
            m = vcpu.matcher(line);
            if (m.matches()) {
                v = m.group(1);
                continue;
            }
            m = state.matcher(line);
            if (m.matches() && dom != null && v != null) {
                totals.put("d" + dom + "v" + v + " " + m.group(1), Long.parseLong(m.group(2) + m.group(3)));
            }
        }
        return totals;
    }
}
