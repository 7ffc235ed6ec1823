package org.rtxen.cli.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What real Xen did in one reference run: the JSON that the {@code xen} branch derives from a xentrace trace and
 * the guests' job logs (fidelity/xen-qemu/derive.py): the traced window, per-VCPU times, per-task job counts and
 * the first dispatches.
 *
 * @param scenario the scenario id (the YAML next to the JSON has the same base name)
 * @param traceNs  length of the traced window
 * @param vcpus    per-VCPU times of the guest domains, keyed by domain name
 * @param tasks    per-task job counts, keyed by domain name
 * @param picks    dispatches in order, as {@code name/vcpu} (domain 0 and the idle domain left out)
 */
record XenReference(String scenario, long traceNs, List<Vcpu> vcpus, List<Task> tasks, List<Pick> picks) {
    /** One VCPU's running time in the window. */
    record Vcpu(String domain, int id, long runNs) {}

    /** One task's jobs and deadline misses over the guest's whole run. */
    record Task(String domain, String name, long jobs, long misses) {}

    /** One dispatch: µs since the window began, the pCPU and the VCPU as {@code name/vcpu}. */
    record Pick(long timeUs, int pcpu, String vcpu) {}

    /** Reads a reference JSON file. */
    static XenReference read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        Map<Integer, String> names = new HashMap<>();
        List<Vcpu> vcpus = new ArrayList<>();
        List<Task> tasks = new ArrayList<>();
        for (JsonNode d : root.path("domains")) {
            String name = d.path("name").asText();
            names.put(d.path("id").asInt(), name);
            for (JsonNode v : d.path("vcpus")) vcpus.add(new Vcpu(name, v.path("id").asInt(), v.path("run_ns").asLong()));
            for (JsonNode t : d.path("tasks")) {
                tasks.add(new Task(name, t.path("name").asText(), t.path("jobs").asLong(), t.path("misses").asLong()));
            }
        }
        List<Pick> picks = new ArrayList<>();
        for (JsonNode p : root.path("picks")) {
            String[] dv = p.path("vcpu").asText().substring(1).split("v");
            String name = names.get(Integer.parseInt(dv[0]));
            if (name != null) picks.add(new Pick(p.path("t_us").asLong(), p.path("pcpu").asInt(), name + "/" + dv[1]));
        }
        return new XenReference(root.path("scenario").asText(), root.path("trace_ns").asLong(), vcpus, tasks, picks);
    }
}
