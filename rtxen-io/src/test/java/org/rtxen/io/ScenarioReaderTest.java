package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.sched.arinc653.Arinc653Params;
import org.rtxen.sched.arinc653.Arinc653Schedule;
import org.rtxen.sched.arinc653.Arinc653Slot;
import org.rtxen.sched.credit.CreditParams;
import org.rtxen.sched.credit.CreditPoolParams;
import org.rtxen.model.params.PoolParams;
import org.rtxen.sched.credit2.Credit2Params;
import org.rtxen.sched.credit2.Credit2PoolParams;
import org.rtxen.sched.credit2.RunqueueLayout;
import org.rtxen.sched.nul.NullParams;
import org.rtxen.sched.rtds.RtdsParams;
import org.rtxen.sched.rtds.RtdsPoolParams;
import org.rtxen.sched.rtds.RtdsVcpuParams;

/**
 * Reading a scenario: every field of the issue's contract, the defaults, overheads, overrides and task options, each
 * scheduler's pool and domain parameters with Xen's defaults where none are given (an ARINC653 frame as the sum of its
 * runtimes, A3.8, and the boot table without one, A3.3), a Jackson tree read as its YAML text, and one exact message
 * naming the file, line and field for each bad, structurally wrong, syntactically wrong or inconsistent input, a
 * missing file, and more guests than Xen's domain ids hold.
 */
class ScenarioReaderTest {
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;

    private static Scenario parse(String yaml) {
        return ScenarioReader.parse(yaml, "s.yaml");
    }

