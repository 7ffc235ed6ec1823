package org.rtxen.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.ColumnArrangement;
import org.jfree.chart.block.LengthConstraintType;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.RangeType;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ExactMean;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;
import org.rtxen.model.Quoted;

/**
 * The figures of a sweep, drawn from its store with JFreeChart (PNG) and JFreeSVG (SVG): schedulability ratio
 * against total utilisation per configuration (simulation solid, analyses dashed in the same colour), weighted
 * schedulability per configuration, mean miss ratio against utilisation, and the response-time CDF (response time
 * over deadline, all jobs of a configuration).
 */
public final class Figures {
    /** The figures {@link #draw} knows. */
    public enum Kind {
        /** Fraction of task sets schedulable, against total utilisation (the main figure). */
        SCHEDULABILITY,
        /** Weighted schedulability Σ U·S(U) / Σ U per configuration (Bastoni, Brandenburg, Anderson 2010). */
        WEIGHTED,
        /** Mean deadline-miss ratio against total utilisation. */
        MISS_RATIO,
        /** Cumulative distribution of response time / deadline over all jobs. */
        RESPONSE_CDF;

        /** The name on the command line: schedulability, weighted, miss-ratio, response-cdf. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Width of a figure, in pixels (PNG) or SVG units. */
    public static final int WIDTH = 1000;
    /** Height of a figure, in pixels (PNG) or SVG units, unless its legend is in columns ({@link #MIN_PLOT_HEIGHT}). */
    public static final int HEIGHT = 640;
    /**
     * The least height of the plot, its axes included, beside a legend in columns: what a one-line title and two rows
     * of legend leave of {@link #HEIGHT}, as in a figure of 4 series; where the title and legend would leave less, the
     * figure grows taller by the difference.
     */
    public static final int MIN_PLOT_HEIGHT = 560;

    /**
     * The shortest span an axis fitted to the data gets (ratios and utilisations): one utilisation point, or a miss
     * ratio of 0 everywhere, would otherwise get JFreeChart's 1e-8, with every tick labelled alike.
     */
    private static final double MIN_AXIS_SPAN = 0.1;

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 22);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
    private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
    /** JFreeChart's markers (square, circle, triangles, diamond, ...), in the order it gives them to series. */
    private static final Shape[] MARKERS = DefaultDrawingSupplier.createStandardSeriesShapes();
    /**
     * The most legend entries laid out in JFreeChart's rows, each row centred, in a figure {@link #HEIGHT} tall, as
     * always; a longer legend is laid out in aligned columns ({@link LegendColumns}) and the figure grows to hold it.
     */
    private static final int ROW_LEGEND_ENTRIES = 8;
    /** Pixels right of a line chart's plot: half of its x axis's widest tick label ("0.95", "2.1") and a margin. */
    private static final double RIGHT_PADDING = 20;
    /**
     * The dash and gap lengths of line patterns 1 to 7 (0 is solid): 1 the analyses' of the first 10 configurations
     * (their simulation's is solid), 2 and 3 the simulation's and the analyses' of the next 10, and so on; each short
     * enough to show twice beside a legend entry ({@link #COLUMN_LEGEND_LINE}).
     */
    private static final float[][] DASHES = {{8f, 5f}, {2f, 4f}, {8f, 4f, 2f, 4f}, {14f, 4f}, {8f, 4f, 2f, 4f, 2f, 4f},
        {4f, 3f}, {14f, 4f, 2f, 4f}};
    /** The line beside each entry of a legend in columns, long enough to show its pattern of dashes and dots. */
    private static final Line2D COLUMN_LEGEND_LINE = new Line2D.Double(-24, 0, 24, 0);
    /**
     * The widest line of a title or legend entry, wrapped before JFreeChart lays them out: a tenth of the figure is
     * left to the margins and to the small differences between measuring here and drawing (PNG or SVG).
     */
    private static final double LINE_WIDTH = 0.9 * WIDTH;
    /** What titles and legend entries are measured in: anti-aliased, fractional widths. */
    private static final FontRenderContext MEASURED = new FontRenderContext(null, true, true);
    /** The most lines of a configuration's name under its bars; a longer one ends in an ellipsis. */
    private static final int CATEGORY_LABEL_LINES = 8;
    /**
     * What an SVG's ids (its clip paths') start with while it is drawn, replaced then by a digest of the drawing:
     * JFreeSVG's own prefix, the clock's nanoseconds, gave the same figure other bytes each time, whereas a digest
     * keeps them and still tells apart the ids of two figures inlined in one page.
     */
    private static final String SVG_ID_PREFIX = "_rtxen-";
    /** The most lines of a title or legend entry, so that the plot keeps its room; a longer one ends in an ellipsis. */
    private static final int TEXT_LINES = 3;
    /**
     * The smallest and largest power of ten of a tick size ({@link #tickUnits}): axes span ratios and utilisations, at
     * least {@link #MIN_AXIS_SPAN} and at most a host's pCPUs.
     */
    private static final int TICK_POWERS = 20;

