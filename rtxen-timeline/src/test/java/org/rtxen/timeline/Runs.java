package org.rtxen.timeline;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    static Output run(Scenario s, Function<ByteArrayOutputStream, TraceSink> sink) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulationResult r = Simulation.of(s, Schedulers.factory()).trace(sink.apply(out)).run();
        return new Output(out.toByteArray(), r);
    }

    static Output csv(Scenario s) {
        return run(s, out -> new JobCsvWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
    }
}
