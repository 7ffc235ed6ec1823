package org.rtxen.experiments.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.font.FontRenderContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
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
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.RangeType;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.rtxen.experiments.run.RunResult;
import org.rtxen.experiments.store.ResultStore;
import org.rtxen.io.InputException;
import org.rtxen.io.OutputFile;

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

    /** Width and height of a figure, in pixels (PNG) or SVG units. */
    public static final int WIDTH = 1000;
    /** See {@link #WIDTH}. */
    public static final int HEIGHT = 640;

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
    /**
     * The widest line of a title or legend entry, wrapped before JFreeChart lays them out: a tenth of the figure is
     * left to the margins and to the small differences between measuring here and drawing (PNG or SVG).
     */
    private static final double LINE_WIDTH = 0.9 * WIDTH;
    /** What titles and legend entries are measured in: anti-aliased, fractional widths. */
    private static final FontRenderContext MEASURED = new FontRenderContext(null, true, true);
    /** The most lines of a configuration's name under its bars; a longer one ends in an ellipsis. */
    private static final int CATEGORY_LABEL_LINES = 8;
    /** The most lines of a title or legend entry, so that the plot keeps its room; a longer one ends in an ellipsis. */
    private static final int TEXT_LINES = 3;

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
            throw new InputException(null, "-o", 0, "'" + out + "': the figure's name must end in .png or .svg");
        }
        if (analyses != null) checkNames(analyses);
        System.setProperty("java.awt.headless", "true");
        Path store = storeIn(dir);
        OutputFile figure = OutputFile.claim(out, "-o", List.of(store), List.of());
        ResultStore.commitJournal(store);
        Properties ro = new Properties();
        ro.setProperty("duckdb.read_only", "true");
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
                    throw new InputException(null, "--analysis", 0, "the sweep has no analysis '" + a + "' (it has: "
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
            if (a.isBlank()) throw new InputException(null, "--analysis", 0, "has an empty name: '" + String.join(",", analyses) + "'");
            if (!seen.add(a)) throw new InputException(null, "--analysis", 0, "names '" + a + "' twice");
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
        List<Boolean> dashed = new ArrayList<>();
        List<Integer> colour = new ArrayList<>();
        Map<String, TreeMap<Double, Double>> sim = ratio(db, "sim_schedulable");
        int c = 0;
        for (String config : sim.keySet()) {
            data.addSeries(series(config + " (simulation)", sim.get(config)));
            dashed.add(false);
            colour.add(c);
            for (String a : analyses) {
                Map<String, TreeMap<Double, Double>> an = ratio(db, ResultStore.analysisColumn(a));
                if (!an.containsKey(config)) continue;
                data.addSeries(series(config + " (" + a + ")", an.get(config)));
                dashed.add(true);
                colour.add(c);
            }
            c++;
        }
        return xyChart(sweep + ": schedulable task sets", "Total utilisation", "Fraction schedulable", data, dashed, colour, true);
    }

    private static JFreeChart missRatio(Connection db, String sweep) throws SQLException {
        XYSeriesCollection data = new XYSeriesCollection();
        Map<String, TreeMap<Double, Double>> m = new LinkedHashMap<>();
        String q = "SELECT configuration, utilization, avg(miss_ratio) FROM runs WHERE error IS NULL "
                + "GROUP BY configuration, utilization ORDER BY configuration, utilization";
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(q)) {
            while (rs.next()) m.computeIfAbsent(rs.getString(1), k -> new TreeMap<>()).put(rs.getDouble(2), rs.getDouble(3));
        }
        List<Boolean> dashed = new ArrayList<>();
        List<Integer> colour = new ArrayList<>();
        int c = 0;
        for (Map.Entry<String, TreeMap<Double, Double>> e : m.entrySet()) {
            data.addSeries(series(e.getKey(), e.getValue()));
            dashed.add(false);
            colour.add(c++);
        }
        return xyChart(sweep + ": deadline misses", "Total utilisation", "Mean deadline-miss ratio", data, dashed, colour, false);
    }

    private static JFreeChart responseCdf(Connection db, String sweep) throws SQLException {
        Map<String, long[]> bins = new LinkedHashMap<>();
        try (Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("SELECT configuration, cdf FROM runs WHERE error IS NULL ORDER BY configuration, run")) {
            while (rs.next()) {
                long[] b = bins.computeIfAbsent(rs.getString(1), k -> new long[RunResult.CDF_BINS + 1]);
                String[] parts = rs.getString(2).split(" ");
                for (int i = 0; i < parts.length && i < b.length; i++) b[i] += Long.parseLong(parts[i]);
            }
        }
        XYSeriesCollection data = new XYSeriesCollection();
        List<Boolean> dashed = new ArrayList<>();
        List<Integer> colour = new ArrayList<>();
        int c = 0;
        for (Map.Entry<String, long[]> e : bins.entrySet()) {
            long total = 0;
            for (long x : e.getValue()) total += x;
            TreeMap<Double, Double> points = new TreeMap<>();
            long cum = 0;
            points.put(0.0, 0.0);
            for (int i = 0; i < RunResult.CDF_BINS; i++) {
                cum += e.getValue()[i];
                points.put((i + 1) * RunResult.CDF_WIDTH, total == 0 ? 0 : (double) cum / total);
            }
            data.addSeries(series(e.getKey(), points));
            dashed.add(false);
            colour.add(c++);
        }
        JFreeChart chart = xyChart(sweep + ": response times (all jobs)", "Response time / deadline",
                "Cumulative fraction of jobs", data, dashed, colour, true);
        ((XYLineAndShapeRenderer) chart.getXYPlot().getRenderer()).setDefaultShapesVisible(false);
        return chart;
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

    private static JFreeChart xyChart(String title, String xLabel, String yLabel, XYSeriesCollection data,
                                      List<Boolean> dashed, List<Integer> colour, boolean unitRange) {
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
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesPaint(i, PALETTE[colour.get(i) % PALETTE.length]);
            r.setSeriesStroke(i, dashed.get(i)
                    ? new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f)
                    : new BasicStroke(2.6f));
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        return new JFreeChart(wrapped(title, TITLE), TITLE, plot, true);
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
        for (ValueAxis a : List.of(x, y)) {
            a.setLabelFont(LABEL);
            a.setTickLabelFont(TICK);
        }
    }

    /**
     * Encodes the chart in memory, then writes it whole or not at all: a write error is one line naming {@code -o}
     * (ImageIO's file cache is off, so no thread of its own reports the failure again).
     */
    private static void write(JFreeChart chart, OutputFile figure, boolean svg) {
        byte[] bytes;
        if (svg) {
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
            bytes = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        } else {
            ImageIO.setUseCache(false);
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ChartUtils.writeChartAsPNG(png, chart, WIDTH, HEIGHT);
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
