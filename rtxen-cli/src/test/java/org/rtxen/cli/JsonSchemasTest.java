package org.rtxen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSON rtxen writes validates against its published schema in docs/schemas (JSON Schema 2020-12), and every
 * example scenario against the scenario schema; a schema that accepted anything would fail the negative cases.
 */
@Timeout(120)
class JsonSchemasTest {
    private static final Path SCHEMAS = Path.of("..", "docs", "schemas").toAbsolutePath().normalize();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.schemaMappers(m -> m.mapPrefix("https://rtxen.org/schemas/", SCHEMAS.toUri().toString())));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonSchema schema(String name) {
        return FACTORY.getSchema(SchemaLocation.of("https://rtxen.org/schemas/" + name));
    }

    private static void assertValid(String schema, String json) {
        Set<ValidationMessage> errors = schema(schema).validate(json, InputFormat.JSON);
        assertEquals(Set.of(), errors, schema);
    }

    static Stream<Path> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            return Stream.concat(list.stream(), Stream.of(EXAMPLES.resolve("analysis/plan-mixed.yaml")));
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void exampleScenario_validatesAgainstScenarioSchema(Path file) throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(file.toFile());
        assertEquals(Set.of(), schema("scenario.schema.json").validate(yaml), file.toString());
    }

    @Test
    void scenarioSchema_rejectsUnknownKeyAndBadTime() {
        JsonSchema s = schema("scenario.schema.json");
        String ok = "{\"duration\": \"1s\", \"host\": {\"pcpus\": 1}, \"domains\": [{\"name\": \"a\"}]}";
        assertEquals(Set.of(), s.validate(ok, InputFormat.JSON));
        assertFalse(s.validate(ok.replace("\"duration\"", "\"duraton\""), InputFormat.JSON).isEmpty());
        assertFalse(s.validate(ok.replace("\"1s\"", "\"1 hour\""), InputFormat.JSON).isEmpty());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void simulateJson_validates(Path file) {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", file.toString(), "--json", "--duration",
                "50ms");
        assertEquals(0, r.status(), r.err());
        assertValid("simulate.schema.json", r.out());
    }

    @Test
    void simulateJson_missingField_rejected() throws IOException {
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", EXAMPLES.resolve("rtds-two-vms.yaml")
                .toString(), "--json", "--duration", "20ms");
        JsonNode tree = JSON.readTree(r.out());
        ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("schema_version");
        assertFalse(schema("simulate.schema.json").validate(tree).isEmpty());
    }

    @Test
    void analyzeJson_allThreeShapes_validate() {
        for (String f : List.of("analysis/carts-gedf.xml", "analysis/carts-two-components.xml",
                "analysis/plan-mixed.yaml", "analysis/taskset.yaml")) {
            SimulateCommandTest.Run r = SimulateCommandTest.rtxen("analyze", EXAMPLES.resolve(f).toString(), "--json");
            assertEquals(0, r.status(), r.err());
            assertValid("analyze.schema.json", r.out());
        }
    }

    @Test
    void planJson_validates() {
        for (String f : List.of("analysis/plan-mixed.yaml", "rtds-two-vms.yaml", "rtds-global-edf.yaml")) {
            SimulateCommandTest.Run r = SimulateCommandTest.rtxen("plan", EXAMPLES.resolve(f).toString(), "--json");
            assertEquals(0, r.status(), r.err());
            assertValid("plan.schema.json", r.out());
        }
    }

    @Test
    void traceSummaryJson_ofASimulatedRun_validates() {
        Path xen = dir.resolve("run.xentrace");
        Path trace = dir.resolve("run.json");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", EXAMPLES.resolve("rtds-global-edf.yaml")
                .toString(), "--duration", "50ms", "--xentrace", xen.toString(), "--trace", trace.toString());
        assertEquals(0, r.status(), r.err());
        for (String mode : List.of("whole-trace", "xenalyze")) {
            SimulateCommandTest.Run s = SimulateCommandTest.rtxen("trace", "summary", xen.toString(), "--cpu-hz", "1G",
                    "--json", "--accounting", mode);
            assertEquals(0, s.status(), s.err());
            assertValid("trace-summary.schema.json", s.out());
        }
    }

    @Test
    void perfettoTrace_validates() throws IOException {
        Path trace = dir.resolve("run.json");
        SimulateCommandTest.Run r = SimulateCommandTest.rtxen("simulate", EXAMPLES.resolve("rtds-two-vms.yaml")
                .toString(), "--duration", "100ms", "--trace", trace.toString());
        assertEquals(0, r.status(), r.err());
        assertValid("perfetto-trace.schema.json", Files.readString(trace));
    }
}
