package org.rtxen.io.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.analysis.Task;
import org.rtxen.io.InputException;

/**
 * Reading a task set: bare numbers (microseconds) and times with units read as nanoseconds, and a one-line error naming
 * the file, line and field for an unknown field, a missing period, a name given twice or equal to another task's
 * default name, a duplicate key, a CPU count out of range, a value of the wrong kind and a value holding a newline.
 */
class TaskSetReaderTest {
    @Test
    void read_bareNumbersAndUnits_giveNanoseconds() {
        TaskSetReader.TaskSet s = TaskSetReader.read(new StringReader("""
                cpus: 2
                tasks:
                  - {period: 100, wcet: 49, deadline: 100}
                  - {name: b, period: 10ms, wcet: 1.5ms}
                """), "t.yaml");
        assertEquals(2, s.cpus());
        assertEquals(List.of(new Task("t0", 100_000, 49_000, 100_000), new Task("b", 10_000_000, 1_500_000, 10_000_000)),
                s.tasks());
    }

    @Test
    void read_unknownField_namesPathAndLine() {
        InputException e = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                cpus: 1
                tasks:
                  - {period: 100, wcet: 1}
                  - {period: 100, wcte: 1}
                """), "t.yaml"));
        assertEquals("t.yaml:4: tasks[1].wcte: unknown field (expected period, wcet, deadline, name)", e.getMessage());
    }

    @Test
    void read_aliasOrTag_isRejectedAsInScenarioFiles() {
        // Before, "*p" was read as the text "p" and "!!str 10" as 10: values rtxen did not write out as given.
        InputException alias = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                tasks:
                  - {period: &p 10, wcet: *p}
                """), "t.yaml"));
        assertEquals("t.yaml:2: tasks[0].wcet: YAML aliases (*p) are not supported: write the value out", alias.getMessage());
        InputException tag = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                cpus: !!str 2
                tasks:
                  - {period: 10, wcet: 1}
                """), "t.yaml"));
        assertEquals("t.yaml:1: cpus: YAML tags (!!str) are not supported: write the value without one", tag.getMessage());
    }

    @Test
    void read_missingPeriod_isRejected() {
        InputException e = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                tasks:
                  - {wcet: 1}
                """), "t.yaml"));
        assertEquals("t.yaml:2: tasks[0].period: a positive period is required", e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void read_nameGivenTwice_orAnExplicitNameEqualToADefault_isRejected() {
        // Every verdict names its task ("task a: needs deadline ≤ period"): two tasks named a made that ambiguous, and
        // so did {name: t1} beside an unnamed second task, whose default name is t1. Before, both were read.
        InputException e = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                tasks:
                  - {name: a, period: 10, wcet: 1}
                  - {name: a, period: 20, wcet: 1}
                """), "t.yaml"));
        assertEquals("t.yaml:3: tasks[1].name: 'a' is also the name of tasks[0] (each task's name must be unique: a"
                + " verdict names its task)", e.getMessage());
        e = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                tasks:
                  - {name: t1, period: 10, wcet: 1}
                  - {period: 20, wcet: 1}
                """), "t.yaml"));
        assertEquals("t.yaml:3: tasks[1].name: 't1' (its default name) is also the name of tasks[0] (each task's name"
                + " must be unique: a verdict names its task)", e.getMessage());
    }

    @Test
    void read_duplicateKey_isRejectedNotLastWins() {
        // {wcet: 9, wcet: 1}: taking the last value would judge a U = 0.1 set where the author wrote U = 0.9.
        InputException e = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                cpus: 1
                tasks:
                  - {period: 10,
                     wcet: 9,
                     wcet: 1}
                """), "t.yaml"));
        assertEquals("t.yaml:5: tasks[0].wcet: duplicate key (first given on line 4)", e.getMessage());
        InputException top = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                cpus: 1
                cpus: 2
                tasks: [{period: 10, wcet: 1}]
                """), "t.yaml"));
        assertEquals("t.yaml:2: cpus: duplicate key (first given on line 1)", top.getMessage());
    }

    @Test
    void read_cpusBeyondLong_isOneLineRangeError() {
        InputException e = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                cpus: 9223372036854775808
                tasks: [{period: 10, wcet: 1}]
                """), "t.yaml"));
        assertEquals("t.yaml:1: cpus: must be a whole number from 1 to 4096", e.getMessage());
    }

    @Test
    void read_nullDeadlineOrMappingName_isFieldError() {
        InputException d = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                tasks: [{period: 10, wcet: 1, deadline: null}]
                """), "t.yaml"));
        assertEquals("t.yaml:1: tasks[0].deadline: must be a time", d.getMessage());
        InputException n = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                tasks: [{period: 10, wcet: 1, name: {wcet: 9}}]
                """), "t.yaml"));
        assertEquals("t.yaml:1: tasks[0].name: must be a single value", n.getMessage());
    }

    @Test
    void read_valueWithNewline_staysOneLine() {
        InputException e = assertThrows(InputException.class, () -> TaskSetReader.read(new StringReader("""
                tasks: [{period: "ten\\nms", wcet: 1}]
                """), "t.yaml"));
        assertEquals("t.yaml:1: tasks[0].period: 'ten\\nms' is not a time (use e.g. 10ms, 500us, 2s, 250ns)",
                e.getMessage());
    }
}
