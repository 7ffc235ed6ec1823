package org.rtxen.io;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamValue;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.command.Command;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.sched.Schedulers;

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
            b.append("    scheduler: ").append(p.scheduler()).append('\n');
            b.append("    pcpus: ").append(ints(p.pcpus())).append('\n');
            SchedulerCodec codec = Schedulers.codec(p.scheduler());
            block(b, "    ", codec.name(), codec.writePool(p.params()));
        }
        b.append("domains:\n");
        for (DomainSpec d : s.domains()) domain(b, d, poolScheduler(s, d.pool()));
        if (!s.commands().isEmpty()) b.append("commands:\n");
        for (Command c : s.commands()) command(b, s, c);
        return b.toString();
    }

    /** One run-time command: its xl line as written, or a switch with the pool's new parameters as its codec writes them. */
    private static void command(StringBuilder b, Scenario s, Command c) {
        b.append("  - {at: ").append(Time.format(c.atNs())).append(", ");
        if (c instanceof Command.AdjustPool a && a.source().startsWith("switch")) {
            ParamTree t = Schedulers.codec(poolScheduler(s, a.pool())).writePool(a.params());
            b.append("switch: {pool: ").append(quote(a.pool()));
            for (Map.Entry<String, ParamValue> e : t.entries().entrySet()) {
                b.append(", ").append(e.getKey()).append(": ").append(flow(e.getValue()));
            }
            b.append("}}\n");
        } else {
            b.append("xl: ").append(quote(c.source())).append("}\n");
        }
    }

    private static String poolScheduler(Scenario s, String pool) {
        for (PoolSpec p : s.pools()) {
            if (p.name().equals(pool)) return p.scheduler();
        }
        throw new IllegalArgumentException("domain in unknown pool " + pool);
    }

    private static void domain(StringBuilder b, DomainSpec d, String scheduler) {
        b.append("  - name: ").append(quote(d.name())).append('\n');
        b.append("    dom0: ").append(d.control()).append('\n');
        b.append("    pool: ").append(quote(d.pool())).append('\n');
        b.append("    vcpus: ").append(d.vcpus()).append('\n');
        SchedulerCodec codec = Schedulers.codec(scheduler);
        block(b, "    ", codec.name(), codec.writeDomain(d.params()));
        if (!d.affinity().isEmpty()) b.append("    affinity: ").append(ints(d.affinity())).append('\n');
        if (!d.vcpuAffinity().isEmpty()) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (List<Integer> a : d.vcpuAffinity()) j.add(ints(a));
            b.append("    affinity: ").append(j).append('\n');
        }
        if (d.startNs() > 0) b.append("    start: ").append(Time.format(d.startNs())).append('\n');
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

    /**
     * A policy's parameters as a block mapping under {@code key} (nothing when it wrote none): scalars one per line,
     * lists one item per line, each item in flow style ({@code - {id: 1, period: 5ms}}).
     */
    private static void block(StringBuilder b, String indent, String key, ParamTree tree) {
        if (tree.isEmpty()) return;
        b.append(indent).append(key).append(":\n");
        String inner = indent + "  ";
        for (Map.Entry<String, ParamValue> e : tree.entries().entrySet()) {
            if (e.getValue() instanceof ParamTree t) {
                block(b, inner, e.getKey(), t);
            } else if (e.getValue() instanceof ParamValue.Items items) {
                b.append(inner).append(e.getKey()).append(":\n");
                for (ParamValue item : items.items()) b.append(inner).append("  - ").append(flow(item)).append('\n');
            } else {
                b.append(inner).append(e.getKey()).append(": ").append(flow(e.getValue())).append('\n');
            }
        }
    }

    /** A value on one line: {@code {a: 1, b: [x, y]}}. */
    private static String flow(ParamValue v) {
        if (v instanceof ParamValue.Scalar s) return s.kind() == ParamValue.Kind.NAME ? quote(s.text()) : s.text();
        StringJoiner j;
        if (v instanceof ParamValue.Items items) {
            j = new StringJoiner(", ", "[", "]");
            for (ParamValue item : items.items()) j.add(flow(item));
        } else {
            j = new StringJoiner(", ", "{", "}");
            for (Map.Entry<String, ParamValue> e : ((ParamTree) v).entries().entrySet()) {
                j.add(e.getKey() + ": " + flow(e.getValue()));
            }
        }
        return j.toString();
    }

    private static String ints(List<Integer> values) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int v : values) j.add(Integer.toString(v));
        return j.toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') b.append('\\').appendCodePoint(c);
            else if (needsEscape(c)) b.append(String.format("\\u%04x", c));
            else b.appendCodePoint(c);
        });
        return b.append('"').toString();
    }

    /**
     * Whether a YAML reader would not give {@code c} back as written inside double quotes: a control character (C0,
     * DEL, C1, NEL among them), a line or paragraph separator (folded into a space), the byte-order mark, a lone
     * surrogate or a non-character of the basic plane.
     */
    private static boolean needsEscape(int c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x2028 || c == 0x2029 || c == 0xfeff
                || Character.isSurrogate((char) c) && c <= 0xffff || c == 0xfffe || c == 0xffff;
    }
}
