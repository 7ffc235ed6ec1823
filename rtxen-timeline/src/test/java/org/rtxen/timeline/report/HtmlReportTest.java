package org.rtxen.timeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names from the scenario cannot end or disable the page's script, nor reach it as raw control characters. */
class HtmlReportTest {
    /**
     * A name holding "<!--" and "<script>" in the embedded trace: with only "</" escaped, the HTML parser takes the real
     * end tag for text ("script data double escaped") and the page's own script never runs.
     */
    @Test
    void embeddedTrace_withCommentAndScriptOpeners_staysOneScriptElement() throws IOException {
        String trace = "{\"traceEvents\":[{\"ph\":\"M\",\"args\":{\"name\":\"<!--<script></script> x\"}}]}";
        String page = page(List.of(), trace);
        int start = page.indexOf("<script type=\"application/json\" id=\"trace-data\">");
        int end = page.indexOf("</script>", start);
        String data = page.substring(start + "<script type=\"application/json\" id=\"trace-data\">".length(), end);
        assertEquals("{\"traceEvents\":[{\"ph\":\"M\",\"args\":{\"name\":\"\\u003c!--\\u003cscript>\\u003c/script> x\"}}]}",
                data);
        assertFalse(data.contains("<"));
    }

    @Test
    void tableCells_escapeMarkup_andShowControlCharacters() throws IOException {
        Table t = new Table("Tasks", "", List.of("name"), List.of(List.of("a<b>&\"'\u001b[2J\u0000")));
        String page = page(List.of(t), "{}");
        assertTrue(page.contains("<td>a&lt;b&gt;&amp;&quot;&#39;\\u001b[2J\\u0000</td>"), page);
    }

    private static String page(List<Table> tables, String trace) throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(out, "t", List.of("v"), tables, trace.getBytes(StandardCharsets.UTF_8));
        return out.toString();
    }
}
