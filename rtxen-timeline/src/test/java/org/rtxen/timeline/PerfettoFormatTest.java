package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code --trace} file against the Trace Event Format (Google's "Trace Event Format" document, the JSON object
 * form that chrome://tracing and Perfetto's JSON importer read), rule by rule. Perfetto's UI itself cannot be
 * reached from CI; docs/outputs.md says what this covers and what it does not.
 */
@Timeout(120)
class PerfettoFormatTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The phases the writer uses: complete slices, instants and metadata. */
    private static final Set<String> PHASES = Set.of("X", "i", "M");
    private static final Set<String> METADATA = Set.of("process_name", "process_sort_index", "thread_name",
            "thread_sort_index");
    private static final Pattern TIME_FIELD = Pattern.compile("\"(ts|dur)\":([^,}]+)");

    @ParameterizedTest
    @ValueSource(strings = {"golden/budget.yaml", "global.yaml"})
    void traceFile_followsTheTraceEventFormat(String scenario) throws IOException {
        Runs.Output out = Runs.run(Runs.scenario(scenario), PerfettoTraceWriter::new);
        String text = out.text();
        JsonNode root = JSON.readTree(out.bytes());

        // Object form: traceEvents (required), displayTimeUnit "ms" or "ns", otherData free-form.
        assertTrue(root.isObject() && root.get("traceEvents").isArray());
        assertEquals("ns", root.get("displayTimeUnit").asText());
        assertEquals(1, root.get("otherData").get("schema_version").asInt());

        // Every ts and dur is a number of microseconds written with exactly three decimals (nanosecond precision,
        // no exponent, no rounding), never negative.
        Matcher m = TIME_FIELD.matcher(text);
        int times = 0;
        while (m.find()) {
            assertTrue(m.group(2).matches("\\d+\\.\\d{3}"), m.group());
            times++;
        }
        assertTrue(times > 0);

        Set<String> processNames = new HashSet<>();
        Set<String> threadNames = new HashSet<>();
        Set<String> usedThreads = new HashSet<>();
        Map<String, List<BigDecimal[]>> slices = new HashMap<>();
        BigDecimal end = BigDecimal.valueOf(out.result().durationNs()).movePointLeft(3);
        for (JsonNode e : root.get("traceEvents")) {
            String ph = e.get("ph").asText();
            assertTrue(PHASES.contains(ph), e.toString());
            assertTrue(e.get("pid").isInt() && e.get("tid").isInt(), e.toString());
            assertTrue(e.get("name").isTextual() && !e.get("name").asText().isEmpty(), e.toString());
            String thread = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            switch (ph) {
                case "M" -> {
                    String name = e.get("name").asText();
                    assertTrue(METADATA.contains(name), e.toString());
                    assertFalse(e.has("ts"), "metadata carries no timestamp: " + e);
                    if (name.equals("process_name")) processNames.add(Integer.toString(e.get("pid").asInt()));
                    if (name.equals("thread_name")) threadNames.add(thread);
                    if (name.endsWith("_name")) assertTrue(e.get("args").get("name").isTextual(), e.toString());
                    else assertTrue(e.get("args").get("sort_index").isInt(), e.toString());
                }
                case "X" -> {
                    BigDecimal ts = e.get("ts").decimalValue();
                    BigDecimal dur = e.get("dur").decimalValue();
                    assertTrue(dur.signum() > 0, "empty slices are not written: " + e);
                    assertTrue(ts.add(dur).compareTo(end) <= 0, "slice past the run's end: " + e);
                    assertTrue(e.get("cat").isTextual(), e.toString());
                    slices.computeIfAbsent(thread, k -> new ArrayList<>()).add(new BigDecimal[] {ts, ts.add(dur)});
                    usedThreads.add(thread);
                }
                case "i" -> {
                    // Instant scope: t (thread), p (process) or g (global); rtxen marks a task's track. (A pending
                    // job's deadline may lie after the run's end, and is still marked.)
                    assertEquals("t", e.get("s").asText(), e.toString());
                    assertTrue(e.get("ts").decimalValue().signum() >= 0, e.toString());
                    usedThreads.add(thread);
                }
                default -> fail(ph);
            }
        }
        // Every track that has events is named, and so is its process.
        for (String t : usedThreads) {
            assertTrue(threadNames.contains(t), "unnamed track " + t);
            assertTrue(processNames.contains(t.substring(0, t.indexOf('/'))), "unnamed process of " + t);
        }
        // Complete events on one track must nest or be disjoint (the format's rule for X events on one thread);
        // rtxen's never nest: each track is a sequence of disjoint slices.
        for (Map.Entry<String, List<BigDecimal[]>> t : slices.entrySet()) {
            List<BigDecimal[]> s = t.getValue();
            s.sort((a, b) -> a[0].compareTo(b[0]));
            for (int i = 1; i < s.size(); i++) {
                assertTrue(s.get(i)[0].compareTo(s.get(i - 1)[1]) >= 0, "overlapping slices on " + t.getKey());
            }
        }
    }
}
