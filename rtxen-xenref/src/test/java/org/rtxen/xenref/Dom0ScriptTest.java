package org.rtxen.xenref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtxen.io.InputException;
import org.rtxen.io.ScenarioReader;

/**
 * The dom0 script for runs on a real Xen host: a real pool created once for alike pools of different scenarios but
 * twice for two in one scenario, on the pCPUs after dom0's with affinities mapped onto them, each scheduler's
 * parameters (none for the null pool, N4.10) and an ARINC653 schedule set after its guests exist, rate-monotonic
 * priorities for tasks that give none, the load's time limit, and refusals of task names the guest cannot carry, a
 * Credit2 runqueue layout other than the boot's and durations that are not whole seconds.
 */
class Dom0ScriptTest {
    private static final String RTDS_1P = """
            duration: 5s
            host: {pcpus: 1}
            pools: [{name: rt, scheduler: rtds, pcpus: [0]}]
            domains:
              - {name: g1, pool: rt, rtds: {period: 10ms, budget: 4ms, extratime: false}, guest: {busy: true}}
            """;
    private static final String CREDIT_2P = """
            duration: 3s
            host: {pcpus: 2}
            pools: [{name: cr, scheduler: credit, pcpus: [0, 1]}]
            domains:
              - {name: a, pool: cr, vcpus: 2, credit: {weight: 512, cap: 50}, affinity: [1], guest: {busy: true}}
            """;
    private static final String TASKS = """
            duration: 2s
            host: {pcpus: 1}
            pools: [{name: rt, scheduler: rtds, pcpus: [0]}]
            domains:
              - name: g
                pool: rt
                rtds: {period: 4ms, budget: 2ms, extratime: true}
                guest:
                  tasks:
                    - {name: slow, period: 20ms, wcet: 3ms}
                    - {name: fast, period: 10ms, wcet: 2ms, offset: 1ms}
            """;

    private static final String ARINC = """
            duration: 1s
            host: {pcpus: 1}
            pools:
              - {name: a, scheduler: arinc653, pcpus: [0], arinc653: {major_frame: 20ms, slots: [{domain: g1, runtime: 6ms}]}}
            domains:
              - {name: g1, pool: a, guest: {busy: true}}
            """;

    private static Dom0Script.Run run(String id, String yaml) {
        return new Dom0Script.Run(id, ScenarioReader.parse(yaml, id + ".yaml"), id + ".yaml");
    }

    @Test
    void of_twoScenariosWithTheSamePool_createThePoolOnceOnPcpu1() {
        Dom0Script s = Dom0Script.of(List.of(run("a", RTDS_1P), run("b", RTDS_1P)));
        // dom0 keeps pCPU 0; the one-pCPU RTDS pool is real pCPU 1 for both scenarios: 2 pCPUs in all.
        assertEquals(2, s.pcpus());
        assertEquals(1, count(s.text(), "xl cpupool-create"));
        assertTrue(s.text().contains("xl cpupool-cpu-remove Pool-0 1\n"));
        assertTrue(s.text().contains("xl cpupool-create 'name=\"rtds-p1\"' 'sched=\"rtds\"' 'cpus=\"1\"'\n"));
        // dom0 stops the load when the trace has ended; its own limit is settle (1 s) + trace (5 s) + the 60 s
        // safeguard = 66 s.
        assertTrue(s.text().contains("guest_create g1 rtds-p1 1 rtxen.duration=66000000000 rtxen.hog=1\n"));
        assertTrue(s.text().contains("xl sched-rtds -d g1 -v 0 -p 10000 -b 4000 -e 0\n"));
        assertTrue(s.text().contains("window a 1 5 g1\n"));
        assertTrue(s.text().contains("window b 1 5 g1\n"));
    }

    @Test
    void of_creditPoolAfterRtdsPool_takesTheNextPcpusAndMapsAffinity() {
        Dom0Script s = Dom0Script.of(List.of(run("a", RTDS_1P), run("c", CREDIT_2P)));
        // RTDS pool on pCPU 1, Credit pool on pCPUs 2 and 3; scenario pCPU 1 of the Credit pool is real pCPU 3.
        assertEquals(4, s.pcpus());
        assertTrue(s.text().contains("'cpus=\"2,3\"'"));
        assertTrue(s.text().contains("xl sched-credit -s -p credit-p2 -t 30 -r 1000\n"));
        assertTrue(s.text().contains("xl sched-credit -d a -w 512 -c 50\n"));
        assertTrue(s.text().contains("xl vcpu-pin a all 3\n"));
    }

    @Test
    void of_tasksWithoutPriorities_getRateMonotonicFifoPriorities() {
        Dom0Script s = Dom0Script.of(List.of(run("t", TASKS)));
        // fast (10 ms) outranks slow (20 ms): 98 and 97; global placement: VCPU -1; deadline = period.
        assertTrue(s.text().contains("rtxen.task=slow:20000000:3000000:20000000:0:97:-1"));
        assertTrue(s.text().contains("rtxen.task=fast:10000000:2000000:10000000:1000000:98:-1"));
        assertTrue(s.text().contains("xl sched-rtds -d g -v 0 -p 4000 -b 2000 -e 1\n"));
    }

