package org.rtxen.xenref;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtxen.io.InputException;
import org.rtxen.io.xl.XlCommands;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Quoted;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.sched.Schedulers;

/**
 * The script dom0 runs in one reference boot ({@code /ref/run.sh}, in the vocabulary of
 * {@code fidelity/xen-qemu/dom0-lib.sh}) for a batch of scenarios, and the number of pCPUs the boot needs.
 *
 * <p>pCPU 0 stays in Pool-0 with dom0. Every scenario pool becomes a real cpupool on pCPUs 1, 2, ...; a later
 * scenario reuses an earlier pool with the same scheduler, size and pool parameters (never one pool for two of
 * its own pools), because Xen 4.17.5 crashes
 * when an RTDS pool is destroyed or shrunk. Scenario pCPU {@code p} of a pool maps to the real pCPU at the same
 * position in the real pool. Each scenario runs in a window: its guests are created paused, given their
 * parameters, unpaused together; when every guest's load runs, dom0 waits {@link #SETTLE_S} seconds, marks the
 * window's start in every load and records the scenario's duration of xentrace, then stops the loads. An ARINC653 pool's schedule is set per scenario, once its guests
 * exist, by {@code rtxen-a653} (xl 4.17 has no command for it).
 *
 * @param text  the script
 * @param pcpus the pCPUs QEMU must give Xen (dom0's plus every pool's)
 */
public record Dom0Script(String text, int pcpus) {
    /** Seconds between the moment every guest's load runs and the start of the trace. */
    public static final int SETTLE_S = 1;
    /**
     * Seconds the guests' loads may run past the trace's planned end: a safeguard only, since dom0 stops them when its
     * trace has ended (a slow dom0 can take seconds between a window's steps, and a load that ended on its own clock
     * would then stop inside the trace).
     */
    public static final int TAIL_S = 60;

    /** One scenario of a batch, with the identifier its outputs are named by ({@code ID.trace}, {@code ID-DOM.log}). */
    public record Run(String id, Scenario scenario, String source) {}

    private record PoolKey(String scheduler, int size, PoolParams params) {}

    /** Builds the script for the runs, in order; throws {@link InputException} for what real Xen cannot run here. */
    public static Dom0Script of(List<Run> runs) {
        Map<PoolKey, List<List<Integer>>> realPools = new LinkedHashMap<>();   // alike real pools, by creation
        StringBuilder pools = new StringBuilder();
        StringBuilder body = new StringBuilder();
        int nextPcpu = 1;
        Map<String, String> ids = new LinkedHashMap<>();    // the scenario files, by the id their outputs take
        for (Run run : runs) {
            if (!run.id().matches("[A-Za-z0-9._-]+")) {
                throw new InputException(run.source(), null, 0, "a boot names its outputs after the file: use only"
                        + " letters, digits, '.', '-' and '_' in its name");
            }
            String same = ids.putIfAbsent(run.id(), run.source());
            if (same != null) {
                throw new InputException(run.source(), null, 0, "has the name of " + same
                        + ": a boot names its outputs after the file, rename one");
            }
            Map<String, String> realName = new LinkedHashMap<>();
            Map<String, List<Integer>> realCpus = new LinkedHashMap<>();
            Map<PoolKey, Integer> taken = new LinkedHashMap<>();   // alike real pools this scenario already uses
            for (PoolSpec p : run.scenario().pools()) {
                // Parameters set per scenario (an ARINC653 table) do not split pools: one pool serves every table.
                PoolParams shared = Schedulers.codec(p.scheduler()).creationParams(p.params());
                PoolKey key = new PoolKey(p.scheduler(), p.pcpus().size(), shared);
                List<List<Integer>> alike = realPools.computeIfAbsent(key, k -> new ArrayList<>());
                int index = taken.merge(key, 1, Integer::sum) - 1;
                if (index == alike.size()) {
                    List<Integer> cpus = new ArrayList<>();
                    for (int i = 0; i < p.pcpus().size(); i++) cpus.add(nextPcpu++);
                    alike.add(cpus);
                    pools.append(poolLines(poolName(key, cpus), p, cpus));
                }
                List<Integer> cpus = alike.get(index);
                realName.put(p.name(), poolName(key, cpus));
                realCpus.put(p.name(), cpus);
            }
            body.append("\n# scenario ").append(run.id()).append('\n');
            List<String> guests = new ArrayList<>();
            for (int d = 0; d < run.scenario().domains().size(); d++) {
                DomainSpec dom = run.scenario().domains().get(d);
                String field = "domains[" + d + "]";
                if (dom.control()) continue;   // dom0 runs in Pool-0 on pCPU 0, outside the scenario's pools
                checkName(run, field, dom.name());
                PoolSpec pool = poolOf(run, dom);
                body.append("guest_create ").append(dom.name()).append(' ').append(realName.get(dom.pool())).append(' ')
                        .append(dom.vcpus()).append(' ').append(loadArgs(run, field, dom)).append('\n');
                body.append(paramLines(run, field, dom, pool.scheduler()));
                if (!dom.affinity().isEmpty()) {
                    body.append(XlCommands.vcpuPin(dom.name(), -1, realAffinity(run, field, dom, pool, realCpus.get(dom.pool()))))
                            .append('\n');
                }
                guests.add(dom.name());
            }
            for (PoolSpec p : run.scenario().pools()) body.append(scenarioLines(run, p, realName.get(p.name())));
            body.append("window ").append(run.id()).append(' ').append(SETTLE_S).append(' ')
                    .append(traceSeconds(run)).append(' ').append(String.join(" ", guests)).append('\n');
        }
        StringBuilder text = new StringBuilder("# Generated by rtxen xen-run: dom0's script for one reference boot.\n")
                .append(". /ref/lib.sh\nxl info > $OUT/xl-info.txt\n");
        if (nextPcpu > 1) {
            for (int c = 1; c < nextPcpu; c++) text.append(XlCommands.cpupoolCpuRemove(XlCommands.BOOT_POOL, c)).append('\n');
        }
        text.append(pools).append(body).append("say \"all scenarios done\"\n");
        return new Dom0Script(text.toString(), nextPcpu);
    }

