package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtxen.engine.Simulation;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.TaskResult;
import org.rtxen.sched.Schedulers;

/** Each task draws its execution times from a stream of its own, named by its domain and its name, whatever they hold. */
class TaskStreamsTest {
    /**
     * Domain a/b's task c and domain a's task b/c each run alone on a null pool's pCPU, so each job's response is its
     * execution time, uniform in [1, 5] ms: with one stream between them (their names joined by "/" are one text) the
     * two tasks' 100 responses would be equal one for one, and so would their sums.
     */
    @Test
    @Timeout(30)
    void namesThatJoinToTheSameText_drawDifferentExecutionTimes() {
        SimulationResult r = Simulation.of(ScenarioReader.parse("""
                duration: 1s
                host: {pcpus: 2}
                pools: [{name: Pool-0, scheduler: "null", pcpus: [0, 1]}]
                domains:
                  - name: a/b
                    guest: {tasks: [{name: c, period: 10ms, wcet: 5ms, exec: {model: uniform, bcet: 1ms}}]}
                  - name: a
                    guest: {tasks: [{name: b/c, period: 10ms, wcet: 5ms, exec: {model: uniform, bcet: 1ms}}]}
                """, "slashes.yaml"), Schedulers.factory()).run();
        TaskResult c = r.domains().get(0).tasks().get(0);
        TaskResult bc = r.domains().get(1).tasks().get(0);
        assertEquals(100, c.completed());
        assertEquals(100, bc.completed());
        assertNotEquals(c.response().sumNs(), bc.response().sumNs());
    }
}