    @Test
    void of_taskNameTheGuestCannotCarry_isRefusedNamingTheTask() {
        for (String name : List.of("'a b'", "'a:b'", "'" + "x".repeat(32) + "'")) {
            InputException e = assertThrows(InputException.class,
                    () -> Dom0Script.of(List.of(run("t", TASKS.replace("name: slow", "name: " + name)))), name);
            assertTrue(e.getMessage().contains("guest.tasks[0].name"), e.getMessage());
        }
        assertTrue(Dom0Script.of(List.of(run("t", TASKS.replace("name: slow", "name: s.1_" + "x".repeat(27)))))
                .text().contains("rtxen.task=s.1_" + "x".repeat(27) + ":"));
    }

    @Test
    void of_arinc653Pool_setsTheScheduleAfterCreatingTheGuests() {
        Dom0Script s = Dom0Script.of(List.of(run("a", ARINC)));
        // 20 ms major frame, g1's VCPU 0 for 6 ms, in ns; the line comes after the guest exists, before the window.
        String line = "a653_schedule arinc653-p1 20000000 g1:0:6000000\n";
        assertTrue(s.text().contains(line), s.text());
        assertTrue(s.text().indexOf("guest_create g1") < s.text().indexOf(line));
        assertTrue(s.text().indexOf(line) < s.text().indexOf("window a "));
    }

    @Test
    void of_twoAlikePoolsInOneScenario_getTwoRealPools() {
        String twoPools = """
                duration: 1s
                host: {pcpus: 2}
                pools: [{name: a, scheduler: rtds, pcpus: [0]}, {name: b, scheduler: rtds, pcpus: [1]}]
                domains:
                  - {name: ga, pool: a, guest: {busy: true}}
                  - {name: gb, pool: b, guest: {busy: true}}
                """;
        Dom0Script s = Dom0Script.of(List.of(run("one", RTDS_1P), run("two", twoPools)));
        // "one" creates rtds-p1; "two" reuses it for pool a and needs a second one-pCPU pool, on pCPU 2, for b.
        assertEquals(3, s.pcpus());
        assertTrue(s.text().contains("guest_create ga rtds-p1 "));
        assertTrue(s.text().contains("guest_create gb rtds-p2 "));
    }

    private static final String CREDIT2_NULL = """
            duration: 2s
            host: {pcpus: 3}
            pools:
              - {name: c2, scheduler: credit2, pcpus: [0, 1], credit2: {ratelimit: 500us}}
              - {name: n, scheduler: null, pcpus: [2]}
            domains:
              - {name: a, pool: c2, vcpus: 2, credit2: {weight: 512, cap: 150}, guest: {busy: true}}
              - {name: b, pool: n, guest: {busy: true}}
            """;

    @Test
    void of_credit2AndNullPools_createPoolsAndSetCredit2Parameters() {
        Dom0Script s = Dom0Script.of(List.of(run("x", CREDIT2_NULL)));
        // Credit2 pool on real pCPUs 1-2 with its rate limit (xl sched-credit2 -s, in us) and the domain's weight and
        // cap (xl sched-credit2 -d); the null pool on pCPU 3 takes no xl parameters at all (N4.10).
        assertEquals(4, s.pcpus());
        assertTrue(s.text().contains("xl cpupool-create 'name=\"credit2-p1\"' 'sched=\"credit2\"' 'cpus=\"1,2\"'\n"));
        assertTrue(s.text().contains("xl sched-credit2 -s -p credit2-p1 -r 500\n"));
        assertTrue(s.text().contains("xl sched-credit2 -d a -w 512 -c 150\n"));
        assertTrue(s.text().contains("xl cpupool-create 'name=\"null-p3\"' 'sched=\"null\"' 'cpus=\"3\"'\n"));
        assertTrue(s.text().contains("guest_create b null-p3 1 "));
    }

    @Test
    void of_credit2PoolWithAnotherRunqueueLayout_isRejected() {
        // credit2_runqueue is a Xen boot option shared by all Credit2 pools; the reference boot keeps the default.
        String perCore = CREDIT2_NULL.replace("credit2: {ratelimit: 500us}", "credit2: {runqueue: core}");
        InputException e = assertThrows(InputException.class, () -> Dom0Script.of(List.of(run("x", perCore))));
        assertTrue(e.getMessage().contains("credit2_runqueue"), e.getMessage());
    }

    @Test
    void of_durationNotWholeSeconds_isRejectedNamingTheField() {
        InputException e = assertThrows(InputException.class,
                () -> Dom0Script.of(List.of(run("x", RTDS_1P.replace("duration: 5s", "duration: 1500ms")))));
        assertTrue(e.getMessage().contains("duration"), e.getMessage());
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
