package org.rtxen.io.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Rational;
import org.rtxen.analysis.Reason;
import org.rtxen.analysis.Task;
import org.rtxen.analysis.component.ComponentInterface;
import org.rtxen.analysis.component.ComponentInterface.Model;
import org.rtxen.analysis.component.ComponentResult;
import org.rtxen.analysis.component.ComponentSpec;
import org.rtxen.analysis.component.Composition;
import org.rtxen.analysis.component.Policy;
import org.rtxen.analysis.supply.Mpr;
import org.rtxen.io.InputException;

/**
 * CARTS XML input and interface output: nested components read with their schedulers and periods, decimal numbers
 * scaled by one power of ten, one-line refusals naming the line for control characters in names, a missing WCET,
 * elements inside a task, duplicate names, unknown schedulers, out-of-range numbers, deep nesting and text that is not
 * XML, and the CARTS XML and JSON of interfaces with every digit exact, budgets and bandwidths rounded up, EDP
 * deadlines rounded down but never below the shown budget, lower bounds rounded down, and the not-minimal flag and
 * infeasibility reason carried.
 */
class CartsIoTest {
    /** The JSON of the file's interfaces (PRM for EDF components, MPR for gEDF ones, Xu's sbf). */
    private static String jsonOf(CartsReader.Carts c) {
        var root = AnalysisJson.object();
        AnalysisJson.addComponents(root, Composition.analyze(c.root(), Model.PRM, Model.MPR, Mpr.Variant.XU), c.scale());
        return AnalysisJson.text(root);
    }

