package org.rtxen.io;

import java.util.List;
import java.util.StringJoiner;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.Arinc653Schedule;
import org.rtxen.model.params.Arinc653Slot;
import org.rtxen.model.params.CreditParams;
import org.rtxen.model.params.CreditPoolParams;
import org.rtxen.model.params.RtdsParams;
import org.rtxen.model.params.RtdsVcpuParams;

/**
 * Writes a scenario back as YAML in the format {@link ScenarioReader} reads (docs/scenario.md), every value written
 * out explicitly; reading the text back gives an equal scenario. Names are quoted as JSON strings (valid YAML).
 */
public final class ScenarioWriter {
    private ScenarioWriter() {}

    /** The scenario as YAML text. */
    public static String yaml(Scenario s) {
        StringBuilder b = new StringBuilder();
        b.append("duration: ").append(Time.format(s.durationNs())).append('\n');
        b.append("seed: ").append(s.seed()).append('\n');
        HostSpec h = s.host();
        b.append("host: {sockets: ").append(h.sockets()).append(", cores: ").append(h.coresPerSocket())
                .append(", threads: ").append(h.threadsPerCore()).append("}\n");
        Overheads o = s.overheads();
        b.append("overheads: {schedule: ").append(Time.format(o.scheduleNs())).append(", context_switch: ")
                .append(Time.format(o.contextSwitchNs())).append(", migration: ").append(Time.format(o.migrationNs()))
                .append("}\n");
        b.append("pools:\n");
        for (PoolSpec p : s.pools()) {
            b.append("  - name: ").append(quote(p.name())).append('\n');
            b.append("    scheduler: ").append(p.scheduler().xenName()).append('\n');
            b.append("    pcpus: ").append(ints(p.pcpus())).append('\n');
            if (p.params() instanceof CreditPoolParams c) {
                b.append("    credit: {tslice: ").append(Time.format(c.tsliceNs())).append(", ratelimit: ")
                        .append(Time.format(c.ratelimitNs())).append("}\n");
            } else if (p.params() instanceof Arinc653Schedule a) {
                b.append("    arinc653:\n      major_frame: ").append(Time.format(a.majorFrameNs())).append("\n      slots:\n");
                for (Arinc653Slot slot : a.slots()) {
                    b.append("        - {domain: ").append(quote(slot.domain())).append(", vcpu: ").append(slot.vcpu())
                            .append(", runtime: ").append(Time.format(slot.runtimeNs())).append("}\n");
                }
            }
        }
        b.append("domains:\n");
        for (DomainSpec d : s.domains()) domain(b, d);
        return b.toString();
    }

    private static void domain(StringBuilder b, DomainSpec d) {
        b.append("  - name: ").append(quote(d.name())).append('\n');
        b.append("    dom0: ").append(d.control()).append('\n');
        b.append("    pool: ").append(quote(d.pool())).append('\n');
        b.append("    vcpus: ").append(d.vcpus()).append('\n');
        if (d.params() instanceof RtdsParams r) {
            b.append("    rtds:\n      period: ").append(Time.format(r.periodNs())).append("\n      budget: ")
                    .append(Time.format(r.budgetNs())).append("\n      extratime: ").append(r.extratime()).append('\n');
            if (!r.vcpus().isEmpty()) {
                b.append("      vcpus:\n");
                for (RtdsVcpuParams v : r.vcpus()) {
                    b.append("        - {id: ").append(v.vcpu()).append(", period: ").append(Time.format(v.periodNs()))
                            .append(", budget: ").append(Time.format(v.budgetNs())).append(", extratime: ")
                            .append(v.extratime()).append("}\n");
                }
            }
        } else if (d.params() instanceof CreditParams c) {
            b.append("    credit: {weight: ").append(c.weight()).append(", cap: ").append(c.cap()).append("}\n");
        }
        if (!d.affinity().isEmpty()) b.append("    affinity: ").append(ints(d.affinity())).append('\n');
        GuestSpec g = d.guest();
        b.append("    guest:\n      scheduler: ").append(g.scheduler().name().toLowerCase(java.util.Locale.ROOT))
                .append("\n      placement: ").append(g.placement().name().toLowerCase(java.util.Locale.ROOT))
                .append("\n      busy: ").append(g.busy()).append('\n');
        if (g.tasks().isEmpty()) return;
        b.append("      tasks:\n");
        for (TaskSpec t : g.tasks()) {
            b.append("        - {name: ").append(quote(t.name())).append(", period: ").append(Time.format(t.periodNs()))
                    .append(", wcet: ").append(Time.format(t.wcetNs())).append(", deadline: ")
                    .append(Time.format(t.deadlineNs())).append(", offset: ").append(Time.format(t.offsetNs()));
            if (t.priority() != TaskSpec.NO_PRIORITY) b.append(", priority: ").append(t.priority());
            if (g.placement() == Placement.PARTITIONED) b.append(", vcpu: ").append(t.vcpu());
            if (t.exec() instanceof ExecTimeModel.Uniform u) {
                b.append(", exec: {model: uniform, bcet: ").append(Time.format(u.bcetNs())).append('}');
            }
            b.append("}\n");
        }
    }

    private static String ints(List<Integer> values) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int v : values) j.add(Integer.toString(v));
        return j.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
