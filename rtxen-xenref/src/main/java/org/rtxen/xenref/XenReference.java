package org.rtxen.xenref;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rtxen.io.InputException;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.Names;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.ServerParams;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.GuestDispatches;
import org.rtxen.trace.LongestOffline;
import org.rtxen.trace.RtdsEvent;
import org.rtxen.trace.TraceSummary;
import org.rtxen.trace.TscRate;

/**
 * One scenario's outcome on real Xen: read back from a reference boot's output folder ({@code ID.trace},
 * {@code ID-vcpu-list.txt}, {@code ID-DOM.log}, {@code ID-xen-dmesg.txt}) with rtxen's own xentrace reader, judged
 * against the emulation-artefact rule, and written as the small JSON committed under {@code fidelity/reference/}.
 *
 * <p>Artefact rule (docs/xen-reference.md): every VCPU whose share the theory fixes exactly (an always-busy VCPU
 * without extratime in an RTDS pool, or in an ARINC653 pool) must run within {@link #TOLERANCE_PERCENT} % (relative) of that share over
 * the trace; otherwise the run is rejected. Xen's "now is behind last_start" warnings printed while the trace ran
 * (time skew between emulated pCPUs) are counted and reported with the verdict.
 *
 * @param id        the scenario id (its file name without .yaml)
 * @param scenario  the scenario that ran
 * @param trace     the trace summary (TSC at 1 GHz: QEMU's icount clock)
 * @param dispatches the guest VCPUs' dispatches in the trace
 * @param domids    Xen domain id of each guest, by name
 * @param guests    what each guest's workload program logged, by name
 * @param runThroughout guest VCPUs ({@code name/v}) with no record in the trace that ran throughout it: Xen never
 *                  switched their pCPU (see {@link #unswitched})
 * @param offline   each VCPU's longest offline interval in the trace (a cap's parks)
 * @param skewWarnings Xen's "now is behind last_start" lines during the trace
 * @param rejections the artefact rule's findings; empty when the run is accepted
 */
