package org.rtxen.cli.fidelity;

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
 * @param traceNs   length of the traced window
 * @param vcpus     per-VCPU running and runnable time of the guest domains
 * @param tasks     per-task job counts over the guest's whole run
 * @param pickOrder per period of the shortest RTDS period, the VCPUs ({@code name.vN}) in the order first picked
 */
record ReferenceRun(String scenario, boolean accepted, long traceNs, List<Vcpu> vcpus, List<Task> tasks,
                    List<List<String>> pickOrder) {
    /** One VCPU's running time and runnable (ready, waiting for a pCPU) time in the window. */
    record Vcpu(String domain, int id, long runNs, long runnableNs) {}

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
                vcpus.add(new Vcpu(name, v.path("id").asInt(), v.path("run_ns").asLong(), v.path("runnable_ns").asLong()));
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
                root.path("trace_ns").asLong(), vcpus, tasks, order);
    }
}
