package org.rtxen.cli;

import static org.rtxen.io.ReadableUnits.count;
import static org.rtxen.io.ReadableUnits.percent;
import static org.rtxen.io.ReadableUnits.time;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rtxen.io.InputException;
import org.rtxen.io.InputFiles;
import org.rtxen.io.JsonStyle;
import org.rtxen.io.TextTable;
import org.rtxen.model.Quoted;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.RtdsEvent;
import org.rtxen.trace.TraceSummary;
import org.rtxen.trace.TscRate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rtxen trace}: reads traces that xentrace recorded on a real Xen host. */
@Command(name = "trace", description = "Read a real Xen trace (xentrace binary format).",
        mixinStandardHelpOptions = true, subcommands = {TraceCommand.Summary.class})
public final class TraceCommand {
    /** {@code rtxen trace summary TRACE}: per-VCPU run-state times, pCPU use and RTDS events of a trace. */
    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "Per-VCPU running/runnable/blocked time, pCPU busy time and RTDS events of a trace.")
    static final class Summary implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "TRACE", description = "a file written by xentrace")
        Path trace;

        @Option(names = "--cpu-hz", paramLabel = "F", defaultValue = "2.4G",
                description = "TSC rate: 1G, 2.6G, 1000M or Hz (default ${DEFAULT-VALUE}, as xenalyze; use 1G"
                        + " for traces from QEMU with icount)")
        String cpuHz;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Option(names = "--accounting", paramLabel = "MODE", defaultValue = "whole-trace",
                description = "whole-trace (every VCPU from the first to the last record) or xenalyze (exactly as"
                        + " xenalyze --summary: a VCPU counts from its first run, running VCPUs are cut at"
                        + " their pCPU's last record); default ${DEFAULT-VALUE}")
        String accounting;

        @Override
        public Integer call() {
            TscRate rate;
            try {
                rate = TscRate.parse(cpuHz);
            } catch (IllegalArgumentException e) {
                throw new InputException(null, "--cpu-hz", 0, e.getMessage());
            }
            Accounting mode = switch (accounting) {
                case "whole-trace" -> Accounting.WHOLE_TRACE;
                case "xenalyze" -> Accounting.XENALYZE;
                default -> throw new InputException(null, "--accounting", 0,
                        Quoted.of(accounting) + " is not whole-trace or xenalyze");
            };
            InputFiles.requireRegular(trace);
            TraceSummary summary;
            try {
                summary = TraceSummary.read(trace, rate, mode);
            } catch (NoSuchFileException e) {
                throw new InputException(trace.toString(), null, 0, "no such file");
            } catch (AccessDeniedException e) {
                throw new InputException(trace.toString(), null, 0, "permission denied");
            } catch (IOException e) {
                // The trace reader's messages already start with the file name.
                throw new InputException(null, null, 0, InputException.oneLine(e.getMessage()));
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) out.println(toJson(summary));
            else printText(summary, out);
            out.flush();
            return 0;
        }

        /** The summary in the layout of {@code rtxen simulate}'s, percentages of the trace span. */
        private void printText(TraceSummary s, PrintWriter out) {
            long span = s.spanNs();
            StringBuilder b = new StringBuilder();
            b.append("Trace ").append(trace).append(": ").append(time(span)).append(", ").append(count(s.records()))
                    .append(" records, TSC ").append(s.tscRate()).append(", accounting ")
                    .append(s.accounting().name().toLowerCase(Locale.ROOT).replace('_', ' ')).append("\n\n");
            TextTable domains = new TextTable(1, "Domain", "ID", "VCPUs", "Run", "CPU%");
            for (TraceSummary.Domain d : s.domains()) {
                domains.row(name(d), Integer.toString(d.id()), Integer.toString(d.vcpus().size()), time(d.runNs()),
                        percent(d.runNs(), span));
            }
            domains.appendTo(b);
            b.append('\n');
            TextTable vcpus = new TextTable(1, "Domain", "VCPU", "Run", "Run%", "Runnable", "Runnable%", "Blocked",
                    "Blocked%", "Offline", "Offline%", "Wake wait", "Exhausted", "Replenished");
            for (TraceSummary.Domain d : s.domains()) {
                for (TraceSummary.Vcpu v : d.vcpus()) {
                    vcpus.row(name(d), Integer.toString(v.id()), time(v.runNs()), percent(v.runNs(), span),
                            time(v.runnableNs()), percent(v.runnableNs(), span), time(v.blockedNs()),
                            percent(v.blockedNs(), span), time(v.offlineNs()), percent(v.offlineNs(), span),
                            time(v.wakeNs()), count(v.budgetExhaustions()), count(v.replenishments()));
                }
            }
            vcpus.appendTo(b);
            b.append('\n');
            TextTable pcpus = new TextTable(0, "pCPU", "Busy", "Busy%", "Idle", "RTDS picks");
            for (TraceSummary.Pcpu p : s.pcpus()) {
                pcpus.row(Integer.toString(p.id()), time(p.busyNs()), percent(p.busyNs(), span), time(p.idleNs()),
                        count(p.rtdsPicks()));
            }
            pcpus.appendTo(b);
            if (s.warnings().count() > 0) {
                b.append('\n').append(count(s.warnings().count())).append(" warnings; the first:\n");
                s.warnings().messages().stream().limit(5).forEach(w -> b.append("  ").append(w).append('\n'));
            }
            out.print(b);
        }

        /** A trace knows domain ids, not names: Domain-0 for the control domain, dN for the others. */
        private static String name(TraceSummary.Domain d) {
            return d.id() == 0 ? "Domain-0" : "d" + d.id();
        }

        /** The version of the {@code --json} layout (docs/schemas/trace-summary.schema.json). */
        static final int SCHEMA_VERSION = 1;

        private String toJson(TraceSummary s) {
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("schema_version", SCHEMA_VERSION);
            root.put("trace", trace.toString());
            root.put("tsc_hz", s.tscRate().hz());
            root.put("accounting", s.accounting().name().toLowerCase(Locale.ROOT));
            root.put("span_ns", s.spanNs());
            root.put("records", s.records());
            ArrayNode domains = root.putArray("domains");
            for (TraceSummary.Domain d : s.domains()) {
                ObjectNode dn = domains.addObject();
                dn.put("id", d.id());
                dn.put("run_ns", d.runNs());
                ArrayNode vcpus = dn.putArray("vcpus");
                for (TraceSummary.Vcpu v : d.vcpus()) {
                    ObjectNode vn = vcpus.addObject();
                    vn.put("id", v.id());
                    vn.put("run_ns", v.runNs());
                    vn.put("runnable_ns", v.runnableNs());
                    vn.put("blocked_ns", v.blockedNs());
                    vn.put("offline_ns", v.offlineNs());
                    vn.put("lost_ns", v.lostNs());
                    vn.put("wake_ns", v.wakeNs());
                    vn.put("preempt_ns", v.preemptNs());
                    vn.put("run_intervals", v.runIntervals());
                    vn.put("wake_intervals", v.wakeIntervals());
                    vn.put("budget_exhaustions", v.budgetExhaustions());
                    vn.put("replenishments", v.replenishments());
                    vn.put("credit_boosts", v.creditBoosts());
                }
            }
            ArrayNode pcpus = root.putArray("pcpus");
            for (TraceSummary.Pcpu p : s.pcpus()) {
                pcpus.addObject().put("id", p.id()).put("busy_ns", p.busyNs()).put("idle_ns", p.idleNs())
                        .put("rtds_picks", p.rtdsPicks());
            }
            ArrayNode events = root.putArray("rtds_events");
            for (RtdsEvent e : s.rtdsEvents()) {
                events.addObject().put("time_ns", e.timeNs()).put("pcpu", e.pcpu())
                        .put("kind", e.kind().name().toLowerCase(Locale.ROOT)).put("domain", e.domain())
                        .put("vcpu", e.vcpu()).put("deadline_ns", e.deadlineNs()).put("budget_ns", e.budgetNs())
                        .put("priority_level", e.priorityLevel());
            }
            root.put("rtds_events_not_listed", s.rtdsEventsNotKept());
            ObjectNode warnings = root.putObject("warnings");
            warnings.put("count", s.warnings().count());
            ArrayNode first = warnings.putArray("first");
            s.warnings().messages().forEach(first::add);
            return JsonStyle.text(root);
        }
    }
}