    private static String poolName(PoolKey key, List<Integer> cpus) {
        return key.scheduler() + "-p" + cpus.get(0);
    }

    private static String poolLines(String name, PoolSpec p, List<Integer> cpus) {
        StringBuilder b = new StringBuilder(XlCommands.cpupoolCreate(new PoolSpec(name, p.scheduler(), cpus, p.params())))
                .append('\n');
        for (String line : Schedulers.codec(p.scheduler()).xlPool(name, p.params())) b.append(line).append('\n');
        return b.toString();
    }

    private static PoolSpec poolOf(Run run, DomainSpec dom) {
        for (PoolSpec p : run.scenario().pools()) {
            if (p.name().equals(dom.pool())) return p;
        }
        throw new InputException(run.source(), "domains." + dom.name() + ".pool", 0, "no pool named " + dom.pool());
    }

    private static void checkName(Run run, String field, String name) {
        if (!name.matches("[A-Za-z][A-Za-z0-9_-]{0,30}")) {
            throw new InputException(run.source(), field + ".name", 0,
                    "real Xen runs need a domain name of letters, digits, '-' and '_', got " + Quoted.of(name));
        }
    }

    /** The pool's per-scenario lines (an ARINC653 table), from its policy's codec. */
    private static String scenarioLines(Run run, PoolSpec p, String realPool) {
        SchedulerCodec codec = Schedulers.codec(p.scheduler());
        try {
            StringBuilder b = new StringBuilder();
            for (String line : codec.dom0ScenarioLines(realPool, p.params())) b.append(line).append('\n');
            return b.toString();
        } catch (IllegalArgumentException e) {
            throw new InputException(run.source(), "pools." + p.name() + "." + codec.name(), 0, e.getMessage());
        }
    }

    /** The scheduler parameter commands ({@link XlCommands#params}). */
    private static String paramLines(Run run, String field, DomainSpec dom, String scheduler) {
        try {
            StringBuilder b = new StringBuilder();
            for (String line : XlCommands.params(dom, scheduler)) b.append(line).append('\n');
            return b.toString();
        } catch (IllegalArgumentException e) {
            throw new InputException(run.source(), field + "." + scheduler, 0, e.getMessage());
        }
    }

