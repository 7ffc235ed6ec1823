package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;

/** Golden-file tests: the expected files under src/test/resources/golden were written by hand from this result. */
class ResultFormatTest {
    /**
     * A 100 ms run: vm1's VCPU runs 40 ms, waits 5 ms and blocks 55 ms; Domain-0's runs 1.5 us, blocks 99.998 ms and
     * is offline 0.5 us (each adds up to 100 ms). 123456 events in 2.5 ms of wall time are 49,382,400 events/s.
     */
    static final SimulationResult RESULT = new SimulationResult(100_000_000L, 42, 123_456, 2_500_000,
            List.of(new DomainResult(1, "vm1", 40_000_000L,
                            List.of(new VcpuResult(0, 40_000_000L, 5_000_000L, 55_000_000L, 0)),
                            List.of(new TaskResult("control", 10, 10, 0,
                                            new ResponseStats(10, 2_000_000L, BigInteger.valueOf(25_125_005L), 3_999_999L,
                                                    4_000_000L)),
                                    new TaskResult("idle-logger", 5, 0, 0, ResponseStats.EMPTY))),
                    new DomainResult(0, "Domain-0", 1_500, List.of(new VcpuResult(0, 1_500, 0, 99_998_000L, 500)),
                            List.of())),
            List.of(new PcpuResult(0, 40_001_500L, 1_234, 0), new PcpuResult(1, 0, 0, 7)));

