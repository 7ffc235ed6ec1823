package org.rtxen.timeline.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the report page: a title, the verdict lines, tables (the plan, the per-task results, ...) and the run's
 * timeline. The timeline is the run's Perfetto trace-event JSON ({@code PerfettoTraceWriter}) embedded as data; the
 * inline script {@code report.js} draws from it a zoomable Gantt chart (a row per pCPU, per VCPU and per task, with
 * releases, deadlines and misses) and a response-time histogram per task. Everything is inline: the page needs no
 * network access.
 */
public final class HtmlReport {
    private HtmlReport() {}

    /**
     * Writes the page to {@code out}.
     *
     * @param title     the page title (e.g. the scenario file)
     * @param verdicts  headline lines, the first one emphasised
     * @param tables    the tables, in order
     * @param traceJson the run's trace-event JSON, as {@code PerfettoTraceWriter} wrote it
     */
    public static void write(Writer out, String title, List<String> verdicts, List<Table> tables, byte[] traceJson)
            throws IOException {
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<link rel=\"icon\" href=\"data:,\">\n<title>");
        out.write(escape(title));
        out.write("</title>\n<style>\n");
        out.write(resource("report.css"));
        out.write("</style>\n</head>\n<body>\n<h1>");
        out.write(escape(title));
        out.write("</h1>\n<section id=\"verdict\">\n");
        for (int i = 0; i < verdicts.size(); i++) {
            out.write(i == 0 ? "<p class=\"headline\">" : "<p>");
            out.write(escape(verdicts.get(i)));
            out.write("</p>\n");
        }
        out.write("</section>\n");
        for (Table t : tables) table(out, t);
        out.write("<section id=\"timeline\">\n<h2>Timeline</h2>\n<p class=\"note\">Wheel or the buttons to zoom, drag "
                + "to pan; hover a bar for its times. Rows: pCPUs (the VCPU each runs), then per domain its VCPUs "
                + "(running, runnable, out of budget, blocked) and its tasks (jobs from ready to completion; "
                + "&#9650; release, &#9660; deadline, red: a deadline miss).</p>\n"
                + "<div class=\"controls\"><button id=\"zoom-in\">zoom in</button> <button id=\"zoom-out\">zoom out"
                + "</button> <button id=\"zoom-reset\">whole run</button> <span id=\"view\"></span></div>\n"
                + "<div id=\"gantt\"></div>\n<div id=\"legend\"></div>\n</section>\n"
                + "<section id=\"histograms\">\n<h2>Response times</h2>\n<p class=\"note\">Per task, completed jobs by "
                + "response time (release to completion); the red line is the relative deadline.</p>\n"
                + "<div id=\"histogram-list\"></div>\n</section>\n");
        out.write("<script type=\"application/json\" id=\"trace-data\">");
        // Inside a script element "</script" ends it and "<!--" with "<script" keeps the real end from ending it; a '<'
        // can only stand inside a JSON string, where its six-character escape (backslash, u003c) means the same.
        out.write(new String(traceJson, StandardCharsets.UTF_8).replace("<", "\\u003c"));
        out.write("</script>\n<script>\n");
        out.write(resource("report.js"));
        out.write("</script>\n</body>\n</html>\n");
        out.flush();
    }

    private static void table(Writer out, Table t) throws IOException {
        out.write("<section class=\"table\">\n<h2>");
        out.write(escape(t.title()));
        out.write("</h2>\n");
        if (!t.note().isEmpty()) out.write("<p class=\"note\">" + escape(t.note()) + "</p>\n");
        out.write("<table>\n<thead><tr>");
        for (String h : t.header()) out.write("<th>" + escape(h) + "</th>");
        out.write("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            out.write("<tr>");
            for (String cell : row) out.write("<td>" + escape(cell) + "</td>");
            out.write("</tr>\n");
        }
        out.write("</tbody>\n</table>\n</section>\n");
    }

    /** Text as HTML: &amp;, &lt;, &gt; and quotes escaped, control characters shown as their Java escapes. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (Character.isISOControl(c)) b.append(String.format("\\u%04x", (int) c)); else b.append(c);
                }
            }
        }
        return b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
