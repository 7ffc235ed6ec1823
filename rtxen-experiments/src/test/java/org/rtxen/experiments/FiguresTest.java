package org.rtxen.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.experiments.plot.Figures;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.experiments.sweep.Sweep;
import org.rtxen.io.InputException;
import org.w3c.dom.Document;

/**
 * The figures drawn from a sweep's store: their series for each kind and configuration, a valid PNG and a well-formed
 * SVG, the same bytes when drawn again, under another default locale or from runs stored in another order, readable
 * axes with room for the last tick label, legends and category labels that fit (growing the figure, breaking only
 * between names, cutting a very long name with an ellipsis), the refusal of a bad output name or a store with no
 * finished run, and the commit of a killed sweep's journal before drawing.
 */
class FiguresTest {
    /** Two axes of two values each, for {@link TestSweeps#SMALL} before its vcpus line: 8 configurations. */
    private static final String GUEST_AXES = """
              - name: guest
                key: domains[*].guest.placement
                values: [global, partitioned]
              - name: guest-scheduler
                key: domains[*].guest.scheduler
                values: [edf, fp]
            """;

    @TempDir
    static Path tmp;

    @BeforeAll
    @Timeout(120)
    static void runSweep() throws Exception {
        Sweep s = TestSweeps.write(tmp, "small", TestSweeps.SMALL);
        SweepRunner.run(s, tmp.resolve("out"), 2, Progress.NONE);
    }

