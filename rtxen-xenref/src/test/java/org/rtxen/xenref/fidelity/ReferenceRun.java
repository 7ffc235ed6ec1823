package org.rtxen.xenref.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What real Xen did in one reference run, read from the JSON committed under fidelity/reference (written by
 * {@code rtxen xen-run}'s reference mode, org.rtxen.cli.XenReference): the traced window, per-VCPU running time,
 * per-task jobs and misses, and the RTDS pick order per period.
 *
 * @param scenario  the scenario id (the YAML next to the JSON has the same base name)
 * @param accepted  whether the run passed the emulation-artefact rule
 * @param rejectedForSharesOnly whether the rule rejected it only for VCPU shares (every VCPU traced, every
 *                  workload log complete): such a run of a multi-pCPU RTDS pool gets the bounded comparison
 * @param traceNs   length of the traced window
 * @param vcpus     per-VCPU running and runnable time of the guest domains
 * @param tasks     per-task job counts over the guest's whole run
 * @param pickOrder per period of the shortest RTDS period, the VCPUs ({@code name.vN}) in the order first picked
 */
record ReferenceRun(String scenario, boolean accepted, boolean rejectedForSharesOnly, long traceNs, List<Vcpu> vcpus, List<Task> tasks,
                    List<List<String>> pickOrder) {
    /**
     * One VCPU's running and runnable (ready, waiting for a pCPU) time in the window.
     *
     * @param runWithinBudgetNs for RTDS, the running time counting at most one budget per server period; -1 if absent
     * @param serverPeriods     for RTDS, the server periods wholly in the trace (0 if absent)
     * @param overBudget        of them, those in which it ran more than budget + 0.1 ms
     * @param underBudget       of them, those in which it ran less than budget - 0.1 ms
     */
    record Vcpu(String domain, int id, long runNs, long runnableNs, long runWithinBudgetNs, int serverPeriods,
                int overBudget, int underBudget) {}

    /** One task's jobs and deadline misses. */
    record Task(String domain, String name, long jobs, long misses) {}

    /** Reads a reference JSON file. */
    static ReferenceRun read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Vcpu> vcpus = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        for (JsonNode d : root.path("domains")) {
            String name = d.path("name").asText();
            for (JsonNode v : d.path("vcpus")) {
                vcpus.add(new Vcpu(name, v.path("id").asInt(), v.path("run_ns").asLong(),
                        v.path("runnable_ns").asLong(), v.path("run_within_budget_ns").asLong(-1),
                        v.path("server_periods").asInt(), v.path("periods_over_budget").asInt(),
                        v.path("periods_under_budget").asInt()));
            }
            for (JsonNode t : d.path("tasks")) {
                tasks.add(new Task(name, t.path("name").asText(), t.path("jobs").asLong(), t.path("misses").asLong()));
            }
        }
        List<List<String>> order = new ArrayList<>();
        for (JsonNode window : root.path("rtds_pick_order")) {
            List<String> w = new ArrayList<>();
            window.forEach(v -> w.add(v.asText()));
            order.add(w);
        }
        return new ReferenceRun(root.path("scenario").asText(), root.path("accepted").asBoolean(true),
                root.path("rejected_for_shares_only").asBoolean(false), root.path("trace_ns").asLong(), vcpus, tasks,
                order);
    }
}
