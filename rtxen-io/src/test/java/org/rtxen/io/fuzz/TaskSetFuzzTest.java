package org.rtxen.io.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.rtxen.io.analysis.TaskSetReader;

/** Fuzzes the task-set reader ({@code rtxen analyze TASKSET.yaml}); corpus in {@code TaskSetFuzzTestInputs/taskSet}. */
class TaskSetFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void taskSet(byte[] input) {
        ReaderContract.check(() -> TaskSetReader.read(
                new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8), ReaderContract.SOURCE));
    }
}
