package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.model.ShownText;

/**
 * Every command's text output shows a name by the one rule of docs/outputs.md ("Names in text"): on a host whose
 * domain, task and pool names hold {@code /}, {@code .}, {@code ", "}, double and single quotes and spaces, a script
 * reads every name back from the text ({@link ShownText}), each where it belongs: in a table cell, in
 * {@code vm/task}, in {@code vm.vcpu0}, in a list joined by {@code ", "}, before {@code ": "}. The plan's xl commands
 * keep quoting by the shell's rules.
 */
@Timeout(120)
class NamesInTextTest {
    /**
     * An RTDS pool with a two-VCPU global EDF guest (planned onto VCPUs, with extratime turned off and advice to use
     * one VCPU) and a one-VCPU guest, a Credit pool (not analysed), and an ARINC653 pool whose 3 ms slot per 10 ms
     * frame is short of its guest's 4 ms task, which misses.
     */
    static final String HOSTILE = """
            duration: 100ms
            host: {pcpus: 4}
            pools:
              - {name: 'rt pool, "main"', scheduler: rtds, pcpus: [0, 1]}
              - {name: b/e.st, scheduler: credit, pcpus: [2]}
              - name: "slot's"
                scheduler: arinc653
                pcpus: [3]
                arinc653: {major_frame: 10ms, slots: [{domain: a/b.c, runtime: 3ms}]}
            domains:
              - name: x, y
                pool: 'rt pool, "main"'
                vcpus: 2
                rtds: {period: 10ms, budget: 9ms}
                guest:
                  scheduler: edf
                  placement: global
                  tasks:
                    - {name: 'say "hi"', period: 10ms, wcet: 4ms}
                    - {name: "it's", period: 10ms, wcet: 4ms}
              - name: c.d
                pool: 'rt pool, "main"'
                rtds: {period: 10ms, budget: 7ms}
                guest: {tasks: [{name: u, period: 10ms, wcet: 6ms}]}
              - name: e f
                pool: b/e.st
                guest: {tasks: [{name: g.h, period: 5ms, wcet: 1ms}]}
              - name: a/b.c
                pool: "slot's"
                guest:
                  scheduler: edf
                  tasks:
                    - {name: "t/1, 2", period: 10ms, wcet: 4ms}
            """;

    private static final String RT_POOL = "rt pool, \"main\"";
    private static final List<String> DOMAINS = List.of("x, y", "c.d", "e f", "a/b.c");
    private static final List<List<String>> TASKS = List.of(List.of("x, y", "say \"hi\""), List.of("x, y", "it's"),
            List.of("c.d", "u"), List.of("e f", "g.h"), List.of("a/b.c", "t/1, 2"));

    @TempDir
    Path dir;