    private Figures() {}

    /**
     * Draws figure {@code kind} of the sweep stored in {@code dir} into {@code out} (.png or .svg).
     *
     * @param analyses the analyses to show beside the simulation; null for every analysis of the sweep
     * @return the names of the series drawn, in legend order
     * @throws InputException when {@code dir} holds no readable sweep store, {@code out} is neither .png nor .svg,
     *                        is the store or cannot be written, or {@code analyses} names none, one twice or one the
     *                        sweep does not have
     */
    public static List<String> draw(Path dir, Kind kind, Path out, List<String> analyses) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".png") && !name.endsWith(".svg")) {
            throw new InputException(null, "-o", 0, Quoted.of(out.toString()) + ": the figure's name must end in .png or .svg");
        }
        if (analyses != null) checkNames(analyses);
        System.setProperty("java.awt.headless", "true");
        Path store = storeIn(dir);
        OutputFile figure = OutputFile.claim(out, "-o", List.of(store), List.of());
        ResultStore.commitJournal(store);
        // Streamed and bounded as the store's own connections, and never spilled: no read here sorts the runs, and a
        // spill folder could be that of another plot reading the same store at the same time.
        Properties ro = ResultStore.boundedReads();
        ro.setProperty("duckdb.read_only", "true");
        ro.setProperty("temp_directory", "");
        JFreeChart chart;
        try (Connection db = ResultStore.connect(store, ro)) {
            String sweep;
            List<String> all;
            try {
                sweep = sweepName(db, store);
                all = ResultStore.analyses(db);
            } catch (SQLException e) {
                throw ResultStore.unusable(store, e);
            }
            List<String> shown = analyses == null ? all : analyses;
            for (String a : shown) {
                if (!all.contains(a)) {
                    throw new InputException(null, "--analysis", 0, "the sweep has no analysis " + Quoted.of(a) + " (it has: "
                            + String.join(", ", all) + ")");
                }
            }
            chart = switch (kind) {
                case SCHEDULABILITY -> schedulability(db, sweep, shown);
                case WEIGHTED -> weighted(db, sweep, shown);
                case MISS_RATIO -> missRatio(db, sweep);
                case RESPONSE_CDF -> responseCdf(db, sweep);
            };
        } catch (SQLException e) {
            throw ResultStore.unusable(store, e); // opened, yet not readable as a sweep's store
        }
        style(chart);
        write(chart, figure, name.endsWith(".svg"));
        return seriesNames(chart);
    }

    /** Refuses an analysis list that names none, an empty name or one name twice (the legend would repeat it). */
    private static void checkNames(List<String> analyses) {
        if (analyses.isEmpty()) throw new InputException(null, "--analysis", 0, "names no analysis");
        Set<String> seen = new HashSet<>();
        for (String a : analyses) {
            if (a.isBlank()) throw new InputException(null, "--analysis", 0, "has an empty name: " + Quoted.of(String.join(",", analyses)));
            if (!seen.add(a)) throw new InputException(null, "--analysis", 0, "names " + Quoted.of(a) + " twice");
        }
    }

    private static Path storeIn(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.duckdb")) {
            ds.forEach(found::add);
        } catch (IOException e) {
            throw new InputException(dir.toString(), null, 0, "not a sweep's result directory (" + e.getMessage() + ")");
        }
        if (found.size() != 1) {
            throw new InputException(dir.toString(), null, 0, found.isEmpty() ? "holds no sweep store (*.duckdb): run rtxen sweep first"
                    : "holds several sweep stores: " + found);
        }
        return found.get(0);
    }

    /**
     * The sweep's name, from its runs; a store without a run that finished without error, which would draw an empty
     * figure, is refused naming {@code store}.
     */
    private static String sweepName(Connection db, Path store) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT any_value(sweep), count(*), count(*) FILTER (WHERE error IS NULL) FROM runs")) {
            rs.next();
            long runs = rs.getLong(2);
            if (rs.getLong(3) == 0) {
                throw new InputException(store.toString(), null, 0, runs == 0 ? "holds no finished run to draw: run rtxen"
                        + " sweep first" : "holds " + runs + " runs, and every one failed (rtxen sweep lists why): nothing to draw");
            }
            return rs.getString(1);
        }
    }

    /**
     * Per configuration, per utilisation: the fraction of runs for which {@code condition} holds, among the runs where
     * it is not null (an analysis that gives no verdict for a configuration draws no points).
     */
    private static Map<String, TreeMap<Double, Double>> ratio(Connection db, String condition) throws SQLException {
        Map<String, TreeMap<Double, Double>> out = new LinkedHashMap<>();
        String q = "SELECT configuration, utilization, avg(CASE WHEN (" + condition + ") IS NULL THEN NULL WHEN "
                + condition + " THEN 1.0 ELSE 0.0 END) "
                + "FROM runs WHERE error IS NULL GROUP BY configuration, utilization ORDER BY configuration, utilization";
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) {
                double v = rs.getDouble(3);
                if (!rs.wasNull()) out.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getDouble(2), v);
            }
        }
        return out;
    }

    private static JFreeChart schedulability(Connection db, String sweep, List<String> analyses) throws SQLException {
        XYSeriesCollection data = new XYSeriesCollection();
        List<Integer> configuration = new ArrayList<>();
        List<Integer> member = new ArrayList<>();
        Map<String, TreeMap<Double, Double>> sim = ratio(db, "sim_schedulable");
        int c = 0;
        for (String config : sim.keySet()) {
            data.addSeries(series(config + " (simulation)", sim.get(config)));
            configuration.add(c);
            member.add(0);
            int m = 1;
            for (String a : analyses) {
                Map<String, TreeMap<Double, Double>> an = ratio(db, ResultStore.analysisColumn(a));
                if (!an.containsKey(config)) continue;
                data.addSeries(series(config + " (" + a + ")", an.get(config)));
                configuration.add(c);
                member.add(m++);
            }
            c++;
        }
        return xyChart(sweep + ": schedulable task sets", "Total utilisation", "Fraction schedulable", data,
                configuration, member, true);
    }

    private static JFreeChart missRatio(Connection db, String sweep) throws SQLException {
        XYSeriesCollection data = new XYSeriesCollection();
        // Averaged here, exactly, from DuckDB's count of each distinct miss ratio (as the summary is): the store holds
        // the runs in the order the workers finished them, and DuckDB's avg, which adds them in that order, gave other
        // last digits with another worker count. Nothing is sorted; the configurations are then taken in DuckDB's order
        // of their names.
        Map<String, TreeMap<Double, ExactMean>> m = new HashMap<>();
        String q = "SELECT configuration, utilization, miss_ratio, count(*) FROM runs WHERE error IS NULL GROUP BY ALL";
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) {
                m.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                        .computeIfAbsent(rs.getDouble(2), k -> new ExactMean()).add(rs.getDouble(3), rs.getLong(4));
            }
        }
        List<Integer> configuration = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Double, ExactMean>> e : inOrder(db, m).entrySet()) {
            TreeMap<Double, Double> means = new TreeMap<>();
            e.getValue().forEach((u, runs) -> means.put(u, runs.mean()));
            configuration.add(data.getSeriesCount());
            data.addSeries(series(e.getKey(), means));
        }
        return xyChart(sweep + ": deadline misses", "Total utilisation", "Mean deadline-miss ratio", data,
                configuration, Collections.nCopies(configuration.size(), 0), false);
    }

    private static JFreeChart responseCdf(Connection db, String sweep) throws SQLException {
        // Counts, which add up alike in any order: the rows are streamed as stored, none sorted.
        Map<String, long[]> bins = new HashMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT configuration, cdf FROM runs WHERE error IS NULL")) {
            while (rs.next()) {
                long[] b = bins.computeIfAbsent(rs.getString(1), k -> new long[RunResult.CDF_BINS + 1]);
                String[] parts = rs.getString(2).split(" ");
                for (int i = 0; i < parts.length && i < b.length; i++) b[i] += Long.parseLong(parts[i]);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        List<Integer> configuration = new ArrayList<>();
        for (Map.Entry<String, long[]> e : inOrder(db, bins).entrySet()) {
            long total = 0;
            for (long x : e.getValue()) total += x;
            TreeMap<Double, Double> points = new TreeMap<>();
            long cum = 0;
            points.put(0.0, 0.0);
            for (int i = 0; i < RunResult.CDF_BINS; i++) {
                cum += e.getValue()[i];
                points.put((i + 1) * RunResult.CDF_WIDTH, total == 0 ? 0 : (double) cum / total);
            }
            configuration.add(data.getSeriesCount());
            data.addSeries(series(e.getKey(), points));
        }
        JFreeChart chart = xyChart(sweep + ": response times (all jobs)", "Response time / deadline",
                "Cumulative fraction of jobs", data, configuration, Collections.nCopies(configuration.size(), 0), true);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(false);
        return chart;
    }

    /**
     * {@code byConfiguration} in DuckDB's order of the configurations' names (that of {@code ORDER BY configuration},
     * which Java's order of strings is not for every character).
     */
    private static <T> Map<String, T> inOrder(Connection db, Map<String, T> byConfiguration) throws SQLException {
        Map<String, T> out = new LinkedHashMap<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT configuration FROM runs WHERE error IS NULL GROUP BY configuration ORDER BY configuration")) {
            while (rs.next()) out.put(rs.getString(1), byConfiguration.get(rs.getString(1)));
        }
        return out;
    }

    private static JFreeChart weighted(Connection db, String sweep, List<String> analyses) throws SQLException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<String> conditions = new ArrayList<>(List.of("sim_schedulable"));
        List<String> names = new ArrayList<>(List.of("simulation"));
        for (String a : analyses) {
            conditions.add("coalesce(" + ResultStore.analysisColumn(a) + ", false)");
            names.add(a);
        }
        for (int i = 0; i < conditions.size(); i++) {
            for (Map.Entry<String, TreeMap<Double, Double>> e : ratio(db, conditions.get(i)).entrySet()) {
                double num = 0;
                double den = 0;
                for (Map.Entry<Double, Double> p : e.getValue().entrySet()) {
                    num += p.getKey() * p.getValue();
                    den += p.getKey();
                }
                data.addValue(den == 0 ? 0 : num / den, names.get(i), e.getKey());
            }
        }
        CategoryAxis x = new WrappedCategoryAxis("Configuration");
        NumberAxis y = new NumberAxis("Weighted schedulability");
        y.setRange(0, 1.05);
        BarRenderer r = new BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        for (int i = 0; i < names.size(); i++) r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        CategoryPlot plot = new CategoryPlot(data, x, y, r);
        x.setMaximumCategoryLabelLines(CATEGORY_LABEL_LINES);
        // A label may be as wide as its category's bars and the gap beside them (JFreeChart's default: 95 % of the
        // bars' width), less a twentieth to keep neighbours apart.
        double bars = 1 - x.getLowerMargin() - x.getUpperMargin();
        double gaps = data.getColumnCount() > 1 ? x.getCategoryMargin() : 0;
        x.setMaximumCategoryLabelWidthRatio((float) (0.95 * bars / (bars - gaps)));
        return new JFreeChart(wrapped(sweep + ": weighted schedulability", TITLE), TITLE, plot, true);
    }

    /** A category axis whose labels break between words ({@link LabelLines}), not inside them as JFreeChart's do. */
    private static final class WrappedCategoryAxis extends CategoryAxis {
        private static final long serialVersionUID = 1L;

        WrappedCategoryAxis(String label) {
            super(label);
        }

        @Override
        protected TextBlock createLabel(Comparable category, float width, RectangleEdge edge, Graphics2D g2) {
            Font font = getTickLabelFont(category);
            FontMetrics metrics = g2.getFontMetrics(font);
            TextBlock block = new TextBlock();
            for (String line : LabelLines.wrap(category.toString(), width, getMaximumCategoryLabelLines(),
                    s -> metrics.getStringBounds(s, g2).getWidth())) {
                block.addLine(line, font, getTickLabelPaint(category));
            }
            return block;
        }
    }

    /**
     * {@code text} in at most {@link #TEXT_LINES} lines of at most {@link #LINE_WIDTH} in {@code font}, broken between
     * words ({@link LabelLines}): JFreeChart then breaks it only at those line ends.
     */
    private static String wrapped(String text, Font font) {
        return String.join("\n", LabelLines.wrap(text, LINE_WIDTH, TEXT_LINES,
                s -> font.getStringBounds(s, MEASURED).getWidth()));
    }

    private static XYSeries series(String name, Map<Double, Double> points) {
        XYSeries s = new XYSeries(name, true, false);
        points.forEach(s::add);
        return s;
    }

    /**
     * A line chart of {@code data}, each series drawn in the colour of its configuration (index in {@code
     * configuration}) and, as member {@code member} of it (0: the simulation, then its analyses), with a line and
     * marker that no other series of the chart has in that colour.
     */
    private static JFreeChart xyChart(String title, String xLabel, String yLabel, XYSeriesCollection data,
                                      List<Integer> configuration, List<Integer> member, boolean unitRange) {
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        x.setAutoRangeMinimumSize(MIN_AXIS_SPAN);
        NumberAxis y = new NumberAxis(yLabel);
        if (unitRange) {
            y.setRange(-0.02, 1.02);
        } else {
            y.setRangeType(RangeType.POSITIVE);
            y.setAutoRangeMinimumSize(MIN_AXIS_SPAN);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setLegendItemLabelGenerator((dataset, series) -> wrapped(dataset.getSeriesKey(series).toString(), LEGEND));
        // A configuration's colour comes back every PALETTE.length configurations and a marker every MARKERS.length
        // series: the line pattern tells apart what they do not. Per round of colours, a pattern for the simulation
        // and one per MARKERS.length analyses (at least one, so that a configuration's simulation has the same line
        // in every figure): two series alike in colour and pattern are then analyses of one configuration, which are
        // consecutive series, fewer than MARKERS.length apart, with markers of their own.
        int levels = 1 + Math.max(1, (Collections.max(member) + MARKERS.length - 1) / MARKERS.length);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            int c = configuration.get(i);
            int m = member.get(i);
            int level = m == 0 ? 0 : 1 + (m - 1) / MARKERS.length;
            r.setSeriesPaint(i, PALETTE[c % PALETTE.length]);
            r.setSeriesShape(i, MARKERS[i % MARKERS.length]);
            r.setSeriesStroke(i, line(c / PALETTE.length * levels + level, m > 0));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(wrapped(title, TITLE), TITLE, plot, true);
        // Room for the x axis's last tick label, centred on the plot's right edge (a CDF's "2.1" was cut in half).
        chart.setPadding(new RectangleInsets(0, 0, 0, RIGHT_PADDING));
        if (data.getSeriesCount() > ROW_LEGEND_ENTRIES) {
            // JFreeChart's legend, its margin and background kept, with the entries in columns.
            LegendTitle columns = new LegendTitle(plot, new LegendColumns(), new ColumnArrangement());
            columns.setMargin(chart.getLegend().getMargin());
            columns.setBackgroundPaint(chart.getLegend().getBackgroundPaint());
            chart.removeLegend();
            chart.addLegend(columns);
            r.setLegendLine(COLUMN_LEGEND_LINE);
        }
        return chart;
    }

    /** Line pattern {@code pattern} (0: solid, else {@link #dashes}), thinner for an analysis than for the simulation. */
    private static BasicStroke line(int pattern, boolean analysis) {
        float width = analysis ? 2.2f : 2.6f;
        if (pattern == 0) return new BasicStroke(width);
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, dashes(pattern), 0f);
    }

    /** The dash and gap lengths of line pattern {@code pattern} (1 on): {@link #DASHES}, then long dashes, more dots. */
    private static float[] dashes(int pattern) {
        if (pattern <= DASHES.length) return DASHES[pattern - 1];
        float[] dashes = new float[2 * (pattern - DASHES.length + 2)];
        dashes[0] = 14f; // the last of DASHES has a long dash and one dot: the next two, and so on
        dashes[1] = 4f;
        for (int d = 2; d < dashes.length; d += 2) {
            dashes[d] = 2f;
            dashes[d + 1] = 4f;
        }
        return dashes;
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle t = chart.getTitle();
        if (t != null) t.setFont(TITLE);
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setItemFont(LEGEND);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        if (chart.getPlot() instanceof XYPlot p) {
            axes(p.getDomainAxis(), p.getRangeAxis());
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            p.getDomainAxis().setLabelFont(LABEL);
            p.getDomainAxis().setTickLabelFont(TICK);
            axes(p.getRangeAxis(), p.getRangeAxis());
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
    }

    private static void axes(ValueAxis x, ValueAxis y) {
        TickUnits units = tickUnits();
        for (ValueAxis a : List.of(x, y)) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
            if (a instanceof NumberAxis n) n.setStandardTickUnits(units);
        }
    }

    /**
     * The tick sizes and labels of JFreeChart's default {@link org.jfree.chart.axis.NumberTickUnitSource} (1, 2 and 5 times a power of ten;
     * {@code #,##0} from 1 to 10^6, {@code 0.0} to {@code 0.0000} below, {@code #.######E0} beyond), written in
     * {@link Locale#ROOT}: its own labels are in the default locale, so the same store drew "0,30" under a German
     * locale and other digits under an Arabic one. One set per chart, since a {@link DecimalFormat} serves one thread.
     */
    private static TickUnits tickUnits() {
        DecimalFormatSymbols root = DecimalFormatSymbols.getInstance(Locale.ROOT);
        TickUnits units = new TickUnits();
        for (int power = -TICK_POWERS; power <= TICK_POWERS; power++) {
            DecimalFormat label = new DecimalFormat(power >= 0 && power <= 6 ? "#,##0" : power >= -4 && power < 0
                    ? "0." + "0".repeat(-power) : "#.######E0", root);
            // NumberTickUnitSource's minor ticks: 10 per unit of 1, 5 per unit of 5, none per unit of 2.
            units.add(new NumberTickUnit(Math.pow(10.0, power), label, 10));
            units.add(new NumberTickUnit(2 * Math.pow(10.0, power), label, 0));
            units.add(new NumberTickUnit(5 * Math.pow(10.0, power), label, 5));
        }
        return units;
    }

    /**
     * Encodes the chart in memory, then writes it whole or not at all: a write error is one line naming {@code -o}
     * (ImageIO's file cache is off, so no thread of its own reports the failure again).
     */
    private static void write(JFreeChart chart, OutputFile figure, boolean svg) {
        byte[] bytes;
        int height = height(chart, svg);
        if (svg) {
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
            g.setDefsKeyPrefix(SVG_ID_PREFIX);
            chart.draw(g, new Rectangle(0, 0, WIDTH, height));
            bytes = withDigestIds(g.getSVGDocument()).getBytes(StandardCharsets.UTF_8);
        } else {
            ImageIO.setUseCache(false);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ChartUtils.writeChartAsPNG(png, chart, WIDTH, height);
            } catch (IOException e) {
                throw new IllegalStateException("cannot encode the PNG: " + e.getMessage(), e);
            }
            bytes = png.toByteArray();
        }
        try (figure; OutputStream os = figure.open(waiting -> { })) {
            os.write(bytes);
            os.close();
            figure.commit();
        } catch (IOException e) {
            throw figure.cannotWrite(e);
        }
    }

    /** {@code svg} with {@link #SVG_ID_PREFIX} in its ids and their references replaced by a digest of it. */
    private static String withDigestIds(String svg) {
        byte[] sha;
        try {
            sha = MessageDigest.getInstance("SHA-256").digest(svg.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        String digest = "_" + HexFormat.of().formatHex(sha, 0, 6) + "-";
        return svg.replace("id='" + SVG_ID_PREFIX, "id='" + digest).replace("url(#" + SVG_ID_PREFIX, "url(#" + digest);
    }

    /**
     * The figure's height: {@link #HEIGHT}, or more where its legend is in columns and its titles (the legend among
     * them), laid out across {@link #WIDTH} as the figure will be drawn (SVG or PNG), would leave the plot less than
     * {@link #MIN_PLOT_HEIGHT}.
     */
    private static int height(JFreeChart chart, boolean svg) {
        if (!(chart.getLegend().getItemContainer().getArrangement() instanceof LegendColumns)) return HEIGHT;
        Graphics2D g2 = svg ? new SVGGraphics2D(WIDTH, HEIGHT)
                : new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB).createGraphics();
        g2.addRenderingHints(chart.getRenderingHints()); // as JFreeChart.draw does before it measures any text
        RectangleConstraint across = new RectangleConstraint(WIDTH, new Range(0, WIDTH), LengthConstraintType.RANGE,
                0, new Range(0, Double.MAX_VALUE), LengthConstraintType.RANGE);
        double titles = chart.getTitle().arrange(g2, across).getHeight();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            titles += chart.getSubtitle(i).arrange(g2, across).getHeight();
        }
        g2.dispose();
        return Math.max(HEIGHT, (int) Math.ceil(titles + MIN_PLOT_HEIGHT));
    }

    private static List<String> seriesNames(JFreeChart chart) {
        List<String> out = new ArrayList<>();
        if (chart.getPlot() instanceof XYPlot p) {
            for (int i = 0; i < p.getDataset().getSeriesCount(); i++) out.add(p.getDataset().getSeriesKey(i).toString());
        } else if (chart.getPlot() instanceof CategoryPlot p) {
            for (Object k : p.getDataset().getRowKeys()) out.add(k.toString());
        }
        return out;
    }
}