    @Test
    void schedulabilityHasSimulationAndEachAnalysisPerConfiguration() throws Exception {
        Path png = tmp.resolve("s.png");
        List<String> series = Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, png, null);
        assertEquals(List.of("server=deferrable (simulation)", "server=deferrable (plan)", "server=deferrable (csa:bcl)",
                "server=deferrable (host:edf)", "server=periodic (simulation)", "server=periodic (plan)",
                "server=periodic (csa:bcl)", "server=periodic (host:edf)"), series);
        assertFalse(ImageIO.getUseCache(), "no cache file, whose closing thread would report a failed write again");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, "a valid PNG");
        assertEquals(Figures.WIDTH, img.getWidth());
        assertEquals(Figures.HEIGHT, img.getHeight());
    }

    @Test
    void svgIsWellFormedXml() throws Exception {
        Path svg = tmp.resolve("w.svg");
        List<String> series = Figures.draw(tmp.resolve("out"), Figures.Kind.WEIGHTED, svg, List.of("plan"));
        assertEquals(List.of("simulation", "plan"), series);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false); // no network
        Document d = f.newDocumentBuilder().parse(svg.toFile());
        assertEquals("svg", d.getDocumentElement().getTagName());
    }

    @Test
    void theSameFigureDrawnTwice_hasTheSameBytes() throws Exception {
        // JFreeSVG began its ids with the clock's nanoseconds: no two drawings of one figure were alike.
        Path first = tmp.resolve("twice-1.svg");
        Path second = tmp.resolve("twice-2.svg");
        Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, first, null);
        Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, second, null);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertTrue(Files.readString(first).contains("clip-path='url(#_"), "the figure's clip paths are referred to");
    }

    /**
     * A store holds its runs in the order the workers finished them, so one sweep run with 1 and with 2 workers holds
     * the same rows in other orders. DuckDB's avg added the miss ratios in that order: 0.1, 0.2 and 0.3 average
     * 0.20000000000000004 in that order and 0.2 in the reverse one, and the figure's points and axis moved in their
     * last digits.
     */
    @Test
    @Timeout(60)
    void missRatio_ofTheSameRunsStoredInAnotherOrder_hasTheSameBytes() throws Exception {
        List<byte[]> figures = new ArrayList<>();
        for (String order : List.of("ASC", "DESC")) {
            Path dir = Files.createDirectories(tmp.resolve("order-" + order));
            Path store = Files.copy(tmp.resolve("out/small.duckdb"), dir.resolve("small.duckdb"));
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + store); Statement st = db.createStatement()) {
                // Each point's runs get the miss ratios 0.1, 0.2, 0.3 in key order, then are stored in the given order.
                st.execute("CREATE TABLE ordered AS SELECT * REPLACE ((row_number() OVER (PARTITION BY configuration,"
                        + " utilization ORDER BY run))::DOUBLE / 10 AS miss_ratio) FROM runs ORDER BY run " + order);
                st.execute("DROP TABLE runs");
                st.execute("ALTER TABLE ordered RENAME TO runs");
            }
            Path svg = dir.resolve("m.svg");
            Figures.draw(dir, Figures.Kind.MISS_RATIO, svg, null);
            figures.add(Files.readAllBytes(svg));
        }
        assertArrayEquals(figures.get(0), figures.get(1));
    }

    @Test
    void theSameFigureDrawnUnderAnotherDefaultLocale_hasTheSameBytes() throws Exception {
        // JFreeChart's tick labels followed the default locale: "0,30" under de-DE, "٠٫٣٠" under ar-EG.
        Path root = tmp.resolve("root.svg");
        Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, root, null);
        Locale before = Locale.getDefault();
        for (Locale other : List.of(Locale.GERMANY, new Locale("ar", "EG"))) {
            Path svg = tmp.resolve("locale-" + other + ".svg");
            try {
                Locale.setDefault(other);
                Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, svg, null);
            } finally {
                Locale.setDefault(before);
            }
            assertArrayEquals(Files.readAllBytes(root), Files.readAllBytes(svg), other.toString());
        }
        assertTrue(tickLabelsByLine(root).values().stream().flatMap(List::stream).anyMatch(t -> t.equals("0.50")),
                tickLabelsByLine(root).toString());
    }

        @Test
    void missRatioAndCdfHaveOneSeriesPerConfiguration() {
        assertEquals(List.of("server=deferrable", "server=periodic"),
                Figures.draw(tmp.resolve("out"), Figures.Kind.MISS_RATIO, tmp.resolve("m.png"), null));
        assertEquals(List.of("server=deferrable", "server=periodic"),
                Figures.draw(tmp.resolve("out"), Figures.Kind.RESPONSE_CDF, tmp.resolve("c.svg"), null));
    }

    @Test
    void badOutputName() {
        InputException e = assertThrows(InputException.class,
                () -> Figures.draw(tmp.resolve("out"), Figures.Kind.SCHEDULABILITY, tmp.resolve("x.pdf"), null));
        assertEquals(true, e.getMessage().contains("must end in .png or .svg"));
    }

    @Test
    @Timeout(120)
    void aSweepOfOnePointWhereNothingMisses_getsReadableAxes() throws Exception {
        // Every x value 0.3 and every miss ratio 0: both axes once spanned 1e-8, twenty ticks each labelled "3E-1", and
        // the miss ratio went from -5E-9 to 5E-9.
        Path dir = tmp.resolve("one-point");
        Sweep s = TestSweeps.write(tmp, "one", TestSweeps.SMALL.replace("name: small", "name: one")
                .replace("[0.3, 0.7]", "[0.3]").replace("replications: 3", "replications: 1"));
        SweepRunner.run(s, dir, 1, Progress.NONE);
        for (Figures.Kind kind : List.of(Figures.Kind.SCHEDULABILITY, Figures.Kind.MISS_RATIO)) {
            Path svg = tmp.resolve("one-" + kind.label() + ".svg");
            Figures.draw(dir, kind, svg, null);
            // The x axis's labels share a line; the y axis's are one per line.
            Map<String, List<String>> byLine = tickLabelsByLine(svg);
            List<String> yLabels = new ArrayList<>();
            for (List<String> line : byLine.values()) {
                if (line.size() == 1) yLabels.add(line.get(0));
                else assertEquals(new HashSet<>(line).size(), line.size(), kind + ": x axis " + line);
            }
            assertEquals(new HashSet<>(yLabels).size(), yLabels.size(), kind + ": y axis " + yLabels);
            for (List<String> line : byLine.values()) {
                assertTrue(line.stream().noneMatch(t -> t.startsWith("-") || t.contains("E-")), kind + ": " + byLine);
            }
        }
    }

    /**
     * A line chart keeps 20 pixels right of its plot for the x axis's last tick label, which is centred on the plot's
     * right edge (a CDF's "2.1" was cut in half at the figure's edge): the plot's outlined rectangle ends 28 pixels
     * left of the figure's, those 20 and JFreeChart's 8 of plot insets (without the padding, 8).
     */
    @Test
    void aLineChart_keepsRoomRightOfItsPlot_forTheLastTickLabel() throws Exception {
        for (Figures.Kind kind : List.of(Figures.Kind.SCHEDULABILITY, Figures.Kind.RESPONSE_CDF)) {
            Path svg = tmp.resolve("padding-" + kind.label() + ".svg");
            Figures.draw(tmp.resolve("out"), kind, svg, null);
            String text = Files.readString(svg);
            Matcher plot = Pattern.compile("<rect x='([^']*)' y='[^']*' width='([^']*)' [^>]*style='stroke-width:0.5;"
                    + "[^']*fill:none'").matcher(text);
            assertTrue(plot.find(), kind + ": the plot's outline");
            double right = Double.parseDouble(plot.group(1)) + Double.parseDouble(plot.group(2));
            assertEquals(Figures.WIDTH - 28, right, 1e-6, kind + ": the plot's right edge");
        }
    }

    /** The texts an SVG figure draws in the tick labels' font, by the line (y coordinate) they are drawn on. */
    private static Map<String, List<String>> tickLabelsByLine(Path svg) throws Exception {
        Matcher m = Pattern.compile("<text [^>]*y='([^']*)'[^>]*font-size: 15px;[^>]*>([^<]*)</text>")
                .matcher(Files.readString(svg));
        Map<String, List<String>> out = new TreeMap<>();
        while (m.find()) out.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
        assertFalse(out.isEmpty(), "no tick label found in " + svg);
        return out;
    }

    @Test
    @Timeout(60)
    void aStoreWithNoRunToDraw_isRefusedNamingIt_andNoFigureIsWritten() throws Exception {
        // A sweep killed before its first commit leaves such a store: plot drew an empty figure titled "sweep", exit 0.
        Path dir = tmp.resolve("empty");
        Sweep s = TestSweeps.write(tmp, "empty", TestSweeps.SMALL.replace("name: small", "name: empty"));
        ResultStore.open(dir, s).close();
        Path png = tmp.resolve("empty.png");
        InputException e = assertThrows(InputException.class,
                () -> Figures.draw(dir, Figures.Kind.SCHEDULABILITY, png, null));
        assertEquals(dir.resolve("empty.duckdb") + ": holds no finished run to draw: run rtxen sweep first",
                e.getMessage());
        assertFalse(Files.exists(png));
    }

    @Test
    @Timeout(60)
    void plotOfAKilledSweep_firstCommitsWhatItsJournalHolds() throws Exception {
        // The runs a sweep killed before its commit recorded in its journal were left out of the figure (here all of
        // them: "no finished run to draw") until the next rtxen sweep, though docs/sweep.md says anything that opens
        // the store commits them first.
        Sweep s = TestSweeps.write(tmp, "killed", TestSweeps.SMALL.replace("name: small", "name: killed"));
        SweepRunner.run(s, tmp.resolve("killed-done"), 2, Progress.NONE);
        List<RunResult> rows;
        try (ResultStore done = ResultStore.open(tmp.resolve("killed-done"), s)) {
            rows = done.rows();
        }
        Path dir = tmp.resolve("killed");
        ResultStore.open(dir, s).close();
        try (ResultStore recorder = ResultStore.open(tmp.resolve("killed-recorder"), s)) {
            for (RunResult r : rows) recorder.record(r);
            Files.copy(tmp.resolve("killed-recorder").resolve("killed.journal"), dir.resolve("killed.journal"));
        }
        assertEquals(List.of("server=deferrable", "server=periodic"),
                Figures.draw(dir, Figures.Kind.MISS_RATIO, tmp.resolve("killed.png"), null));
        assertFalse(Files.exists(dir.resolve("killed.journal")));
        try (ResultStore store = ResultStore.open(dir, s)) {
            assertEquals(12, store.rows().size());
        }
    }

    @Test
    @Timeout(120)
    void weightedFigure_breaksConfigurationNamesBetweenAxesAndAfterNames_neverInsideAWord() throws Exception {
        // Eight configurations leave each label about 110 pixels: JFreeChart's wrapping drew "server=de", "ferrable,",
        // "guest=..." under all four deferrable configurations alike.
        Path dir = onePointStored("eight", text -> text.replace("vcpus: planned", GUEST_AXES + "vcpus: planned"));
        Path svg = tmp.resolve("eight.svg");
        Figures.draw(dir, Figures.Kind.WEIGHTED, svg, null);
        Matcher m = Pattern.compile("<text [^>]*font-size: 15px;[^>]*>([^<]*[a-z][^<]*)</text>").matcher(Files.readString(svg));
        List<String> lines = new ArrayList<>(); // the category labels' lines (the ticks' labels are numbers)
        while (m.find()) lines.add(m.group(1));
        // Each label's lines, joined, give its configuration whole; each line but a label's last ends where a name may
        // break (exactly where depends on the fonts: LabelLinesTest has the lines written out).
        List<String> joined = new ArrayList<>();
        int wrapped = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("server=")) joined.add("");
            joined.set(joined.size() - 1, joined.get(joined.size() - 1) + lines.get(i));
            boolean last = i + 1 == lines.size() || lines.get(i + 1).startsWith("server=");
            if (!last) {
                wrapped++;
                assertTrue(lines.get(i).matches(".*[=,-]"), "a line ends inside a word: " + lines);
            }
        }
        List<String> configurations = new ArrayList<>();
        for (String server : List.of("deferrable", "periodic")) {
            for (String guest : List.of("global", "partitioned")) {
                for (String scheduler : List.of("edf", "fp")) {
                    configurations.add("server=" + server + ",guest=" + guest + ",guest-scheduler=" + scheduler);
                }
            }
        }
        assertEquals(configurations, joined);
        assertTrue(wrapped > 0, "no label was wrapped: " + lines);
    }

    @Test
    @Timeout(120)
    void aFigureOfManySeries_growsTallerForItsLegend_keepingThePlotsHeight_andNamesEverySeries() throws Exception {
        // 16 configurations (four axes of two values), each with its simulation and plan: 32 series. The legend, in
        // JFreeChart's rows, needed more than the 640 pixels: no plot was drawn, and its first entries were cut off.
        Path dir = tmp.resolve("sixteen");
        Sweep s = TestSweeps.write(tmp, "sixteen", TestSweeps.SMALL.replace("name: small", "name: sixteen")
                .replace("replications: 3", "replications: 1").replace("vcpus: planned", GUEST_AXES + """
                          - name: extratime
                            key: domains[*].rtds.extratime
                            values: [false, true]
                        vcpus: planned"""));
        SweepRunner.run(s, dir, 2, Progress.NONE);
        for (Figures.Kind kind : List.of(Figures.Kind.SCHEDULABILITY, Figures.Kind.MISS_RATIO,
                Figures.Kind.RESPONSE_CDF)) {
            Path svg = tmp.resolve("sixteen-" + kind.label() + ".svg");
            List<String> series = Figures.draw(dir, kind, svg, List.of("plan"));
            assertEquals(kind == Figures.Kind.SCHEDULABILITY ? 32 : 16, series.size(), kind + ": " + series);
            String text = Files.readString(svg);
            Matcher size = Pattern.compile("<svg [^>]*height='([^']*)'").matcher(text);
            assertTrue(size.find(), kind + ": the figure's size");
            double height = Double.parseDouble(size.group(1));
            assertTrue(height > Figures.HEIGHT, kind + ": the figure grew for its legend: " + height);
            // The plot's outlined rectangle, its data area: the plot less the x axis's tick labels and name (some 60
            // pixels; 505 pixels tall in a figure of 4 series).
            Matcher plot = Pattern.compile("<rect [^>]*height='([^']*)' style='stroke-width:0.5;[^']*fill:none'")
                    .matcher(text);
            assertTrue(plot.find(), kind + ": the plot's outline");
            double plotHeight = Double.parseDouble(plot.group(1));
            assertTrue(plotHeight >= Figures.MIN_PLOT_HEIGHT - 80, kind + ": the plot is " + plotHeight + " pixels tall");
            assertFalse(plot.find(), kind + ": one outline");
            // Each series is named in the legend (its font's texts), in order, inside the figure.
            Matcher legend = Pattern.compile("<text [^>]*y='([^']*)'[^>]*font-size: 14px;[^>]*>([^<]*)</text>")
                    .matcher(text);
            List<String> entries = new ArrayList<>();
            while (legend.find()) {
                entries.add(legend.group(2));
                double y = Double.parseDouble(legend.group(1));
                assertTrue(y > 0 && y < height, kind + ": " + legend.group(2) + " cut off at " + y);
            }
            assertEquals(series, entries, kind + ": the legend names every series");
            Path png = tmp.resolve("sixteen-" + kind.label() + ".png");
            Figures.draw(dir, kind, png, List.of("plan"));
            assertEquals((int) height, ImageIO.read(png.toFile()).getHeight(), kind + ": the PNG as tall as the SVG");
        }
    }

    /**
     * A configuration named by an axis label of 10,000 characters: its legend entry was wrapped into as many lines as
     * it took (about 90), which filled the figure and left no room for the plot. It takes at most three lines, the
     * last ending in an ellipsis, and the plot keeps its room.
     */
    @Test
    @Timeout(120)
    void aVeryLongConfigurationName_takesThreeLegendLines_endingInAnEllipsis() throws Exception {
        Path dir = onePointStored("long", text -> text.replace("label: periodic", "label: " + "x".repeat(10_000)));
        Path svg = tmp.resolve("long.svg");
        Figures.draw(dir, Figures.Kind.MISS_RATIO, svg, null);
        Matcher m = Pattern.compile("<text [^>]*font-size: 14px;[^>]*>([^<]*)</text>").matcher(Files.readString(svg));
        List<String> legend = new ArrayList<>();
        while (m.find()) legend.add(m.group(1));
        assertEquals("server=deferrable", legend.get(0));
        assertEquals(4, legend.size(), legend.toString());
        assertEquals("server=", legend.get(1)); // the name of 10,000 characters does not fit beside it
        assertTrue(legend.get(3).matches("x+…"), legend.get(3));
    }

    /**
     * The small test sweep named {@code name}, at one utilisation point and one replication, changed by {@code edit},
     * run and stored in its own directory, which this returns.
     */
    private Path onePointStored(String name, UnaryOperator<String> edit) throws Exception {
        Path dir = tmp.resolve(name);
        Sweep s = TestSweeps.write(tmp, name, edit.apply(TestSweeps.SMALL.replace("name: small", "name: " + name)
                .replace("[0.3, 0.7]", "[0.3]").replace("replications: 3", "replications: 1")));
        SweepRunner.run(s, dir, 2, Progress.NONE);
        return dir;
    }
}