record XenReference(String id, Scenario scenario, TraceSummary trace, GuestDispatches dispatches,
                    Map<String, Integer> domids, Map<String, GuestLog> guests, Set<String> runThroughout,
                    LongestOffline offline, int skewWarnings, List<String> rejections) {
    /** Largest relative deviation (percent) of an exactly-determined VCPU share before a run is rejected. */
    static final int TOLERANCE_PERCENT = 5;
    /** Periods of pick order kept in the JSON. */
    static final int PICK_PERIODS = 20;
    /**
     * How far a server period's running time may be from the budget and still count as exactly the budget: the
     * per-period rule for multi-pCPU RTDS pools (docs/xen-reference.md "Two-pCPU RTDS runs").
     */
    static final long BUDGET_SLACK_NS = 100_000;
    /** Under {@code -icount shift=0} the TSC counts virtual nanoseconds. */
    static final TscRate ICOUNT_TSC = new TscRate(1_000_000_000L);

    /** Reads scenario {@code id}'s outputs from {@code out}; {@code source} names the scenario file in errors. */
    static XenReference read(Path out, String id, Scenario scenario) throws IOException {
        Path tracePath = out.resolve(id + ".trace");
        if (!Files.exists(tracePath)) throw new InputException(tracePath.toString(), null, 0, "no trace: did the boot run this scenario?");
        GuestDispatches.Collector collector = new GuestDispatches.Collector(ICOUNT_TSC);
        LongestOffline offline = new LongestOffline(ICOUNT_TSC);
        TraceSummary trace = TraceSummary.read(tracePath, ICOUNT_TSC, Accounting.WHOLE_TRACE, collector, offline);
        Map<String, Integer> domids = new LinkedHashMap<>();
        for (String line : Files.readAllLines(out.resolve(id + "-vcpu-list.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && f[1].matches("\\d+") && !domids.containsKey(f[0])) domids.put(f[0], Integer.parseInt(f[1]));
        }
        Map<String, GuestLog> guests = new LinkedHashMap<>();
        for (DomainSpec d : scenario.domains()) {
            if (d.control()) continue;
            Path log = out.resolve(id + "-" + d.name() + ".log");
            try {
                guests.put(d.name(), GuestLog.parse(Files.readString(log, StandardCharsets.ISO_8859_1), log.toString()));
            } catch (NoSuchFileException e) {
                guests.put(d.name(), GuestLog.EMPTY);
            }
        }
        int skew = 0;
        Path dmesg = out.resolve(id + "-xen-dmesg.txt");
        if (Files.exists(dmesg)) {
            for (String line : Files.readAllLines(dmesg, StandardCharsets.ISO_8859_1)) {
                if (line.contains("now is behind last_start")) skew++;
            }
        }
        GuestDispatches dispatches = collector.result();
        Set<String> throughout = unswitched(trace, out.resolve(id + "-vcpu-list-end.txt"));
        XenReference r = new XenReference(id, scenario, trace, dispatches, domids, guests, throughout, offline, skew,
                List.of());
        return new XenReference(id, scenario, trace, dispatches, domids, guests, throughout, offline, skew,
                r.artefacts());
    }

    /**
     * The guest VCPUs ({@code name/v}) that ran throughout the trace without leaving a record in it: Xen writes a
     * runstate record at every switch of a pCPU, so a VCPU that dom0's {@code xl vcpu-list} at the trace's end
     * ({@code listing}, taken before the loads stop) shows running on a pCPU without a single record in the trace
     * was that pCPU's current VCPU all along (the null scheduler never switches a pCPU whose VCPU stays busy).
     * Guests only (domain id above 0); empty when the listing is absent (boots before it).
     */
    static Set<String> unswitched(TraceSummary trace, Path listing) throws IOException {
        Set<String> found = new TreeSet<>();
        if (!Files.exists(listing)) return found;
        Set<Integer> recorded = new TreeSet<>();
        for (TraceSummary.Pcpu p : trace.pcpus()) recorded.add(p.id());
        for (String line : Files.readAllLines(listing, StandardCharsets.ISO_8859_1)) {
            // Name ID VCPU CPU State Time(s) Affinity...: e.g. "g1  3  0  3  r--  12.3  all / all"
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[1].matches("[1-9]\\d*") || !f[2].matches("\\d+") || !f[3].matches("\\d+")) continue;
            int vcpu = Integer.parseInt(f[2]);
            boolean inTrace = trace.domains().stream().anyMatch(d -> d.id() == Integer.parseInt(f[1])
                    && d.vcpus().stream().anyMatch(v -> v.id() == vcpu));
            if (f[4].startsWith("r") && !inTrace && !recorded.contains(Integer.parseInt(f[3]))) found.add(f[0] + "/" + vcpu);
        }
        return found;
    }

    /**
     * The VCPU of guest {@code name} in the trace; one that ran throughout without a record ({@link #runThroughout})
     * as running for the whole span; null if it never appeared.
     */
    TraceSummary.Vcpu vcpu(String name, int vcpu) {
        if (runThroughout.contains(name + "/" + vcpu)) {
            return new TraceSummary.Vcpu(vcpu, trace.spanNs(), 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0);
        }
        Integer domid = domids.get(name);
        if (domid == null) return null;
        for (TraceSummary.Domain d : trace.domains()) {
            if (d.id() != domid) continue;
            for (TraceSummary.Vcpu v : d.vcpus()) {
                if (v.id() == vcpu) return v;
            }
        }
        return null;
    }

    /**
     * The share the theory fixes exactly for VCPU {@code v} of an always-busy domain {@code d}: budget/period for
     * RTDS without extratime, the slots' runtime per major frame for ARINC653; NaN otherwise.
     */
    double exactShare(DomainSpec d, int v) {
        if (!d.guest().busy() || !d.guest().tasks().isEmpty()) return Double.NaN;
        PoolSpec pool = poolOf(d);
        return Schedulers.codec(pool.scheduler()).exactBusyShare(d, pool, v);
    }

    /**
     * The longest a VCPU of always-busy domain {@code d} may be parked at once under its policy's cap
     * ({@code SchedulerCodec.longestParkNs}); {@link Long#MAX_VALUE} when the policy bounds none or {@code d} is not
     * always busy.
     */
    long parkBound(DomainSpec d) {
        if (!d.guest().busy() || !d.guest().tasks().isEmpty()) return Long.MAX_VALUE;
        PoolSpec pool = poolOf(d);
        return Schedulers.codec(pool.scheduler()).longestParkNs(d, pool);
    }

    /** VCPU {@code v} of guest {@code d}'s longest offline interval in the trace, ns (0 if none or unknown). */
    long longestPark(DomainSpec d, int v) {
        Integer domid = domids.get(d.name());
        return domid == null || offline == null ? 0 : offline.longestNs(domid, v);
    }

    /**
     * Whether the artefact rule rejected the run only for VCPU shares away from the theory's: every guest VCPU is in
     * the trace and every workload finished its log (the runs a bounded comparison may still use).
     */
    boolean rejectedForSharesOnly() {
        if (rejections.isEmpty()) return false;
        for (DomainSpec d : scenario.domains()) {
            if (d.control()) continue;
            for (int v = 0; v < d.vcpus(); v++) {
                if (vcpu(d.name(), v) == null) return false;
            }
        }
        return guests.values().stream().allMatch(GuestLog::complete);
    }

    private List<String> artefacts() {
        List<String> found = new ArrayList<>();
        for (DomainSpec d : scenario.domains()) {
            if (d.control()) continue;
            for (int v = 0; v < d.vcpus(); v++) {
                TraceSummary.Vcpu tv = vcpu(d.name(), v);
                if (tv == null) {
                    found.add(Names.shown(d.name()) + " v" + v + " is missing from the trace");
                    continue;
                }
                double blocked = (double) tv.blockedNs() / trace.spanNs();
                if (d.guest().busy() && d.guest().tasks().isEmpty() && 100 * blocked > TOLERANCE_PERCENT) {
                    // An always-busy guest never blocks: its workload stalled or the emulation lost its VCPU.
                    found.add(String.format(Locale.ROOT, "%s v%d was blocked %.2f %% of the trace, though always busy",
                            Names.shown(d.name()), v, 100 * blocked));
                }
                long park = longestPark(d, v);
                long parkBound = parkBound(d);
                if (park > parkBound) {
                    // A cap's park ends at the next replenishment with budget: a longer one means late budget timers.
                    found.add(String.format(Locale.ROOT, "%s v%d was parked %.1f ms at once, longer than its cap allows"
                            + " (%.0f ms): late budget timers", Names.shown(d.name()), v, park / 1e6, parkBound / 1e6));
                }
                double expected = exactShare(d, v);
                if (Double.isNaN(expected)) continue;
                double share = (double) tv.runNs() / trace.spanNs();
                double deviation = 100 * (share / expected - 1);
                if (Math.abs(deviation) > TOLERANCE_PERCENT) {
                    found.add(String.format(Locale.ROOT, "%s v%d ran %.2f %% instead of %.2f %% (%+.1f %%)",
                            Names.shown(d.name()), v, 100 * share, 100 * expected, deviation));
                }
            }
        }
        for (Map.Entry<String, GuestLog> g : guests.entrySet()) {
            if (!g.getValue().complete()) found.add(Names.shown(g.getKey()) + "'s workload did not finish its log");
        }
        return found;
    }

    /**
     * RTDS pick order: for {@link #PICK_PERIODS} consecutive windows of the shortest RTDS period, starting at the first
     * replenishment of a VCPU with that period, the guest VCPUs ({@code name.vN}) in the order they were first
     * dispatched in the window (a runstate change to running), simultaneous ones by name ({@link PickOrder}), as the
     * comparison harness records the simulation.
     */
    List<List<String>> pickOrder() {
        long period = Long.MAX_VALUE;
        for (DomainSpec d : scenario.domains()) {
            if (!(d.params() instanceof ServerParams servers)) continue;
            for (int v = 0; v < d.vcpus(); v++) period = Math.min(period, servers.server(v).periodNs());
        }
        List<List<String>> order = new ArrayList<>();
        if (period == Long.MAX_VALUE) return order;
        Map<Integer, String> names = new LinkedHashMap<>();
        domids.forEach((n, id) -> names.put(id, n));
        long start = -1;
        for (RtdsEvent e : trace.rtdsEvents()) {
            String name = names.get(e.domain());
            if (name != null && e.kind() == RtdsEvent.Kind.REPLENISHED && periodOf(name, e.vcpu()) == period) {
                start = e.timeNs();
                break;
            }
        }
        if (start < 0) return order;
        List<PickOrder> windows = new ArrayList<>();
        for (int i = 0; i < PICK_PERIODS; i++) windows.add(new PickOrder());
        for (int i = 0; i < dispatches.timeNs().length; i++) {
            long t = dispatches.timeNs()[i];
            String name = names.get(dispatches.domains()[i]);
            if (t < start || name == null || !dispatches.running()[i]) continue;
            long w = (t - start) / period;
            if (w >= PICK_PERIODS) break;
            windows.get((int) w).dispatched(name + ".v" + dispatches.vcpus()[i], t);
        }
        for (PickOrder w : windows) order.add(w.order());
        return order;
    }

    /**
     * One RTDS VCPU's running time per server period, a server period being the span between two consecutive
     * replenishments of the VCPU in the trace (Xen's own period boundaries, R rules of the RTDS spec).
     *
     * @param complete       server periods wholly inside the trace
     * @param overBudget     complete periods in which the VCPU ran more than budget + {@link #BUDGET_SLACK_NS}
     *                       (its budget exhaustion was noticed late)
     * @param underBudget    complete periods in which it ran less than budget - {@link #BUDGET_SLACK_NS}
     * @param runCappedNs    running time over the trace counting at most one budget per period (the partial
     *                       periods at both ends included): what the VCPU ran within its budgets
     */
    record ServerPeriods(int complete, int overBudget, int underBudget, long runCappedNs) {}

    /** The per-period running time of VCPU {@code vcpu} of guest {@code name}, whose RTDS budget is {@code budgetNs}. */
    ServerPeriods serverPeriods(String name, int vcpu, long budgetNs) {
        int domid = domids.getOrDefault(name, -1);
        List<Long> bounds = new ArrayList<>();
        bounds.add(0L);
        for (RtdsEvent e : trace.rtdsEvents()) {
            if (e.domain() == domid && e.vcpu() == vcpu && e.kind() == RtdsEvent.Kind.REPLENISHED) bounds.add(e.timeNs());
        }
        bounds.sort(null);
        long end = trace.spanNs();
        bounds.add(end);
        long[] run = new long[bounds.size() - 1];        // running time in [bounds[i], bounds[i + 1])
        long since = -1;                                  // start of the current running interval, -1 when not running
        boolean first = true;
        for (int i = 0; i < dispatches.timeNs().length; i++) {
            if (dispatches.domains()[i] != domid || dispatches.vcpus()[i] != vcpu) continue;
            if (first && !dispatches.running()[i]) since = 0;    // running when the trace began
            first = false;
            if (dispatches.running()[i]) {
                since = dispatches.timeNs()[i];
            } else if (since >= 0) {
                addInterval(run, bounds, since, dispatches.timeNs()[i]);
                since = -1;
            }
        }
        if (since >= 0) addInterval(run, bounds, since, end);
        int over = 0;
        int under = 0;
        long capped = 0;
        for (int i = 0; i < run.length; i++) {
            capped += Math.min(run[i], budgetNs);
            boolean complete = i > 0 && i < run.length - 1;
            if (complete && run[i] > budgetNs + BUDGET_SLACK_NS) over++;
            if (complete && run[i] < budgetNs - BUDGET_SLACK_NS) under++;
        }
        return new ServerPeriods(Math.max(0, run.length - 2), over, under, capped);
    }

    /** Adds the running interval [from, to) to the per-segment sums {@code run} of the segments between {@code bounds}. */
    private static void addInterval(long[] run, List<Long> bounds, long from, long to) {
        int found = Collections.binarySearch(bounds, from);
        int i = found >= 0 ? found : -found - 2;       // the segment that contains {@code from}
        for (i = Math.max(i, 0); i < run.length && bounds.get(i) < to; i++) {
            long lo = Math.max(from, bounds.get(i));
            long hi = Math.min(to, bounds.get(i + 1));
            if (hi > lo) run[i] += hi - lo;
        }
    }

    private long periodOf(String name, int vcpu) {
        for (DomainSpec d : scenario.domains()) {
            if (d.name().equals(name) && d.params() instanceof ServerParams servers) return servers.server(vcpu).periodNs();
        }
        return -1;
    }

    /** The reference JSON: environment, verdict, per-domain per-VCPU times and RTDS counts, per-task jobs, picks. */
    ObjectNode toJson(ObjectMapper mapper, Map<String, String> environment) {
        ObjectNode root = mapper.createObjectNode();
        root.put("scenario", id);
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        root.put("accepted", rejections.isEmpty());
        ArrayNode why = root.putArray("rejections");
        rejections.forEach(why::add);
        root.put("rejected_for_shares_only", rejectedForSharesOnly());
        root.put("skew_warnings_in_trace", skewWarnings);
        root.put("trace_ns", trace.spanNs());
        root.put("trace_records", trace.records());
        ArrayNode domains = root.putArray("domains");
        for (DomainSpec d : scenario.domains()) {
            if (d.control()) continue;
            ObjectNode dn = domains.addObject();
            dn.put("name", d.name());
            dn.put("id", domids.getOrDefault(d.name(), -1));
            dn.put("pool", poolOf(d).scheduler());
            ArrayNode vcpus = dn.putArray("vcpus");
            for (int v = 0; v < d.vcpus(); v++) {
                TraceSummary.Vcpu tv = vcpu(d.name(), v);
                if (tv == null) continue;
                ObjectNode vn = vcpus.addObject();
                vn.put("id", v);
                vn.put("run_ns", tv.runNs());
                vn.put("runnable_ns", tv.runnableNs());
                vn.put("blocked_ns", tv.blockedNs() + tv.offlineNs());
                if (runThroughout.contains(d.name() + "/" + v)) vn.put("ran_throughout_without_records", true);
                if (parkBound(d) != Long.MAX_VALUE) vn.put("longest_park_ns", longestPark(d, v));
                if (d.params() instanceof ServerParams servers) {
                    vn.put("budget_exhaustions", tv.budgetExhaustions());
                    vn.put("replenishments", tv.replenishments());
                    ServerPeriods sp = serverPeriods(d.name(), v, servers.server(v).budgetNs());
                    vn.put("server_periods", sp.complete());
                    vn.put("periods_over_budget", sp.overBudget());
                    vn.put("periods_under_budget", sp.underBudget());
                    vn.put("run_within_budget_ns", sp.runCappedNs());
                }
            }
            ArrayNode tasks = dn.putArray("tasks");
            for (TaskResult t : tasks(d)) {
                tasks.addObject().put("name", t.name()).put("jobs", t.released()).put("completed", t.completed())
                        .put("misses", t.missed()).put("response_min_ns", t.response().minNs())
                        .put("response_mean_ns",
                                t.response().meanNs().setScale(0, RoundingMode.HALF_UP).longValueExact())
                        .put("response_p99_ns", t.response().p99Ns()).put("response_max_ns", t.response().maxNs());
            }
        }
        ArrayNode picks = root.putArray("rtds_pick_order");
        for (List<String> w : pickOrder()) {
            ArrayNode a = picks.addArray();
            w.forEach(a::add);
        }
        return root;
    }

    /**
     * The guest's task figures over the jobs released in the trace's window of the load's time, as long as the
     * simulation: from dom0's mark, which the load logs when it arrives just before dom0 starts the trace; in logs
     * without a mark (loads from before it), from {@link Dom0Script#SETTLE_S} s after the load's start T0, when dom0
     * meant to start the trace.
     */
    List<TaskResult> tasks(DomainSpec d) {
        GuestLog log = guests.getOrDefault(d.name(), GuestLog.EMPTY);
        long from = log.markNs() != GuestLog.NO_MARK ? log.markNs() : Dom0Script.SETTLE_S * 1_000_000_000L;
        List<TaskResult> out = new ArrayList<>();
        for (TaskSpec t : d.guest().tasks()) out.add(log.stats(t, from, from + scenario.durationNs()));
        return out;
    }

    private PoolSpec poolOf(DomainSpec d) {
        return scenario.pools().stream().filter(p -> p.name().equals(d.pool())).findFirst().orElseThrow();
    }
}
