package org.rtxen.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.PcpuResult;
import org.rtxen.model.result.ResponseStats;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.model.result.VcpuResult;

/**
 * Writes a simulation result as JSON for scripts: a fixed field order, snake_case names, {@code schema_version}
 * first, every time named {@code *_ns} and an integer of nanoseconds except the mean response time, a decimal of
 * nanoseconds from the exact sum ({@link ResponseStats#meanNs()}). The field list is in docs/cli.md, the schema in
 * docs/schemas/simulate.schema.json.
 */
final class ResultJsonWriter {
    /** The version of this layout; raised when a field changes meaning. */
    static final int SCHEMA_VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private ResultJsonWriter() {}

    /** The JSON document, two-space indented, ending in a newline. */
    static String write(SimulationResult r) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(text).setPrettyPrinter(JsonStyle.printer())) {
            g.writeStartObject();
            g.writeNumberField("schema_version", SCHEMA_VERSION);
            g.writeNumberField("duration_ns", r.durationNs());
            g.writeNumberField("seed", r.seed());
            g.writeNumberField("events", r.events());
            g.writeNumberField("wall_ns", r.wallNs());
            if (r.partial()) {
                g.writeBooleanField("partial", true);
                g.writeStringField("stopped_by", r.stoppedBy());
            }
            g.writeArrayFieldStart("domains");
            for (DomainResult d : r.domains()) domain(g, d);
            g.writeEndArray();
            g.writeArrayFieldStart("pcpus");
            for (PcpuResult p : r.pcpus()) {
                g.writeStartObject();
                g.writeNumberField("id", p.id());
                g.writeNumberField("busy_ns", p.busyNs());
                g.writeNumberField("context_switches", p.contextSwitches());
                g.writeNumberField("migrations", p.migrations());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.append('\n').toString();
    }

    private static void domain(JsonGenerator g, DomainResult d) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", d.id());
        g.writeStringField("name", d.name());
        g.writeNumberField("run_ns", d.runNs());
        g.writeArrayFieldStart("vcpus");
        for (VcpuResult v : d.vcpus()) {
            g.writeStartObject();
            g.writeNumberField("id", v.id());
            g.writeNumberField("run_ns", v.runNs());
            g.writeNumberField("runnable_ns", v.runnableNs());
            g.writeNumberField("blocked_ns", v.blockedNs());
            g.writeNumberField("offline_ns", v.offlineNs());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tasks");
        for (TaskResult t : d.tasks()) {
            ResponseStats s = t.response();
            g.writeStartObject();
            g.writeStringField("name", t.name());
            g.writeNumberField("released", t.released());
            g.writeNumberField("completed", t.completed());
            g.writeNumberField("missed", t.missed());
            g.writeObjectFieldStart("response");
            g.writeNumberField("count", s.count());
            g.writeNumberField("min_ns", s.minNs());
            g.writeNumberField("mean_ns", s.meanNs());
            g.writeNumberField("p99_ns", s.p99Ns());
            g.writeNumberField("max_ns", s.maxNs());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