    /** The CARTS output XML of the same interfaces. */
    private static String xmlOf(CartsReader.Carts c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CartsWriter.write(Composition.analyze(c.root(), Model.PRM, Model.MPR, Mpr.Variant.XU), c.scale(), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static CartsReader.Carts read(String xml) {
        return CartsReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "in.xml");
    }

    @Test
    void read_nestedComponents_buildsTreeWithSchedulersAndPeriods() {
        CartsReader.Carts c = read("""
                <system os_scheduler="EDF" min_period="1" max_period="4">
                  <component name="C1" scheduler="RM" period="5">
                    <task name="T1" p="50" d="40" e="7"/>
                  </component>
                </system>""");
        ComponentSpec root = c.root();
        assertEquals(1, c.scale());
        assertEquals(Policy.EDF, root.policy());
        assertEquals(4, root.maxPeriod());
        ComponentSpec c1 = root.children().get(0);
        assertEquals(Policy.RM, c1.policy());
        assertEquals(5, c1.minPeriod());
        assertEquals(List.of(new Task("T1", 50, 7, 40)), c1.tasks());
    }

    @Test
    void read_decimalNumbers_scalesEverythingByTheSamePowerOfTen() {
        CartsReader.Carts c = read("""
                <system><component name="C" period="2.5"><task name="T" p="10" d="10" e="1.25"/></component></system>""");
        assertEquals(100, c.scale());
        assertEquals(250, c.root().children().get(0).minPeriod());
        assertEquals(new Task("T", 1000, 125, 1000), c.root().children().get(0).tasks().get(0));
    }

    /** A name with a character reference to a newline or tab is refused: the output's attributes could not carry it. */
    @Test
    void read_nameWithAControlCharacter_isRefused() {
        InputException e = assertThrows(InputException.class, () -> read("""
                <system>
                  <component name="C&#10;D" period="5">
                    <task name="T" p="10" d="10" e="1"/>
                  </component>
                </system>"""));
        assertEquals("in.xml:2: component C\\nD: the name holds a control character", e.getMessage());
        e = assertThrows(InputException.class, () -> read("""
                <system>
                  <component name="C" period="5">
                    <task name="T&#9;" p="10" d="10" e="1"/>
                  </component>
                </system>"""));
        assertEquals("in.xml:3: task T\\t: the name holds a control character", e.getMessage());
    }

    @Test
    void read_missingWcet_namesTaskAttributeAndLine() {
        InputException e = assertThrows(InputException.class, () -> read("""
                <system>
                  <component name="C" period="5">
                    <task name="T" p="10" d="10"/>
                  </component>
                </system>"""));
        assertEquals("in.xml:3: task T e: wcet of a task is missing", e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void read_elementInsideATask_isRefusedNamingTheTask() {
        // A task has no children in CARTS's format. Before, a <task> inside a <task> was read as the enclosing
        // component's next task, and a <component> inside a <task> as that component's child, without a word.
        InputException e = assertThrows(InputException.class, () -> read("""
                <system period="10">
                  <task name="t" p="10" d="10" e="1">
                    <task name="u" p="10" d="10" e="1"/>
                  </task>
                </system>"""));
        assertEquals("in.xml:3: task t: holds a <task>; a task has no child elements", e.getMessage());
        e = assertThrows(InputException.class, () -> read("""
                <system period="10"><task name="t" p="10" d="10" e="1"><component name="c" period="5"/></task></system>"""));
        assertEquals("in.xml:1: task t: holds a <component>; a task has no child elements", e.getMessage());
    }

    @Test
    void read_duplicateNameOrUnknownScheduler_isRejected() {
        assertThrows(InputException.class, () -> read("""
                <system><component name="C" period="5"/><component name="C" period="5"/></system>"""));
        InputException e = assertThrows(InputException.class, () -> read("""
                <system><component name="C" scheduler="gDM" period="5"/></system>"""));
        assertTrue(e.getMessage().contains("'gDM' is not supported"), e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void read_hugeExponent_isRefusedAtOnceWithItsAttribute() {
        // p="1e100000000" would be scaled to a hundred-million-digit integer before the range check.
        InputException e = assertThrows(InputException.class, () -> read("""
                <system><component name="C" period="5">
                  <task name="T" p="1e100000000" d="10" e="1"/>
                </component></system>"""));
        assertEquals("in.xml:2: task T p: '1e100000000' is out of range (exponent beyond ±40)", e.getMessage());
    }

    @Test
    void read_valueBeyondALongEitherWay_isOutOfRangeNotAnInternalError() {
        // Found by a 10-minute fuzz campaign: only the positive bound was checked, and -2^63 - 1 overflowed the long.
        InputException e = assertThrows(InputException.class, () -> read(
                "<system min_period=\"1\" max_period=\"-11111111111111111110\"></system>"));
        assertEquals("in.xml:1: component system max_period: value -11111111111111111110 is out of range (at most 2^60"
                + " in magnitude after scaling)", e.getMessage());
        e = assertThrows(InputException.class, () -> read("""
                <system><component name="C" period="5">
                  <task name="T" p="-2000000000000000000" d="10" e="1"/>
                </component></system>"""));
        assertEquals("in.xml:2: task T p: value -2000000000000000000 is out of range (at most 2^60 in magnitude"
                + " after scaling)", e.getMessage());
    }

    @Test
    void read_deepNesting_isRefusedBeforeTheRecursiveAnalysis() {
        // 2 500 nested components overflowed the stack; the reader stops at the 65th level, on line 66 (system on 1).
        StringBuilder xml = new StringBuilder("<system>\n");
        for (int i = 0; i < 2500; i++) xml.append("<component name=\"c").append(i).append("\" period=\"5\">\n");
        InputException e = assertThrows(InputException.class, () -> read(xml.toString()));
        assertEquals("in.xml:66: component c64: nested more than 64 components deep", e.getMessage());
        StringBuilder ok = new StringBuilder("<system>");
        for (int i = 0; i < 64; i++) ok.append("<component name=\"c").append(i).append("\" period=\"5\">");
        ok.append("<task name=\"T\" p=\"10\" d=\"10\" e=\"1\"/>");
        for (int i = 0; i < 64; i++) ok.append("</component>");
        assertEquals(1, read(ok.append("</system>").toString()).root().children().size());
    }

    @Test
    void read_notXml_reportsLine() {
        InputException e = assertThrows(InputException.class, () -> read("<system>\n<component"));
        assertEquals(2, e.line());
    }

    @Test
    void writeAndJson_halfLoadTask_reportExactBudgetAndContractKeys() throws IOException {
        // Single task (10, 5) at period 10: PRM minimum budget 15/2 (see UniprocessorInterfacesTest).
        CartsReader.Carts c = read("""
                <system period="10"><component name="C" period="10"><task name="T" p="10" d="10" e="5"/></component></system>""");
        ComponentResult r = Composition.analyze(c.root(), Model.PRM, Model.MPR, Mpr.Variant.XU);
        var root = AnalysisJson.object();
        AnalysisJson.addComponents(root, r, c.scale());
        var comp = root.get("components").get(1);
        assertEquals("C", comp.get("name").asText());
        assertEquals("prm", comp.get("model").asText());
        assertEquals("7.5", comp.get("budget").asText());
        assertEquals("15/2", comp.get("budget_exact").asText());
        assertEquals(1, comp.get("cpus").asInt());
        assertEquals("7.5", comp.get("vcpus").get(0).get("budget").asText());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CartsWriter.write(r, c.scale(), out);
        String xml = out.toString(StandardCharsets.UTF_8);
        assertTrue(xml.contains("<model period=\"10\" bandwidth=\"0.75\" execution_time=\"7.5\" "
                + "execution_time_exact=\"15/2\" cpus=\"1\"/>"), xml);
    }

    @Test
    void writeAndJson_thirteenDigitPeriod_printsEveryNumberExactly() throws IOException {
        // P = 1234567890123, one task (P, 1000) at Π = P: sbf(P) = 2Θ − P ≥ 1000 gives C1's Θ = (P + 1000)/2 =
        // 617283945561.5; its VCPU, rounded up to 617283945562, is the system's task: Θ = (P + 617283945562)/2 =
        // 925925917842.5. C1's bandwidth 1/2 + 500/P = 0.5000000004050000036… is rounded up to 12 digits.
        CartsReader.Carts c = read("""
                <system os_scheduler="EDF" min_period="1234567890123" max_period="1234567890123">
                  <component name="C1" scheduler="EDF" period="1234567890123">
                    <task name="T1" p="1234567890123" d="1234567890123" e="1000"/>
                  </component>
                </system>""");
        String json = jsonOf(c);
        String xml = xmlOf(c);
        assertTrue(json.contains("\"period\": 1234567890123,"), json);
        assertTrue(json.contains("\"budget\": 925925917842.5,"), json);
        assertTrue(json.contains("\"budget_exact\": \"1851851835685/2\","), json);
        assertTrue(json.contains("\"budget\": 617283945561.5,"), json);
        assertTrue(xml.contains("<model period=\"1234567890123\" bandwidth=\"0.500000000406\" "
                + "execution_time=\"617283945561.5\" execution_time_exact=\"1234567891123/2\" cpus=\"1\"/>"), xml);
        assertTrue(xml.contains("<model period=\"1234567890123\" execution_time=\"925925917842.5\" "
                + "deadline=\"1234567890123\"/>"), xml);
    }

    @Test
    void writeAndJson_periodTwoToThe53PlusOne_isNotRoundedThroughADouble() throws IOException {
        // P = 2^53 + 1 = 9007199254740993, one task (P, 1): C1's Θ = (P + 1)/2 = 4503599627370497; the system's,
        // with that VCPU as its task, (P + 4503599627370497)/2 = 6755399441055745.
        CartsReader.Carts c = read("""
                <system min_period="9007199254740993" max_period="9007199254740993">
                  <component name="C1" period="9007199254740993">
                    <task name="T1" p="9007199254740993" d="9007199254740993" e="1"/>
                  </component>
                </system>""");
        String json = jsonOf(c);
        String xml = xmlOf(c);
        assertTrue(json.contains("\"period\": 9007199254740993,"), json);
        assertTrue(json.contains("\"budget\": 6755399441055745,"), json);
        assertTrue(json.contains("\"budget\": 4503599627370497,"), json);
        assertTrue(xml.contains("<model period=\"9007199254740993\" execution_time=\"4503599627370497\" "
                + "deadline=\"9007199254740993\"/>"), xml);
    }

    @Test
    void writeAndJson_budgetWithoutAFiniteDecimal_isRoundedUpBesideItsFraction() throws IOException {
        // One task (10, 7) at Π = 3: for Θ in [2, 2.5], sbf(10) = 3Θ (three whole budgets, the fourth window
        // 10 − 2(3 − Θ) − 9 = 2Θ − 5 ≤ 0), so Θ = 7/3 = 2.333… (no Θ below gives sbf(10) ≥ 7; later deadlines pass
        // as 7/9 > 7/10), printed 2.33333333334, never the 2.33333333333 below the minimum.
        CartsReader.Carts c = read("""
                <system><component name="C" period="3"><task name="T" p="10" d="10" e="7"/></component></system>""");
        ComponentResult r = Composition.analyze(c.root(), Model.PRM, Model.MPR, Mpr.Variant.XU);
        var root = AnalysisJson.object();
        AnalysisJson.addComponents(root, r, c.scale());
        var comp = root.get("components").get(1);
        assertEquals("7/3", comp.get("budget_exact").asText());
        assertEquals("2.33333333334", comp.get("budget").asText());
        assertEquals("2.33333333334", comp.get("vcpus").get(0).get("budget").asText());
        String xml = xmlOf(c);
        // Bandwidth 7/9 = 0.777…, rounded up too.
        assertTrue(xml.contains("<model period=\"3\" bandwidth=\"0.777777777778\" execution_time=\"2.33333333334\" "
                + "execution_time_exact=\"7/3\" cpus=\"1\"/>"), xml);
    }

    @Test
    void json_edpDeadlineAndLowerBound_roundDownButTheDeadlineNotBelowTheShownBudget() {
        // Budget 7/3 is shown 2.33333333334; a deadline of 8/3 = 2.666… is shown rounded down, 2.66666666666; one
        // equal to the budget would round down to 2.33333333333, below the shown budget, so it is shown as the budget
        // (the pair (Θ', Θ') with Θ' ≥ Δ supplies at least (Θ, Δ)); the lower bound 2/3 rounds down, 0.666666666666.
        ComponentInterface i = new ComponentInterface(Model.EDP, true, 3, Rational.of(7, 3), Rational.of(8, 3), 1,
                List.of(new ComponentInterface.Vcpu(3, Rational.of(7, 3), Rational.of(7, 3))), Reason.NONE, false,
                Rational.of(2, 3));
        var root = AnalysisJson.object();
        AnalysisJson.addComponents(root, new ComponentResult("C", Policy.EDF, List.of(), i, List.of()), 1);
        var comp = root.get("components").get(0);
        assertEquals("2.33333333334", comp.get("budget").asText());
        assertEquals("2.66666666666", comp.get("deadline").asText());
        assertEquals("0.666666666666", comp.get("budget_lower_bound").asText());
        assertEquals("2.33333333334", comp.get("vcpus").get(0).get("deadline").asText());
    }

    @Test
    void json_budgetNotProvenMinimal_carriesFlagAndLowerBoundScaled() {
        // A PRM interface closed by the tail bound: budget 7/2, minimum known to be at least 3, numbers scaled by 10.
        ComponentInterface i = new ComponentInterface(Model.PRM, true, 10, Rational.of(7, 2), null, 1,
                List.of(new ComponentInterface.Vcpu(10, Rational.of(7, 2), Rational.of(10))), Reason.NONE, false, Rational.of(3));
        var root = AnalysisJson.object();
        AnalysisJson.addComponents(root, new ComponentResult("C", Policy.EDF, List.of(), i, List.of()), 10);
        var comp = root.get("components").get(0);
        assertEquals(false, comp.get("minimal").asBoolean());
        assertEquals("0.35", comp.get("budget").asText());
        assertEquals("0.3", comp.get("budget_lower_bound").asText());
    }

    @Test
    void json_infeasibleComponent_carriesReasonNotSentinel() {
        CartsReader.Carts c = read("""
                <system><component name="C" period="10"><task name="T" p="10" d="10" e="11"/></component></system>""");
        ComponentResult r = Composition.analyze(c.root(), Model.PRM, Model.MPR, Mpr.Variant.XU);
        var root = AnalysisJson.object();
        AnalysisJson.addComponents(root, r, 1);
        assertEquals(false, root.get("feasible").asBoolean());
        var comp = root.get("components").get(1);
        assertEquals("utilization 11/10 exceeds 1", comp.get("reason").asText());
        assertTrue(comp.get("budget") == null);
    }
}
