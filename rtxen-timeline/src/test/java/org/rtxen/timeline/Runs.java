package org.rtxen.timeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.rtxen.engine.Simulation;
import org.rtxen.engine.machine.TraceSink;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.sched.Schedulers;

/** Test helpers: scenarios from test resources, and a run with one sink writing to memory. */
final class Runs {
    private Runs() {}

    /** The scenario in test resource {@code name}. */
    static Scenario scenario(String name) {
        try (InputStream in = Runs.class.getResourceAsStream("/" + name)) {
            return ScenarioReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of test resource {@code name}. */
    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The bytes of test resource {@code name}. */
    static byte[] bytes(String name) {
        try (InputStream in = Runs.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What one run of {@code s} wrote through the sink made by {@code sink}, and its result. */
    record Output(byte[] bytes, SimulationResult result) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A run of {@code s} with the sink made by {@code sink} writing to memory. */
    static Output run(Scenario s, Function<ByteArrayOutputStream, TraceSink> sink) {
        return run(s, sink, Long.MAX_VALUE);
    }

    /** The same run stopped after {@code maxEvents} engine events ({@code Long.MAX_VALUE}: not stopped). */
    static Output run(Scenario s, Function<ByteArrayOutputStream, TraceSink> sink, long maxEvents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulationResult r = Simulation.of(s, Schedulers.factory()).limit(maxEvents, Long.MAX_VALUE).trace(sink.apply(out))
                .run();
        return new Output(out.toByteArray(), r);
    }

    /** A run of {@code s} writing the jobs CSV. */
    static Output csv(Scenario s) {
        return run(s, Runs::csvWriter);
    }

    /** A jobs CSV writer to {@code out}, in UTF-8. */
    static JobCsvWriter csvWriter(OutputStream out) {
        return new JobCsvWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    }
}