    private static List<Integer> realAffinity(Run run, String field, DomainSpec dom, PoolSpec pool, List<Integer> cpus) {
        List<Integer> real = new ArrayList<>();
        for (int p : dom.affinity()) {
            int at = pool.pcpus().indexOf(p);
            if (at < 0) throw new InputException(run.source(), field + ".affinity", 0, "pCPU " + p + " is not in pool " + pool.name());
            real.add(cpus.get(at));
        }
        return real;
    }

    /** The guest kernel's command-line words rtxen-load reads (see load/rtxen-load.c). */
    private static String loadArgs(Run run, String field, DomainSpec dom) {
        var guest = dom.guest();
        if (guest.scheduler() != GuestScheduler.FP && !guest.tasks().isEmpty()) {
            throw new InputException(run.source(), field + ".guest.scheduler", 0, "real Xen runs support fp guests (SCHED_FIFO) only");
        }
        long loadNs = (SETTLE_S + traceSeconds(run) + TAIL_S) * Time.S;
        StringBuilder b = new StringBuilder("rtxen.duration=").append(loadNs);
        if (guest.busy()) b.append(" rtxen.hog=1");
        List<TaskSpec> tasks = guest.tasks();
        int[] prio = priorities(run, field, tasks);
        for (int i = 0; i < tasks.size(); i++) {
            TaskSpec t = tasks.get(i);
            if (!(t.exec() instanceof ExecTimeModel.Wcet)) {
                throw new InputException(run.source(), field + ".guest.tasks[" + i + "].exec", 0,
                        "real Xen runs execute every job for its WCET");
            }
            // The guest's kernel command line splits at spaces, rtxen-load splits a task at ':' and keeps 31 bytes of
            // its name, and the guest's log separates its words by spaces.
            if (!t.name().matches("[A-Za-z0-9_.-]{1,31}")) {
                throw new InputException(run.source(), field + ".guest.tasks[" + i + "].name", 0, "real Xen runs need a"
                        + " task name of at most 31 letters, digits, '.', '-' and '_', got " + Names.shown(t.name()));
            }
            int vcpu = guest.placement() == Placement.PARTITIONED ? t.vcpu() : TaskSpec.ANY_VCPU;
            b.append(" rtxen.task=").append(t.name()).append(':').append(t.periodNs()).append(':').append(t.wcetNs())
                    .append(':').append(t.deadlineNs()).append(':').append(t.offsetNs()).append(':').append(prio[i])
                    .append(':').append(vcpu);
        }
        return b.toString();
    }

    /**
     * SCHED_FIFO priorities: the given ones (1..98; 99 is the load program's own), or rate-monotonic ones when
     * none is given (shorter period first, then shorter deadline, then name), numbered down from 98.
     */
    private static int[] priorities(Run run, String field, List<TaskSpec> tasks) {
        int[] prio = new int[tasks.size()];
        boolean given = tasks.stream().anyMatch(t -> t.priority() != TaskSpec.NO_PRIORITY);
        if (given) {
            for (int i = 0; i < prio.length; i++) {
                prio[i] = tasks.get(i).priority();
                if (prio[i] < 1 || prio[i] > 98) {
                    throw new InputException(run.source(), field + ".guest.tasks[" + i + "].priority", 0,
                            "real Xen runs need priorities 1..98 on every task, got " + prio[i]);
                }
            }
            return prio;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < prio.length; i++) order.add(i);
        order.sort(Comparator.<Integer>comparingLong(i -> tasks.get(i).periodNs())
                .thenComparingLong(i -> tasks.get(i).deadlineNs()).thenComparing(i -> tasks.get(i).name()));
        for (int rank = 0; rank < order.size(); rank++) prio[order.get(rank)] = 98 - rank;
        return prio;
    }

    private static long traceSeconds(Run run) {
        long ns = run.scenario().durationNs();
        if (ns % Time.S != 0) {
            throw new InputException(run.source(), "duration", 0, "real Xen runs trace whole seconds, got " + Time.format(ns));
        }
        return ns / Time.S;
    }
}
