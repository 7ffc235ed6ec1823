package org.rtxen.io;

import static org.rtxen.io.ReadableUnits.count;
import static org.rtxen.io.ReadableUnits.percent;
import static org.rtxen.io.ReadableUnits.time;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.rtxen.model.Names;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;

/**
 * Writes a simulation result as a summary for people: aligned tables of domains, VCPU run states, task jobs and
 * response times, and pCPUs, then one line about the engine; names as {@link Names#shown} shows them. Percentages
 * are of the simulated duration (a domain's CPU% counts 100 per fully used pCPU, as {@code xentop} does).
 */
final class ResultTextWriter {
    private ResultTextWriter() {}

    /** The summary text, ending in a newline. */
    static String write(SimulationResult r) {
        long d = r.durationNs();
        StringBuilder out = new StringBuilder();
        out.append("Simulated ").append(time(d)).append(", seed ").append(r.seed());
        if (r.partial()) out.append(" (partial: stopped by ").append(r.stoppedBy()).append(')');
        out.append("\n\n");

        TextTable domains = new TextTable(1, "Domain", "ID", "VCPUs", "Run", "CPU%");
        for (DomainResult dom : r.domains()) {
            domains.row(Names.shown(dom.name()), Integer.toString(dom.id()), Integer.toString(dom.vcpus().size()),
                    time(dom.runNs()), percent(dom.runNs(), d));
        }
        domains.appendTo(out);
        out.append('\n');

        // Offline time is rare (paused or unplugged VCPUs): its columns appear only when some VCPU has it.
        boolean offline = r.domains().stream().flatMap(dom -> dom.vcpus().stream()).anyMatch(v -> v.offlineNs() > 0);
        List<String> header = new ArrayList<>(
                List.of("Domain", "VCPU", "Run", "Run%", "Runnable", "Runnable%", "Blocked", "Blocked%"));
        if (offline) header.addAll(List.of("Offline", "Offline%"));
        TextTable vcpus = new TextTable(1, header.toArray(String[]::new));
        for (DomainResult dom : r.domains()) {
            for (VcpuResult v : dom.vcpus()) {
                List<String> row = new ArrayList<>(List.of(Names.shown(dom.name()), Integer.toString(v.id()),
                        time(v.runNs()), percent(v.runNs(), d), time(v.runnableNs()), percent(v.runnableNs(), d),
                        time(v.blockedNs()), percent(v.blockedNs(), d)));
                if (offline) row.addAll(List.of(time(v.offlineNs()), percent(v.offlineNs(), d)));
                vcpus.row(row.toArray(String[]::new));
            }
        }
        vcpus.appendTo(out);
        out.append('\n');

        TextTable tasks = new TextTable(2, "Domain", "Task", "Released", "Completed", "Missed", "Resp min", "Resp mean",
                "Resp p99", "Resp max");
        boolean anyTask = false;
        for (DomainResult dom : r.domains()) {
            for (TaskResult t : dom.tasks()) {
                ResponseStats s = t.response();
                boolean none = s.count() == 0;
                tasks.row(Names.shown(dom.name()), Names.shown(t.name()), count(t.released()), count(t.completed()),
                        count(t.missed()), none ? "-" : time(s.minNs()), none ? "-" : time(s.meanNs()),
                        none ? "-" : time(s.p99Ns()), none ? "-" : time(s.maxNs()));
                anyTask = true;
            }
        }
        if (anyTask) {
            tasks.appendTo(out);
        } else {
            out.append("No guest tasks.\n");
        }
        out.append('\n');

        TextTable pcpus = new TextTable(0, "pCPU", "Busy", "Busy%", "Switches", "Migrations");
        for (PcpuResult p : r.pcpus()) {
            pcpus.row(Integer.toString(p.id()), time(p.busyNs()), percent(p.busyNs(), d), count(p.contextSwitches()),
                    count(p.migrations()));
        }
        pcpus.appendTo(out);
        out.append('\n');

        out.append("Engine: ").append(count(r.events())).append(" events in ").append(time(r.wallNs()))
                .append(" wall time (").append(eventsPerSecond(r)).append(" events/s)\n");
        return out.toString();
    }

    private static String eventsPerSecond(SimulationResult r) {
        if (r.wallNs() <= 0) return "-";
        return count(BigInteger.valueOf(r.events()).multiply(BigInteger.valueOf(1_000_000_000L))
                .divide(BigInteger.valueOf(r.wallNs())).longValueExact());
    }
}