    @Test
    void simulate_tablesAndVerdict_readBackEveryName() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", file("h.yaml", HOSTILE).toString());
        assertEquals(0, r.status(), r.err());
        String[] blocks = r.out().split("\n\n");
        assertEquals(DOMAINS, firstColumn(blocks[1], "\\d+ +\\d+ .*"));
        assertEquals(List.of("x, y", "x, y", "c.d", "e f", "a/b.c"), firstColumn(blocks[2], "\\d+ .*"));
        List<List<String>> tasks = new ArrayList<>();
        for (String row : rows(blocks[3])) {
            ShownText read = new ShownText(row);
            String domain = read.name();
            String task = read.skipSpaces().name();
            assertTrue(read.skipSpaces().rest().matches("\\d+ .*"), row);
            tasks.add(List.of(domain, task));
        }
        assertEquals(TASKS, tasks);
        ShownText verdict = new ShownText(blocks[5].lines().reduce((a, b) -> b).orElseThrow());
        verdict.skip("1 of 5 tasks missed in 100.000ms: ");
        assertEquals("a/b.c", verdict.name());
        verdict.skip("/");
        assertEquals("t/1, 2", verdict.name());
        assertEquals(" (9 of 10 jobs)", verdict.rest());
    }

    @Test
    void report_verdictLineAndPageTables_readBackEveryName() throws IOException {
        Path page = dir.resolve("report.html");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("report", file("h.yaml", HOSTILE).toString(), "-o",
                page.toString());
        assertEquals(0, r.status(), r.err());
        ShownText line = new ShownText(r.out());
        line.skip("wrote " + page + " (1 of 5 tasks missed in 100.000ms: ");
        assertEquals(List.of("a/b.c", "t/1, 2"), List.of(line.name(), line.skip("/").name()));
        assertEquals(" (9 of 10 jobs))\n", line.rest());
        String html = Files.readString(page);
        List<List<String>> tasks = new ArrayList<>();
        for (List<String> row : tableRows(html, "Tasks")) tasks.add(List.of(cell(row.get(0)), cell(row.get(1))));
        assertEquals(TASKS, tasks);
        assertEquals(List.of("x, y", "x, y", "c.d", "e f", "a/b.c"),
                tableRows(html, "VCPUs").stream().map(row -> cell(row.get(0))).toList());
        List<String> components = new ArrayList<>();
        for (List<String> row : tableRows(html, "Plan: guest interfaces")) {
            ShownText component = new ShownText(row.get(1));
            components.add(cell(row.get(0)) + " | " + component.name() + " | " + component.rest());
        }
        assertEquals(List.of("x, y | x, y | .vcpu0", "x, y | x, y | .vcpu1", "c.d | c.d | .vcpu0", "a/b.c | - | "),
                components);
        assertEquals(List.of(RT_POOL, "b/e.st", "slot's"),
                tableRows(html, "Plan: pools").stream().map(row -> cell(row.get(0))).toList());
    }

    @Test
    void plan_everyLine_readsBackEveryName_andTheXlCommandsKeepTheShellsQuoting() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", file("h.yaml", HOSTILE).toString(), "--verify",
                "1");
        assertEquals(1, r.status(), r.err());
        List<String> lines = r.out().lines().toList();

        ShownText headline = new ShownText(lines.get(0)).skip("NOT schedulable: domain ");
        assertEquals("a/b.c", headline.name());
        assertEquals("slot's", headline.skip(" not guaranteed; pool ").name());
        assertEquals("b/e.st", headline.skip(" fails its test; 1 pool(s) not analysed (").name());
        assertTrue(headline.rest().startsWith(": not analysed: proportional share"), lines.get(0));
        ShownText off = new ShownText(lines.get(2)).skip("  extratime turned off for ");
        assertEquals(List.of("x, y", "c.d"), List.of(off.name(), off.skip(", ").name()));
        assertTrue(off.rest().startsWith(": on Xen 4.10"), lines.get(2));

        List<String> domains = new ArrayList<>();
        List<String> components = new ArrayList<>();
        List<String> vcpuTasks = new ArrayList<>();
        for (String line : section(lines, "Domains:")) {
            ShownText read = new ShownText(line);
            if (line.matches(" {2}\\S.*")) {
                domains.add(read.skip("  ").name() + " | " + read.skip(" (pool ").name() + " | "
                        + read.skip("): ").rest().replaceFirst(":.*", ""));
            } else if (line.matches(" {4}vcpu\\d+: .*, tasks .*")) {
                read.skip(line.substring(0, line.indexOf(", tasks ") + 8));
                List<String> names = new ArrayList<>(List.of(read.name()));
                while (!read.atEnd()) names.add(read.skip(", ").name());
                vcpuTasks.add(String.join(" | ", names));
            } else if (line.startsWith("    advice: ")) {
                assertEquals("x, y", read.skip("    advice: ").name());
                assertTrue(read.rest().startsWith(" needs only 1 of its 2 VCPUs"), line);
            } else if (line.matches(" {4}\\S.*\\.vcpu\\d+: .*")) {
                components.add(read.skip("    ").name() + " | " + read.rest().replaceFirst(":.*", ""));
            }
        }
        assertEquals(List.of("x, y | " + RT_POOL + " | every deadline guaranteed",
                "c.d | " + RT_POOL + " | every deadline guaranteed", "a/b.c | slot's | NOT guaranteed"), domains);
        assertEquals(List.of("x, y | .vcpu0", "x, y | .vcpu1", "c.d | .vcpu0"), components);
        assertEquals(List.of("say \"hi\" | it's", "u"), vcpuTasks);
        String unguarded = lines.stream().filter(l -> l.startsWith("  \"a/b.c\" (pool")).findFirst().orElseThrow();
        ShownText reason = new ShownText(unguarded.substring(unguarded.indexOf("NOT guaranteed: ") + 16));
        assertEquals("a/b.c", reason.name());
        assertTrue(reason.rest().startsWith(".vcpu0: its slots supply 30.00% of a pCPU"), unguarded);

        List<String> pools = new ArrayList<>();
        for (String line : section(lines, "Pools:")) {
            ShownText read = new ShownText(line);
            if (line.matches(" {2}\\S.*")) {
                pools.add(read.skip("  ").name() + " | " + read.skip(" (").rest().replaceFirst(",.*", ""));
            } else if (line.startsWith("    slots-")) {
                assertEquals("a/b.c", read.skip("    slots-").name());
                assertTrue(read.rest().startsWith(".vcpu0          fails"), line);
            } else if (line.startsWith("    bak ")) {
                ShownText task = new ShownText(line.substring(line.indexOf(" — task ") + 8));
                assertEquals("x, y", task.name());
                assertTrue(task.rest().startsWith(".vcpu0: Σ min(1, β)"), line);
            }
        }
        assertEquals(List.of(RT_POOL + " | rtds", "b/e.st | credit", "slot's | arinc653"), pools);

        List<String> misses = new ArrayList<>();
        for (String line : section(lines, "Verification: ")) {
            ShownText read = new ShownText(line.substring(line.indexOf(": ") + 2));
            misses.add(read.name() + " | " + read.skip(".").name() + " | " + read.rest().replaceFirst(" released.*", ""));
        }
        assertEquals(List.of("a/b.c | t/1, 2 |  job 0", "a/b.c | t/1, 2 |  job 0"), misses);

        // The shell's quoting, as before text output quoted names: 'x, y' and 'e f', a/b.c and b/e.st bare.
        assertEquals(List.of(
                "# boot Xen with sched=rtds (the boot pool's scheduler is not set by xl)",
                "xl cpupool-rename Pool-0 'rt pool, \"main\"'",
                "xl cpupool-cpu-remove 'rt pool, \"main\"' 2",
                "xl cpupool-create 'name=\"b/e.st\"' 'sched=\"credit\"' 'cpus=\"2\"'",
                "xl sched-credit -s -p b/e.st -t 30 -r 1000",
                "xl cpupool-cpu-remove 'rt pool, \"main\"' 3",
                "xl cpupool-create 'name=\"slot'\\''s\"' 'sched=\"arinc653\"' 'cpus=\"3\"'",
                "xl sched-rtds -d 'x, y' -v 0 -p 10000 -b 9000 -e 0",
                "xl sched-rtds -d 'x, y' -v 1 -p 10000 -b 10 -e 0",
                "xl sched-rtds -d c.d -v 0 -p 10000 -b 8000 -e 0",
                "xl cpupool-migrate 'e f' b/e.st",
                "xl sched-credit -d 'e f' -w 256 -c 0",
                "xl cpupool-migrate a/b.c 'slot'\\''s'"),
                section(lines, "xl commands:").stream().map(String::strip).toList());
    }

    @Test
    void analyzeScenario_everyLine_readsBackEveryName() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("analyze", file("h.yaml", HOSTILE).toString());
        assertEquals(0, r.status(), r.err());
        List<String> read = new ArrayList<>();
        for (String line : r.out().lines().skip(1).filter(l -> l.matches(" {2}\\S.*")).toList()) {
            ShownText text = new ShownText(line.substring(2));
            String name = text.name();
            String rest = text.rest();
            if (rest.startsWith(": no interface: ")) {
                // The reason names a component or a pool, each shown by the same rule.
                Matcher m = Pattern.compile("^: no interface: (?:its pool )?(.*)").matcher(rest);
                assertTrue(m.matches(), line);
                ShownText why = new ShownText(m.group(1));
                read.add(name + " | no interface | " + why.name() + " | " + why.rest().replaceFirst(":.*| is .*", ""));
            } else {
                read.add(name + " | " + rest.replaceFirst(":.*", ""));
            }
        }
        assertEquals(List.of("x, y |  (GEDF MPR)", "c.d | .vcpu0 (FP PRM)", "a/b.c | no interface | a/b.c | .vcpu0",
                "e f | no interface | b/e.st | "), read);
    }

    @Test
    void analyzeCarts_componentsAndReasons_readBackEveryName() throws IOException {
        // RM over two children of 10-unit periods: it's.d's VCPU task (7.5 of every 10) below a/b, c's (8 of 10)
        // finds no point where its request bound fits.
        Path carts = file("h.xml", """
                <system os_scheduler="RM" period="10">
                  <component name="a/b, c" scheduler="EDF" period="10">
                    <task name="say &quot;hi&quot;" p="10" d="10" e="6"/>
                  </component>
                  <component name="it's.d" scheduler="RM" period="10">
                    <task name="t 1, 2" p="10" d="10" e="5"/>
                  </component>
                </system>
                """);
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("analyze", carts.toString());
        assertEquals(0, r.status(), r.err());
        List<String> lines = r.out().lines().skip(1).toList();
        ShownText system = new ShownText(lines.get(0)).skip("  system (PRM): infeasible: task ");
        assertEquals("it's.d", system.name());
        assertTrue(system.rest().startsWith(".0: its request bound exceeds t"), lines.get(0));
        assertEquals(List.of("a/b, c", "it's.d"),
                lines.subList(1, 3).stream().map(l -> new ShownText(l.substring(4)).name()).toList());

        Path failing = file("f.xml", """
                <system os_scheduler="EDF" period="10">
                  <component name="it's.d" scheduler="RM" period="10">
                    <task name="t 1, 2" p="40" d="5" e="6"/>
                  </component>
                </system>
                """);
        List<String> out = SimulateCommandTest.rtxen("analyze", failing.toString()).out().lines().skip(1).toList();
        ShownText parent = new ShownText(out.get(0)).skip("  system (PRM): infeasible: child component ");
        assertEquals(List.of("it's.d", " has no interface"), List.of(parent.name(), parent.rest()));
        ShownText child = new ShownText(out.get(1).substring(4));
        assertEquals("it's.d", child.name());
        ShownText task = new ShownText(child.skip(" (PRM): infeasible: task ").rest());
        assertEquals(List.of("t 1, 2", ": its request bound exceeds t at every point up to its deadline 5"),
                List.of(task.name(), task.rest()));
    }

    @Test
    void analyzeTaskSet_reasons_readBackTheTaskName() throws IOException {
        Path set = file("ts.yaml", """
                cpus: 2
                tasks:
                  - {name: "x, y", period: 100, wcet: 49, deadline: 100}
                  - {name: 'say "hi"', period: 100, wcet: 49}
                  - {name: t.1/2, period: 10ms, wcet: 2ms, deadline: 8ms}
                """);
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("analyze", set.toString(), "--test", "bak");
        assertEquals(0, r.status(), r.err());
        String line = r.out().lines().skip(1).findFirst().orElseThrow();
        ShownText task = new ShownText(line.substring(line.indexOf(" — task ") + 8));
        assertEquals(List.of("x, y", ": Σ min(1, β) = 1.98 exceeds 151/100"), List.of(task.name(), task.rest()));
    }

    /**
     * A trace knows domain ids, not names: {@code trace summary} names domains {@code dN} (and Domain-0), which are
     * shown bare, whatever the scenario called them.
     */
    @Test
    void traceSummary_namesDomainsByTheirIds() throws IOException {
        Path trace = dir.resolve("h.xentrace");
        assertEquals(0, SimulateCommandTest.rtxen("simulate", file("h.yaml", HOSTILE).toString(), "--xentrace",
                trace.toString()).status());
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("trace", "summary", trace.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("d1", "d2", "d3", "d4"), firstColumn(r.out().split("\n\n")[1], "\\d+ +\\d+ .*"));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A text table's rows, its header left out. */
    private static List<String> rows(String table) {
        return table.lines().skip(1).toList();
    }

    /** The name in each row's first cell, the rest of each row matching {@code rest}. */
    private static List<String> firstColumn(String table, String rest) {
        List<String> names = new ArrayList<>();
        for (String row : rows(table)) {
            ShownText read = new ShownText(row);
            names.add(read.name());
            assertTrue(read.skipSpaces().rest().matches(rest), row);
        }
        return names;
    }

    /** The lines after the one starting with {@code heading}, up to the next empty line. */
    private static List<String> section(List<String> lines, String heading) {
        int start = 0;
        while (!lines.get(start).startsWith(heading)) start++;
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).isEmpty()) end++;
        return lines.subList(start + 1, end);
    }

    /** The cells of the rows of the page's table titled {@code title}, as HTML text. */
    private static List<List<String>> tableRows(String html, String title) {
        String table = html.substring(html.indexOf("<h2>" + title + "</h2>"));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        List<List<String>> rows = new ArrayList<>();
        for (String row : table.split("<tr>")) {
            if (!row.contains("<td>")) continue;
            rows.add(Arrays.stream(row.replace("</tr>", "").strip().split("</td>"))
                    .map(c -> c.replace("<td>", "").replace("&quot;", "\"").replace("&#39;", "'")
                            .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                    .toList());
        }
        return rows;
    }

    /** The one name a table cell shows. */
    private static String cell(String text) {
        ShownText read = new ShownText(text);
        String name = read.name();
        assertEquals("", read.rest(), text);
        return name;
    }
}