    private static String golden(String name) throws IOException {
        try (InputStream in = ResultFormatTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void text_fixedResult_matchesGolden() throws IOException {
        assertEquals(golden("result.txt"), ResultFormat.TEXT.format(RESULT));
    }

    @Test
    void text_germanDefaultLocale_sameGolden() throws IOException {
        // German formatting would write 40,0 and 1.234; the summary must not depend on the machine's locale.
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals(golden("result.txt"), ResultFormat.TEXT.format(RESULT));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void json_fixedResult_matchesGolden() throws IOException {
        assertEquals(golden("result.json"), ResultFormat.JSON.format(RESULT));
    }

    @Test
    void json_fixedResult_parsesWithTheIssueFields() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ResultFormat.JSON.format(RESULT));
        assertEquals(100_000_000L, root.get("duration_ns").asLong());
        JsonNode task = root.get("domains").get(0).get("tasks").get(0);
        assertEquals(2_512_500.5, task.get("response").get("mean_ns").asDouble());
        assertEquals(7, root.get("pcpus").get(1).get("migrations").asLong());
    }

    @Test
    void json_meanBeyondADouble_isWrittenFromTheExactSum() {
        // One job of 2^53 + 1 ns: the mean is 9007199254740993 (a double holds only 9007199254740992). Two jobs of
        // 2^53 + 1 and 2^53 + 2 ns: (2^54 + 3)/2 = 9007199254740993.5. Three jobs summing to 10 ns: 10/3 = 3.333…,
        // rounded half-even to 9 decimals, 3.333333333; 2/3 rounds up, 0.666666667.
        assertTrue(json(new ResponseStats(1, 9_007_199_254_740_993L, BigInteger.valueOf(9_007_199_254_740_993L),
                9_007_199_254_740_993L, 9_007_199_254_740_993L)).contains("\"mean_ns\": 9007199254740993,"));
        assertTrue(json(new ResponseStats(2, 9_007_199_254_740_993L, BigInteger.valueOf(18_014_398_509_481_987L),
                9_007_199_254_740_994L, 9_007_199_254_740_994L)).contains("\"mean_ns\": 9007199254740993.5,"));
        assertTrue(json(new ResponseStats(3, 1, BigInteger.TEN, 5, 5)).contains("\"mean_ns\": 3.333333333,"));
        assertTrue(json(new ResponseStats(3, 0, BigInteger.TWO, 1, 1)).contains("\"mean_ns\": 0.666666667,"));
    }

    /** The JSON of a one-task run whose task has the response statistics {@code s}. */
    private static String json(ResponseStats s) {
        return ResultFormat.JSON.format(new SimulationResult(RESULT.durationNs(), RESULT.seed(), RESULT.events(),
                RESULT.wallNs(), List.of(new DomainResult(1, "vm", 0, List.of(),
                        List.of(new TaskResult("t", s.count(), s.count(), 0, s)))), List.of()));
    }

    @Test
    void text_noOfflineTime_omitsOfflineColumns() {
        // Same run with Domain-0's 500ns offline counted as blocked instead: no VCPU was ever offline.
        DomainResult dom0 = new DomainResult(0, "Domain-0", 1_500, List.of(new VcpuResult(0, 1_500, 0, 99_998_500L, 0)),
                List.of());
        SimulationResult r = new SimulationResult(RESULT.durationNs(), RESULT.seed(), RESULT.events(), RESULT.wallNs(),
                List.of(RESULT.domains().get(0), dom0), RESULT.pcpus());
        String text = ResultFormat.TEXT.format(r);
        assertTrue(text.contains("Domain    VCPU       Run  Run%  Runnable  Runnable%   Blocked  Blocked%\n"), text);
        assertFalse(text.contains("Offline"), text);
    }

    @Test
    void readableTime_unitBoundaries_threeDecimals() {
        assertEquals("0", ReadableUnits.time(0));
        assertEquals("999ns", ReadableUnits.time(999));
        assertEquals("1.000us", ReadableUnits.time(1_000));
        assertEquals("999.999us", ReadableUnits.time(999_999));
        assertEquals("1.000ms", ReadableUnits.time(1_000_000));
        assertEquals("2.000s", ReadableUnits.time(2_000_000_000L));
        assertEquals("1.235ms", ReadableUnits.time(1_234_500), "half up");
        // A time that rounds up to 1000 of its unit prints in the next unit: 999,999,500 ns is 999.9995 ms.
        assertEquals("999.999ms", ReadableUnits.time(999_999_499));
        assertEquals("1.000s", ReadableUnits.time(999_999_500));
        assertEquals("1.000ms", ReadableUnits.time(new BigDecimal("999999.5")));
        assertEquals("999.999us", ReadableUnits.time(new BigDecimal("999999.4999")));
        assertEquals("1.000us", ReadableUnits.time(new BigDecimal("999.5")), "a mean of 999.5 ns");
        assertEquals("999ns", ReadableUnits.time(new BigDecimal("999.4")));
        assertEquals("-", ReadableUnits.percent(1, 0));
    }

    @Test
    void readableCount_edges_groupDigitsByThree() {
        assertEquals("0", ReadableUnits.count(0));
        assertEquals("999", ReadableUnits.count(999));
        assertEquals("1,000", ReadableUnits.count(1_000));
        assertEquals("-999,999", ReadableUnits.count(-999_999));
        assertEquals("-1,000,000", ReadableUnits.count(-1_000_000));
        assertEquals("9,223,372,036,854,775,807", ReadableUnits.count(Long.MAX_VALUE));
        assertEquals("-9,223,372,036,854,775,808", ReadableUnits.count(Long.MIN_VALUE));
    }

    @Property(tries = 2000)
    void readableCount_anyLong_isWhatTheFormatterPrints(@ForAll long n) {
        assertEquals(String.format(Locale.ROOT, "%,d", n), ReadableUnits.count(n));
    }

    @Test
    void someOf_listsTenNamesInFull_andNineOfMoreWithTheirCount() {
        List<String> ten = IntStream.range(0, 10).mapToObj(i -> "vm" + i).toList();
        assertEquals(String.join(", ", ten), ReadableUnits.someOf(ten, "in the table"));
        List<String> many = IntStream.range(0, 1012).mapToObj(i -> "vm" + i).toList();
        assertEquals("vm0, vm1, vm2, vm3, vm4, vm5, vm6, vm7, vm8 and 1,003 more, each in the table",
                ReadableUnits.someOf(many, "in the table"));
    }

    /**
     * A name's control characters never reach the terminal raw: in a verdict's list (the name quoted, docs/outputs.md)
     * and in any table cell.
     */
    @Test
    void namesWithControlCharacters_areShownEscaped_onOneLine() {
        assertEquals("1 of 1 task missed in 100.000ms: \"a\\u001b[2Jb\"/\"c\\nd\" (1 of 2 jobs)",
                SimulationVerdict.line(missing("a\u001b[2Jb", "c\nd")));
        StringBuilder out = new StringBuilder();
        new TextTable(1, "name", "n").row("e\u001b[0m", "1").row("\ud83d\ude00", "22").appendTo(out);
        assertEquals("""
                name         n
                e\\u001b[0m   1
                \ud83d\ude00          22
                """, out.toString());
    }

    /**
     * A bidirectional control in a name (U+202E RIGHT-TO-LEFT OVERRIDE, U+2067 RIGHT-TO-LEFT ISOLATE, U+200F) reached
     * the terminal raw, and a terminal that applies the Unicode bidi algorithm then showed the rest of the line right
     * to left: "vm" and U+202E, then "  600.000ms  30.0", read as "vm  0.03  sm000.006". They are shown escaped as
     * control characters are; a joiner (U+200D), which reorders nothing, stays.
     */
    @Test
    void namesWithBidiControls_areShownEscaped() {
        assertEquals("1 of 1 task missed in 100.000ms: \"vm\\u202e\"/\"a\\u2067b\\u200fc\" (1 of 2 jobs)",
                SimulationVerdict.line(missing("vm\u202e", "a\u2067b\u200fc")));
        StringBuilder out = new StringBuilder();
        new TextTable(1, "name", "run").row("vm\u202e", "600.000ms").row("\ud83d\udc68\u200d\ud83d\udcbb", "1")
                .appendTo(out);
        assertEquals("""
                name            run
                vm\\u202e  600.000ms
                \ud83d\udc68\u200d\ud83d\udcbb              1
                """, out.toString());
    }

    /** A 100 ms run of one domain whose one task missed 1 of its 2 jobs. */
    private static SimulationResult missing(String domain, String task) {
        return new SimulationResult(RESULT.durationNs(), RESULT.seed(), RESULT.events(), RESULT.wallNs(),
                List.of(new DomainResult(1, domain, 0, List.of(new VcpuResult(0, 0, 0, 100_000_000L, 0)),
                        List.of(new TaskResult(task, 2, 1, 1, ResponseStats.EMPTY)))), RESULT.pcpus());
    }

    /**
     * Columns line up on a terminal: a CJK character or an emoji takes two columns, a combining accent none; a name of
     * two ideographs pads like one of four letters.
     */
    @Test
    void tableCells_wideAndCombiningCharacters_padByTheirTerminalWidth() {
        assertEquals(4, TextTable.columns("\u8eca\u8f09"));                 // 車載: two wide ideographs
        assertEquals(2, TextTable.columns("\ud83d\ude97"));                 // 🚗, beyond the basic plane
        assertEquals(1, TextTable.columns("e\u0301"));                       // é as e + combining acute
        assertEquals(3, TextTable.columns("\uff21\u0041"));                 // fullwidth Ａ, then A
        StringBuilder out = new StringBuilder();
        new TextTable(1, "name", "n").row("\u8eca\u8f09", "1").row("abcd", "22").appendTo(out);
        assertEquals("""
                name   n
                \u8eca\u8f09   1
                abcd  22
                """, out.toString());
    }

    /** Twelve tasks t0..t11 of vm1, task k missing k + 1 of 20 jobs: the verdict names nine and counts three. */
    @Test
    void verdict_twelveTasksMissing_namesNineAndCountsTheRest() {
        List<TaskResult> tasks = IntStream.range(0, 12)
                .mapToObj(k -> new TaskResult("t" + k, 20, 20, k + 1, ResponseStats.EMPTY)).toList();
        SimulationResult r = new SimulationResult(RESULT.durationNs(), RESULT.seed(), RESULT.events(), RESULT.wallNs(),
                List.of(new DomainResult(1, "vm1", 0, List.of(new VcpuResult(0, 0, 0, 100_000_000L, 0)), tasks)),
                RESULT.pcpus());
        assertEquals("12 of 12 tasks missed in 100.000ms: vm1/t0 (1 of 20 jobs), vm1/t1 (2 of 20 jobs), vm1/t2 (3 of 20"
                + " jobs), vm1/t3 (4 of 20 jobs), vm1/t4 (5 of 20 jobs), vm1/t5 (6 of 20 jobs), vm1/t6 (7 of 20 jobs),"
                + " vm1/t7 (8 of 20 jobs), vm1/t8 (9 of 20 jobs) and 3 more, each in the task table",
                SimulationVerdict.line(r));
    }

    /**
     * The verdict's counts are grouped by thousands as in the task table above it (which shows 1,234 and 40,000):
     * one task of 1,200 missing 1,234 of 40,000 jobs.
     */
    @Test
    void verdict_largeCounts_groupedAsInTheTaskTable() {
        List<TaskResult> tasks = IntStream.range(0, 1200)
                .mapToObj(k -> new TaskResult("t" + k, 40_000, 40_000, k == 0 ? 1_234 : 0, ResponseStats.EMPTY))
                .toList();
        SimulationResult r = new SimulationResult(RESULT.durationNs(), RESULT.seed(), RESULT.events(), RESULT.wallNs(),
                List.of(new DomainResult(1, "vm1", 0, List.of(new VcpuResult(0, 0, 0, 100_000_000L, 0)), tasks)),
                RESULT.pcpus());
        assertEquals("1 of 1,200 tasks missed in 100.000ms: vm1/t0 (1,234 of 40,000 jobs)", SimulationVerdict.line(r));
        assertTrue(ResultTextWriter.write(r).lines().map(l -> List.of(l.trim().split(" +")))
                .anyMatch(List.of("vm1", "t0", "40,000", "40,000", "1,234", "-", "-", "-", "-")::equals));
    }
}