    private static String error(String yaml) {
        return assertThrows(InputException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void parse_issueContract_readsEveryField() {
        // The YAML of the issue's contract, verbatim apart from the comments.
        Scenario s = parse("""
                duration: 2s
                seed: 1
                host: {pcpus: 2}
                pools:
                  - name: Pool-0
                    scheduler: rtds
                    pcpus: [0, 1]
                domains:
                  - name: vm1
                    pool: Pool-0
                    vcpus: 1
                    rtds: {period: 10ms, budget: 4ms, extratime: false}
                    affinity: [0]
                    guest:
                      scheduler: fp
                      placement: global
                      busy: false
                      tasks:
                        - {name: t1, period: 10ms, wcet: 3ms}
                """);
        TaskSpec t1 = new TaskSpec("t1", 10 * MS, 3 * MS, 10 * MS, 0, TaskSpec.NO_PRIORITY, TaskSpec.ANY_VCPU,
                new ExecTimeModel.Wcet());
        Scenario expected = new Scenario(2_000 * MS, 1, HostSpec.flat(2),
                List.of(new PoolSpec("Pool-0", "rtds", List.of(0, 1), RtdsPoolParams.DEFAULTS)),
                List.of(new DomainSpec("vm1", false, "Pool-0", 1, new RtdsParams(10 * MS, 4 * MS, false, List.of()),
                        List.of(0), new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, false, List.of(t1)))),
                Overheads.NONE);
        assertEquals(expected, s);
    }

    @Test
    void parse_minimal_appliesDefaults() {
        Scenario s = parse("""
                duration: 100
                host: {sockets: 2, cores: 2}
                domains:
                  - name: Domain-0
                  - name: vm
                    rtds: {period: 20ms}
                    guest: {scheduler: edf, tasks: [{name: t, period: 5ms, wcet: 1ms}]}
                """);
        assertEquals(100 * US, s.durationNs(), "a bare number is microseconds");
        assertEquals(0, s.seed());
        assertEquals(new HostSpec(2, 2, 1), s.host());
        assertEquals(List.of(new PoolSpec("Pool-0", "rtds", List.of(0, 1, 2, 3), RtdsPoolParams.DEFAULTS)),
                s.pools());
        DomainSpec dom0 = s.domains().get(0);
        assertTrue(dom0.control(), "the name Domain-0 makes the control domain");
        assertEquals(RtdsParams.DEFAULTS, dom0.params());
        assertEquals(1, dom0.vcpus());
        assertEquals(List.of(), dom0.affinity());
        assertEquals(GuestSpec.IDLE, dom0.guest());
        DomainSpec vm = s.domains().get(1);
        assertEquals(new RtdsParams(20 * MS, 4 * MS, true, List.of()), vm.params(), "budget and extratime default");
        assertEquals(new TaskSpec("t", 5 * MS, MS, 5 * MS, 0, 0, -1, new ExecTimeModel.Wcet()),
                vm.guest().tasks().get(0), "deadline defaults to the period");
        assertEquals(GuestScheduler.EDF, vm.guest().scheduler());
    }

    @Test
    void parse_overheadsOverridesAndTaskOptions_read() {
        Scenario s = parse("""
                duration: 1s
                seed: -3
                host: {pcpus: 2}
                overheads: {schedule: 1us, context_switch: 2us, migration: 5us}
                domains:
                  - name: vm
                    dom0: true
                    vcpus: 3
                    rtds:
                      period: 10ms
                      budget: 3ms
                      extratime: false
                      vcpus:
                        - {id: 2, budget: 1ms, extratime: true}
                        - {id: 0, period: 5ms, budget: 5ms}
                    guest:
                      placement: partitioned
                      busy: true
                      tasks:
                        - {name: a, period: 10ms, wcet: 2ms, deadline: 8ms, offset: 1ms, priority: 10, vcpu: 2,
                           exec: {model: uniform, bcet: 500us}}
                        - {name: b, period: 20ms, wcet: 2ms, priority: 99, vcpu: 0, exec: {model: wcet}}
                """);
        assertEquals(-3, s.seed());
        assertEquals(new Overheads(US, 2 * US, 5 * US), s.overheads());
        DomainSpec vm = s.domains().get(0);
        assertTrue(vm.control());
        // Overrides inherit the domain-wide values they do not give.
        assertEquals(new RtdsParams(10 * MS, 3 * MS, false, List.of(
                new RtdsVcpuParams(2, 10 * MS, MS, true), new RtdsVcpuParams(0, 5 * MS, 5 * MS, false))), vm.params());
        assertEquals(List.of(
                new TaskSpec("a", 10 * MS, 2 * MS, 8 * MS, MS, 10, 2, new ExecTimeModel.Uniform(500 * US)),
                new TaskSpec("b", 20 * MS, 2 * MS, 20 * MS, 0, 99, 0, new ExecTimeModel.Wcet())),
                vm.guest().tasks());
        assertEquals(new GuestSpec(GuestScheduler.FP, Placement.PARTITIONED, true, vm.guest().tasks()), vm.guest());
    }

    @Test
    void parse_creditAndArinc653Pools_readPoolParams() {
        Scenario s = parse("""
                duration: 1s
                host: {pcpus: 4}
                pools:
                  - {name: c, scheduler: credit, pcpus: [0, 1], credit: {tslice: 10ms, ratelimit: 500us}}
                  - {name: a, scheduler: arinc653, pcpus: [3],
                     arinc653: {major_frame: 40ms, slots: [{domain: p, runtime: 10ms}, {domain: q, vcpu: 1, runtime: 20ms}]}}
                  - {name: a2, scheduler: arinc653, pcpus: [2], arinc653: {slots: [{domain: p2, runtime: 7ms}]}}
                domains:
                  - {name: w, pool: c, vcpus: 2, credit: {weight: 65535, cap: 200}}
                  - {name: x, pool: c}
                  - {name: p, pool: a}
                  - {name: q, pool: a, vcpus: 2}
                  - {name: p2, pool: a2}
                """);
        assertEquals(new PoolSpec("c", "credit", List.of(0, 1), new CreditPoolParams(10 * MS, 500 * US)),
                s.pools().get(0));
        assertEquals(new Arinc653Schedule(40 * MS, List.of(new Arinc653Slot("p", 0, 10 * MS),
                new Arinc653Slot("q", 1, 20 * MS))), s.pools().get(1).params());
        // Without major_frame the frame is the sum of the runtimes, as a653_sched makes it (A3.8).
        assertEquals(new Arinc653Schedule(7 * MS, List.of(new Arinc653Slot("p2", 0, 7 * MS))), s.pools().get(2).params());
        assertEquals(new CreditParams(65535, 200), s.domains().get(0).params());
        assertEquals(CreditParams.DEFAULTS, s.domains().get(1).params());
        assertEquals(new Arinc653Params(), s.domains().get(2).params());
    }

    @Test
    void parse_credit2AndNullPools_readPoolAndDomainParams() {
        // `scheduler: null` written bare is YAML's null, yet it names the null scheduler, as does the quoted word.
        Scenario s = parse("""
                duration: 1s
                host: {pcpus: 4}
                pools:
                  - {name: c2, scheduler: credit2, pcpus: [0, 1], credit2: {ratelimit: 500us, runqueue: core}}
                  - name: n
                    scheduler: null
                    pcpus: [2]
                  - {name: q, scheduler: "null", pcpus: [3]}
                domains:
                  - {name: w, pool: c2, vcpus: 2, credit2: {weight: 512, cap: 150}}
                  - {name: x, pool: c2}
                  - {name: y, pool: n}
                  - {name: z, pool: q}
                """);
        assertEquals(new PoolSpec("c2", "credit2", List.of(0, 1), new Credit2PoolParams(500 * US, RunqueueLayout.CORE)),
                s.pools().get(0));
        assertEquals(new PoolSpec("n", "null", List.of(2), new PoolParams.None()), s.pools().get(1));
        assertEquals("null", s.pools().get(2).scheduler());
        assertEquals(new Credit2Params(512, 150), s.domains().get(0).params());
        assertEquals(Credit2Params.DEFAULTS, s.domains().get(1).params());
        assertEquals(new NullParams(), s.domains().get(2).params());
    }

    @Test
    void parse_badCredit2AndNullInput_namesFileLineAndField() {
        assertEquals("s.yaml:3: pools[0].credit2.runqueue: 'die' is not one of: cpu, core, socket, node, all",
                error(HEAD + "pools: [{name: P, scheduler: credit2, credit2: {runqueue: die}}]\ndomains: [{name: vm}]\n"));
        assertTrue(error(HEAD + "pools: [{name: P, scheduler: credit2, credit2: {ratelimit: 50us}}]\ndomains: [{name: vm}]\n")
                .startsWith("s.yaml:3: pools[0].credit2.ratelimit: must be 0 or a whole number of microseconds"));
        assertTrue(error(HEAD + "pools: [{name: P, scheduler: credit2}]\ndomains: [{name: vm, credit2: {cap: 101}}]\n")
                .startsWith("s.yaml:4: domains[0].credit2.cap:"));
        assertTrue(error(HEAD + "pools: [{name: P, scheduler: null}]\ndomains: [{name: vm, null: {weight: 1}}]\n")
                .contains("domains[0].null"));
        assertTrue(error(HEAD + "pools: [{name: P}]\ndomains: [{name: vm}]\n").contains("pools[0].scheduler"));
    }

    @Test
    void parse_arinc653WithoutTable_noPoolParams() {
        // No table installed: the scheduler keeps Xen's boot table of control-domain slots (A3.3).
        Scenario s = parse("""
                duration: 1s
                host: {pcpus: 1}
                pools: [{name: Pool-0, scheduler: arinc653}]
                domains: [{name: Domain-0, vcpus: 2}, {name: vm}]
                """);
        assertEquals(new PoolParams.None(), s.pools().get(0).params());
    }

    @Test
    void parse_creditPoolWithoutParams_xenDefaults() {
        Scenario s = parse("""
                duration: 1s
                host: {pcpus: 1}
                pools: [{name: P, scheduler: credit}]
                domains: [{name: vm}]
                """);
        assertEquals(CreditPoolParams.DEFAULTS, s.pools().get(0).params());
        assertEquals(List.of(0), s.pools().get(0).pcpus(), "a single pool takes every pCPU by default");
    }

    private static final String HEAD = "duration: 1s\nhost: {pcpus: 2}\n";

    @Test
    void parseTree_readsAsItsYamlText_refusesWithTheSameMessagesLessTheLine() throws Exception {
        // A sweep's run hands the reader its Jackson tree: text nodes are strings (the YAML writer quotes them), numbers
        // and booleans stay what they are. The tree must give the scenario its YAML text gives, and each refusal the
        // text's message without the line, which a tree does not have.
        YAMLMapper yaml = new YAMLMapper();
        String good = HEAD + "domains: [{name: a, vcpus: 2, rtds: {period: 10ms, budget: 4ms, extratime: false},"
                + " affinity: [0, 1], guest: {tasks: [{name: t1, period: 10ms, wcet: 3ms}]}}]\n";
        assertEquals(parse(good), ScenarioReader.parse(yaml.readTree(good), "s.yaml"));
        String overBudget = HEAD + "domains: [{name: a, rtds: {period: 10ms, budget: 12ms}}]\n";
        assertEquals("s.yaml: domains[0].rtds.budget: budget 12ms exceeds period 10ms (R36)", assertThrows(
                InputException.class, () -> ScenarioReader.parse(yaml.readTree(overBudget), "s.yaml")).getMessage());
        String quotedCount = HEAD + "domains: [{name: a, vcpus: \"2\"}]\n";
        assertEquals("s.yaml:3: domains[0].vcpus: '2' is not a whole number", error(quotedCount));
        assertEquals("s.yaml: domains[0].vcpus: '2' is not a whole number", assertThrows(
                InputException.class, () -> ScenarioReader.parse(yaml.readTree(quotedCount), "s.yaml")).getMessage());
        String nullItem = HEAD + "domains: [{name: a, affinity: [0, null]}]\n";
        assertEquals("s.yaml:3: domains[0].affinity[1]: empty list item", error(nullItem));
        assertEquals("s.yaml: domains[0].affinity[1]: empty list item", assertThrows(
                InputException.class, () -> ScenarioReader.parse(yaml.readTree(nullItem), "s.yaml")).getMessage());
    }

    @Test
    void parse_badInput_namesFileLineAndField() {
        // Line numbers are counted by hand in each document; HEAD is lines 1-2.
        assertEquals("s.yaml:3: domains[0].rtds.budget: budget 12ms exceeds period 10ms (R36)",
                error(HEAD + "domains: [{name: a, rtds: {period: 10ms, budget: 12ms}}]\n"));
        // Line 3 "domains:", 4 "- name: a", 5 "rtds: {period: 10ms,", 6 "budget: 12ms}".
        assertEquals("s.yaml:6: domains[0].rtds.budget: budget 12ms exceeds period 10ms (R36)", error(HEAD + """
                domains:
                  - name: a
                    rtds: {period: 10ms,
                           budget: 12ms}
                """));
        assertEquals("s.yaml:4: domains[0].rtds: Xen's default budget 4ms exceeds period 2ms (R36)", error(HEAD + """
                domains:
                  - {name: a, rtds: {period: 2ms}}
                """));
        assertEquals("s.yaml:6: domains[0].rtds.budget: 9us is below Xen's minimum of 10us (R36)", error(HEAD + """
                domains:
                  - name: a
                    rtds:
                      budget: 9us
                """));
        assertEquals("s.yaml:4: domains[0].rtds.period: must be positive, not 0", error(HEAD + """
                domains:
                  - {name: a, rtds: {period: 0}}
                """));
        assertEquals("s.yaml:4: domains[0].rtds.period: must be positive, not -10ms", error(HEAD + """
                domains:
                  - {name: a, rtds: {period: -10ms}}
                """));
    }

    @Test
    void parse_structuralErrors_oneClearMessage() {
        assertEquals("s.yaml:3: domains[0].guest.tasks[0].wcet: must be positive, not 0ms",
                error(HEAD + "domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 0ms}]}}]\n"));
        assertEquals("s.yaml:3: domains[0].colour: unknown key (expected one of: affinity, credit, credit2, dom0, guest, "
                + "name, pool, rtds, rtglobal, rtpartition, rtxen1, sedf, start, vcpus)", error(HEAD + "domains: [{name: a, colour: red}]\n"));
        assertEquals("s.yaml:1: durration: unknown key (expected one of: commands, domains, duration, host, overheads, pools, seed)",
                error("durration: 1s\n"));
        assertEquals("s.yaml:1: duration: required field is missing", error("host: {pcpus: 1}\ndomains: [{name: a}]\n"));
        assertEquals("s.yaml:3: domains[0].name: required field is missing", error(HEAD + "domains: [{vcpus: 1}]\n"));
        assertEquals("s.yaml:3: pools[0].scheduler: unknown scheduler 'bvt' (known: rtds, credit, arinc653, credit2, null, "
                + "rtxen1, rtglobal, rtpartition, sedf)",
                error(HEAD + "pools: [{name: P, scheduler: bvt}]\ndomains: [{name: a}]\n"));
        assertEquals("s.yaml:3: domains[1].name: domain name 'a' is used twice",
                error(HEAD + "domains: [{name: a}, {name: a}]\n"));
        assertEquals("s.yaml:4: domains: duplicate key (first given on line 3)",
                error(HEAD + "domains: 1\ndomains: 2\n"));
    }

    @Test
    void parse_syntaxError_reportsProblemLineAndConstruct() {
        // The unclosed flow mapping on line 2 is noticed at the ':' on line 3.
        assertEquals("s.yaml:3: YAML syntax error: expected ',' or '}', but got : (while parsing a flow mapping that "
                + "starts on line 2)", error("duration: 1s\nhost: {pcpus: 1\ndomains: []\n"));
        assertEquals("s.yaml:4: YAML syntax error: found character '\\t(TAB)' that cannot start any token. "
                + "(Do not use \\t(TAB) for indentation)", error("duration: 1s\nhost: {pcpus: 1}\ndomains:\n\t- name: a\n"));
        assertEquals("s.yaml:1: YAML syntax error: mapping values are not allowed here", error("a: b: c\n"));
        // Line 3 "domains:", 4 "- {name: a, ...}", 5 "- {name: b, rtds: *r}".
        assertEquals("s.yaml:5: domains[1].rtds: YAML aliases (*r) are not supported: write the value out",
                error(HEAD + "domains:\n  - {name: a, rtds: &r {period: 10ms}}\n  - {name: b, rtds: *r}\n"));
        // A tag would change what a value is (a string, a float, a type to construct); rtxen reads plain values only.
        assertEquals("s.yaml:4: domains[0]: YAML tags (!!java.lang.Runtime) are not supported: write the value without one",
                error(HEAD + "domains:\n  - !!java.lang.Runtime {name: a}\n"));
        assertEquals("s.yaml:1: duration: YAML tags (!!float) are not supported: write the value without one",
                error("duration: !!float 1s\nhost: {pcpus: 1}\ndomains: [{name: a}]\n"));
        assertEquals("s.yaml:2: host: YAML tags (!mine) are not supported: write the value without one",
                error("duration: 1s\nhost: !mine {pcpus: 1}\ndomains: [{name: a}]\n"));
        assertEquals("s.yaml:1: seed: YAML tags (!<tag:example.org:n>) are not supported: write the value without one",
                error("seed: !<tag:example.org:n> 1\nduration: 1s\nhost: {pcpus: 1}\ndomains: [{name: a}]\n"));
        // The second document starts with "seed" on line 5, after the "---" on line 4.
        assertEquals("s.yaml:5: only one YAML document is allowed", error(HEAD + "domains: [{name: a}]\n---\nseed: 2\n"));
    }

    /** (scenario after HEAD, the exact message): each line number counted by hand, HEAD being lines 1-2. */
    static Stream<Arguments> inconsistentScenarios() {
        String twoPools = "pools: [{name: P, scheduler: rtds, pcpus: [0]}, {name: Q, scheduler: credit, pcpus: [1]}]\n";
        String creditPool = "pools: [{name: P, scheduler: credit}]\n";
        String a653 = "pools: [{name: A, scheduler: arinc653, arinc653: {%s}}]\ndomains: [{name: a}]\n";
        return Stream.of(
                // A deadline near Long.MAX_VALUE once overflowed release + deadline into false misses.
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 1ms,"
                                + " deadline: 9223372036854775000ns}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].deadline: '9223372036854775000ns' is too large (at most 2^60"
                                + " ns, about 36 years)"),
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 1ms, prio: 3}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].prio: unknown key (expected one of: deadline, exec, name, "
                                + "offset, period, priority, vcpu, wcet)"),
                Arguments.of("pools: [{name: P, scheduler: rtds, pcpus: [0, 2]}]\ndomains: [{name: a}]\n",
                        "s.yaml:3: pools[0].pcpus[1]: pCPU 2 does not exist (the host has pCPUs 0..1)"),
                Arguments.of("pools: [{name: P, scheduler: rtds, pcpus: [0, 1]}, {name: Q, scheduler: credit, pcpus: [1]}]"
                                + "\ndomains: [{name: a, pool: P}]\n",
                        "s.yaml:3: pools[1].pcpus[0]: pCPU 1 is already in pool P"),
                Arguments.of(twoPools + "domains: [{name: a, pool: P, affinity: [1]}]\n",
                        "s.yaml:4: domains[0].affinity[0]: pCPU 1 is not in the domain's pool P (its pCPUs: [0])"),
                Arguments.of(twoPools + "domains: [{name: a}]\n",
                        "s.yaml:4: domains[0].pool: required when there is more than one pool"),
                Arguments.of("domains: [{name: a, pool: X}]\n",
                        "s.yaml:3: domains[0].pool: no pool is named 'X' (pools: Pool-0)"),
                Arguments.of(String.format(a653, "slots: [{domain: ghost, runtime: 5ms}]"),
                        "s.yaml:3: pools[0].arinc653.slots[0].domain: no domain is named 'ghost'"),
                Arguments.of(String.format(a653, "slots: [{domain: a, vcpu: 1, runtime: 5ms}]"),
                        "s.yaml:3: pools[0].arinc653.slots[0].vcpu: domain a has no VCPU 1 (it has 1)"),
                Arguments.of(String.format(a653, "major_frame: 10ms, slots: [{domain: a, runtime: 6ms}, {domain: a, runtime: 5ms}]"),
                        "s.yaml:3: pools[0].arinc653.slots: runtimes add up to 11ms, more than the major frame 10ms (A3.2)"),
                Arguments.of(String.format(a653, "slots: []"),
                        "s.yaml:3: pools[0].arinc653.slots: needs 1..64 slots, not 0 (A3.2)"),
                Arguments.of(String.format(a653, "slots: [{domain: a, runtime: 0}]"),
                        "s.yaml:3: pools[0].arinc653.slots[0].runtime: must be positive, not 0"),
                Arguments.of("domains: [{name: a, vcpus: 2, rtds: {vcpus: [{id: 2, budget: 1ms}]}}]\n",
                        "s.yaml:3: domains[0].rtds.vcpus[0].id: the domain has no VCPU 2 (it has 2)"),
                Arguments.of("domains: [{name: a, credit: {weight: 5}}]\n",
                        "s.yaml:3: domains[0].credit: domain is in pool Pool-0, which runs rtds; give rtds: parameters instead"),
                Arguments.of("pools: [{name: A, scheduler: arinc653}]\ndomains: [{name: a, rtds: {period: 1ms}}]\n",
                        "s.yaml:4: domains[0].rtds: domain is in pool A, which runs arinc653 (no per-domain parameters: "
                                + "time comes from the pool's slots, A3.5)"),
                Arguments.of("pools: [{name: P, scheduler: rtds, credit: {tslice: 5ms}}]\ndomains: [{name: a}]\n",
                        "s.yaml:3: pools[0].credit: pool P runs rtds, so credit parameters do not apply"),
                Arguments.of(creditPool + "domains: [{name: a, credit: {weight: 0}}]\n",
                        "s.yaml:4: domains[0].credit.weight: 0 is out of range 1..65535"),
                Arguments.of(creditPool + "domains: [{name: a, credit: {weight: 65536}}]\n",
                        "s.yaml:4: domains[0].credit.weight: 65536 is out of range 1..65535"),
                Arguments.of(creditPool + "domains: [{name: a, vcpus: 2, credit: {cap: 201}}]\n",
                        "s.yaml:4: domains[0].credit.cap: 201 is out of range 0..200"),
                Arguments.of("pools: [{name: P, scheduler: credit, credit: {tslice: 1500us}}]\ndomains: [{name: a}]\n",
                        "s.yaml:3: pools[0].credit.tslice: must be a whole number of milliseconds in 1ms..1000ms "
                                + "(Xen's tslice_ms, C1.34)"),
                Arguments.of("pools: [{name: P, scheduler: credit, credit: {tslice: 2ms, ratelimit: 3ms}}]\ndomains: [{name: a}]\n",
                        "s.yaml:3: pools[0].credit.ratelimit: ratelimit 3ms exceeds tslice 2ms (C1.34)"),
                Arguments.of("domains: [{name: a, guest: {placement: partitioned, tasks: [{name: t, period: 1ms, wcet: 1ms}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].vcpu: required under placement: partitioned"),
                Arguments.of("domains: [{name: a, guest: {placement: partitioned, tasks: [{name: t, period: 1ms, wcet: 1ms, vcpu: 1}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].vcpu: the domain has no VCPU 1 (it has 1)"),
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 1ms, vcpu: 0}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].vcpu: a task is pinned to a VCPU only under placement: partitioned"),
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 1ms}, {name: t, period: 2ms, wcet: 1ms}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[1].name: task name 't' is used twice in this domain"),
                Arguments.of("domains: [{name: a, guest: {scheduler: edf, tasks: [{name: t, period: 1ms, wcet: 1ms, priority: 5}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].priority: priorities apply only to guest scheduler fp, not edf"),
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 1ms, priority: 5}, {name: u, period: 2ms, wcet: 1ms}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks: give a priority to every task or to none (then rate-monotonic order)"),
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 1ms, priority: 100}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].priority: 100 is out of range 1..99"),
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: 1ms, wcet: 1ms, exec: {model: uniform, bcet: 2ms}}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].exec.bcet: bcet 2ms exceeds the task's wcet"),
                Arguments.of("domains: [{name: a, guest: {tasks: [{name: t, period: ten, wcet: 1ms}]}}]\n",
                        "s.yaml:3: domains[0].guest.tasks[0].period: 'ten' is not a time (use e.g. 10ms, 500us, 2s, 250ns)"),
                Arguments.of("domains: [{name: a, guest: {scheduler: rr}}]\n",
                        "s.yaml:3: domains[0].guest.scheduler: 'rr' is not one of: fp, edf"),
                Arguments.of("domains: [{name: Domain-0}, {name: b, dom0: true}]\n",
                        "s.yaml:3: domains[1]: only one control domain is allowed, and Domain-0 already is one"),
                Arguments.of("domains: [{name: a, vcpus: 0}]\n", "s.yaml:3: domains[0].vcpus: 0 is out of range 1..128"),
                Arguments.of("domains: [{name: a, rtds: {extratime: 1}}]\n",
                        "s.yaml:3: domains[0].rtds.extratime: '1' is not true or false"),
                Arguments.of("domains: {name: a}\n", "s.yaml:3: domains: expected a list"),
                Arguments.of("domains: []\n", "s.yaml:3: domains: list at least one domain"),
                Arguments.of("overheads: {schedule: -1us}\ndomains: [{name: a}]\n",
                        "s.yaml:3: overheads.schedule: must not be negative"));
    }

    @ParameterizedTest
    @MethodSource("inconsistentScenarios")
    void parse_inconsistentScenario_exactMessage(String body, String message) {
        assertEquals(message, error(HEAD + body));
    }

    @Test
    void parse_badHostOrDuration_namesField() {
        assertEquals("s.yaml:2: host.pcpus: 0 is out of range 1..4096",
                error("duration: 1s\nhost: {pcpus: 0}\ndomains: [{name: a}]\n"));
        assertEquals("s.yaml:2: host.cores: give either pcpus or sockets/cores/threads, not both",
                error("duration: 1s\nhost: {pcpus: 2, cores: 2}\ndomains: [{name: a}]\n"));
        assertEquals("s.yaml:1: duration: must be positive, not 0",
                error("duration: 0\nhost: {pcpus: 1}\ndomains: [{name: a}]\n"));
        assertEquals("s.yaml: the file is empty", error("# nothing\n"));
    }

    @Test
    void read_missingFile_namesFile() {
        InputException e = assertThrows(InputException.class, () -> ScenarioReader.read(Path.of("no/such.yaml")));
        assertEquals("no/such.yaml: no such file", e.getMessage());
    }

    /**
     * Xen gives guests domain ids 1..0x7FEF; from 0x7FF0 the ids are reserved (DOMID_SELF ... DOMID_IDLE = 32767, the
     * idle domain). A scenario of 32,800 guests got ids up to 32800: its --xentrace file wrote domain 32767's records
     * as the idle domain's and a reader dropped that domain without a word (spec xentrace.md, pitfall 14). At most
     * 32,751 guests are read, besides the control domain; the next one is refused on its line.
     */
    @Test
    void domains_moreGuestsThanXensDomainIds_areRefused() {
        StringBuilder yaml = new StringBuilder("duration: 1ms\nhost: {pcpus: 1}\ndomains:\n  - {name: Domain-0}\n");
        for (int i = 1; i <= 32_751; i++) yaml.append("  - {name: d").append(i).append("}\n");
        Scenario most = parse(yaml.toString());
        assertEquals(32_752, most.domains().size());
        yaml.append("  - {name: d32752}\n");
        assertEquals("s.yaml:32756: domains[32752]: 32752 guest domains are more than Xen's domain ids hold (at most"
                + " 32751: ids 1..32751, below the reserved ids from 0x7FF0)", error(yaml.toString()));
    }
}
