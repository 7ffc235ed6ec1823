package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.sched.Schedulers;
import org.rtxen.sched.credit.CreditParams;
import org.rtxen.sched.rtds.RtdsParams;
import org.rtxen.sched.rtds.RtdsPoolParams;
import org.rtxen.sched.rtds.RtdsVariant;
import org.rtxen.sched.sedf.SedfParams;

/** The scenario's run-time {@code commands}, per-VCPU affinity, start times, SEDF and RTDS variant keys: reading and every refusal. */
class CommandsAndPlacementReaderTest {
    private static final long MS = 1_000_000L;
    /** Lines 1-4: a 4-pCPU host, an rtds pool on 0-1, a credit pool on 2, pCPU 3 free. */
    private static final String HEAD = """
            duration: 1s
            host: {pcpus: 4}
            pools: [{name: P, scheduler: rtds, pcpus: [0, 1]}, {name: Q, scheduler: credit, pcpus: [2]}]
            domains: [{name: vm1, pool: P, vcpus: 2}, {name: vm2, pool: Q}, {name: late, pool: P, start: 100ms}]
            """;

    private static Scenario parse(String yaml) {
        return ScenarioReader.parse(yaml, "s.yaml");
    }

    private static String error(String yaml) {
        return assertThrows(InputException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void parse_commands_resolvedInTimeOrderAgainstTheStateBefore() {
        Scenario s = parse(HEAD + """
                commands:
                  - {at: 2ms, xl: "sched-credit -d vm2 -w 512"}
                  - {at: 1ms, xl: "xl sched-rtds -d vm1 -v all -p 10000 -b 6000 -e 0"}
                  - {at: 3ms, xl: "vcpu-pin vm1 1 0-1,^0"}
                  - {at: 4ms, xl: "cpupool-migrate vm1 Q"}
                  - {at: 5ms, xl: "sched-credit -d vm1 -c 50"}
                  - {at: 6ms, xl: "cpupool-cpu-add Q 3"}
                  - {at: 7ms, xl: "cpupool-cpu-remove P 1"}
                  - {at: 8ms, xl: "pause vm2"}
                  - {at: 9ms, xl: "unpause vm2"}
                  - {at: 200ms, xl: "destroy late"}
                """);
        assertEquals(List.of(
                new Command.AdjustDomain(MS, "sched-rtds -d vm1 -v all -p 10000 -b 6000 -e 0", "vm1",
                        new RtdsParams(10 * MS, 6 * MS, false, List.of())),
                new Command.AdjustDomain(2 * MS, "sched-credit -d vm2 -w 512", "vm2", new CreditParams(512, 0)),
                new Command.PinVcpu(3 * MS, "vcpu-pin vm1 1 '0-1,^0'", "vm1", 1, List.of(1)), // quoted as plan quotes
                new Command.MigrateDomain(4 * MS, "cpupool-migrate vm1 Q", "vm1", "Q"),
                // In Q the domain has credit's defaults (sched_move_domain), so only the cap changes.
                new Command.AdjustDomain(5 * MS, "sched-credit -d vm1 -c 50", "vm1", new CreditParams(256, 50)),
                new Command.AddCpu(6 * MS, "cpupool-cpu-add Q 3", "Q", 3),
                new Command.RemoveCpu(7 * MS, "cpupool-cpu-remove P 1", "P", 1),
                new Command.Pause(8 * MS, "pause vm2", "vm2"),
                new Command.Unpause(9 * MS, "unpause vm2", "vm2"),
                new Command.Destroy(200 * MS, "destroy late", "late")), s.commands());
        assertEquals(s, parse(ScenarioWriter.yaml(s)));
    }

    /**
     * A name that needs shell quoting is written as plan writes it (XlWords), or in double quotes or with backslashes,
     * and reads back as the name; the source re-quotes it, so the scenario written back reads back equal.
     */
    @Test
    void parse_quotedNames_readAsPosixShellWords() {
        Scenario s = parse("""
                duration: 1s
                host: {pcpus: 2}
                pools: [{name: P, scheduler: rtds, pcpus: [0]}, {name: "it's", scheduler: rtds, pcpus: [1]}]
                domains: [{name: "my vm", pool: P}]
                commands:
                  - {at: 1ms, xl: "xl pause 'my vm'"}
                  - {at: 2ms, xl: "unpause \\"my vm\\""}
                  - {at: 3ms, xl: "cpupool-migrate my\\\\ vm 'it'\\\\''s'"}
                  - {at: 4ms, xl: "sched-rtds -d 'my vm' -v all -p 10000 -b 2000 -e 0"}
                """);
        assertEquals(List.of(
                new Command.Pause(MS, "pause 'my vm'", "my vm"),
                new Command.Unpause(2 * MS, "unpause 'my vm'", "my vm"),
                new Command.MigrateDomain(3 * MS, "cpupool-migrate 'my vm' 'it'\\''s'", "my vm", "it's"),
                new Command.AdjustDomain(4 * MS, "sched-rtds -d 'my vm' -v all -p 10000 -b 2000 -e 0", "my vm",
                        new RtdsParams(10 * MS, 2 * MS, false, List.of()))), s.commands());
        assertEquals(s, parse(ScenarioWriter.yaml(s)));
    }

    @Test
    void parse_perVcpuAffinityStartSedfAndVariant_read() {
        Scenario s = parse("""
                duration: 1s
                host: {pcpus: 2}
                pools: [{name: P, scheduler: rtds, pcpus: [0, 1], rtds: {variant: 4.10}}]
                domains:
                  - {name: g, pool: P, vcpus: 2, affinity: [[0], [1]], start: 3ms}
                """);
        assertEquals(List.of(List.of(0), List.of(1)), s.domains().get(0).vcpuAffinity());
        assertEquals(3 * MS, s.domains().get(0).startNs());
        assertEquals(new RtdsPoolParams(RtdsVariant.V4_10), s.pools().get(0).params()); // written bare, 4.10 stays 4.10
        assertEquals(new RtdsPoolParams(RtdsVariant.V4_5), parse("duration: 1s\nhost: {pcpus: 1}\npools: [{name: P, "
                + "scheduler: rtds, rtds: {variant: \"4.5\"}}]\ndomains: [{name: a}]\n").pools().get(0).params());
        Scenario sedf = parse("""
                duration: 1s
                host: {pcpus: 1}
                pools: [{name: S, scheduler: sedf}]
                domains:
                  - {name: a, sedf: {period: 20ms, slice: 5ms, extratime: false}}
                  - {name: b, sedf: {weight: 3}}
                  - {name: c}
                commands:
                  - {at: 1ms, xl: "sched-sedf -d c -p 10 -s 2"}
                """);
        assertEquals(new SedfParams(20 * MS, 5 * MS, 0, false, 0), sedf.domains().get(0).params());
        assertEquals(new SedfParams(0, 0, 0, true, 3), sedf.domains().get(1).params());
        assertEquals(SedfParams.DEFAULTS, sedf.domains().get(2).params());
        assertEquals(new SedfParams(10 * MS, 2 * MS, 0, true, 0),
                ((Command.AdjustDomain) sedf.commands().get(0)).params());
        assertEquals(s, parse(ScenarioWriter.yaml(s)));
        assertEquals(sedf, parse(ScenarioWriter.yaml(sedf)));
    }

    /** (YAML after HEAD, the exact message): HEAD is lines 1-4, so "commands:" is line 5 and the first item line 6. */
    static Stream<Arguments> refusedCommands() {
        return Stream.of(
                Arguments.of("{at: -1ms, xl: pause vm1}", "s.yaml:6: commands[0].at: must not be negative"),
                Arguments.of("{at: 1s, xl: pause vm1}", "s.yaml:6: commands[0].at: 1s is not before the end of the run (duration 1s)"),
                Arguments.of("{at: 1ms}", "s.yaml:6: commands[0]: give either xl: or switch:, one per command"),
                Arguments.of("{at: 1ms, xl: sched-foo -d vm1}", "s.yaml:6: commands[0].xl: 'sched-foo' is not an xl command "
                        + "rtxen runs (sched-* of a registered policy, vcpu-pin, cpupool-migrate, cpupool-cpu-add, "
                        + "cpupool-cpu-remove, pause, unpause, destroy)"),
                Arguments.of("{at: 1ms, xl: pause vm9}", "s.yaml:6: commands[0].xl: vm9 is an invalid domain identifier"),
                Arguments.of("{at: 99999999ns, xl: pause late}", "s.yaml:6: commands[0].xl: late is an invalid domain identifier"),
                Arguments.of("{at: 1ms, xl: sched-rtds -d vm1 -v all -p 10000 -b 12000 -e 1}",
                        "s.yaml:6: commands[0].xl: budget 12ms exceeds period 10ms (R36)"),
                Arguments.of("{at: 1ms, xl: sched-credit -d vm1 -w 10}",
                        "s.yaml:6: commands[0].xl: sched-credit: pool P runs rtds, not credit"),
                Arguments.of("{at: 1ms, xl: vcpu-pin vm1 0}", "s.yaml:6: commands[0].xl: Usage: xl vcpu-pin [option] "
                        + "<Domain> <VCPU|all> <Hard affinity|-|all> <Soft affinity|-|all>"),
                Arguments.of("{at: 1ms, xl: vcpu-pin vm1 2 0}", "s.yaml:6: commands[0].xl: vcpu-pin: domain vm1 has no VCPU 2 (it has 2)"),
                Arguments.of("{at: 1ms, xl: vcpu-pin vm1 0 2-3}", "s.yaml:6: commands[0].xl: vcpu-pin: no pCPU of 2-3 is in "
                        + "vm1's pool P [0, 1] (Xen: Invalid argument)"),
                Arguments.of("{at: 1ms, xl: vcpu-pin vm1 0 7}", "s.yaml:6: commands[0].xl: pCPU 7 does not exist (the host has pCPUs 0..3)"),
                Arguments.of("{at: 1ms, xl: vcpu-pin vm1 0 0 1}", "s.yaml:6: commands[0].xl: soft affinity is not modelled by rtxen; give - or leave it out"),
                Arguments.of("{at: 1ms, xl: cpupool-migrate vm1 X}", "s.yaml:6: commands[0].xl: unknown cpupool 'X'"),
                Arguments.of("{at: 1ms, xl: cpupool-cpu-add Q 1}", "s.yaml:6: commands[0].xl: cpupool-cpu-add: pCPU 1 is not "
                        + "free, it is in pool P (remove it there first)"),
                Arguments.of("{at: 1ms, xl: cpupool-cpu-remove P 2}", "s.yaml:6: commands[0].xl: cpupool-cpu-remove: pCPU 2 is not in pool P [0, 1]"),
                Arguments.of("{at: 1ms, xl: cpupool-cpu-remove Q 2}", "s.yaml:6: commands[0].xl: cpupool-cpu-remove: pCPU 2 is "
                        + "the last of pool Q, which has domains (Xen: Device or resource busy)"),
                Arguments.of("{at: 1ms, xl: unpause vm1}", "s.yaml:6: commands[0].xl: unpause: domain vm1 is not paused (Xen: Invalid argument)"),
                Arguments.of("{at: 1ms, switch: {pool: P, server: polling}}", "s.yaml:6: commands[0].switch: rtds pools have no run-time switch"),
                Arguments.of("{at: 1ms, switch: {pool: X}}", "s.yaml:6: commands[0].switch.pool: no pool is named 'X' (pools: P, Q)"),
                Arguments.of("{at: 1ms, xl: sched-sedf -d vm1 -w 2}", "s.yaml:6: commands[0].xl: sched-sedf: pool P runs rtds, not sedf"),
                Arguments.of("{at: 1ms, xl: \"pause 'vm1\"}", "s.yaml:6: commands[0].xl: the quote ' at character 7 is never closed"),
                Arguments.of("{at: 1ms, xl: \"''\"}", "s.yaml:6: commands[0].xl: an xl command is missing"));
    }

    /** A domain is created first at its start (M2: commands come last at an instant), so a command then finds it. */
    @Test
    void parse_commandAtADomainsStart_findsTheDomain() {
        Scenario s = ScenarioReader.parse(HEAD + "commands:\n  - {at: 100ms, xl: pause late}\n", "s.yaml");
        assertEquals(List.of(new Command.Pause(100 * MS, "pause late", "late")), s.commands());
    }

    @ParameterizedTest
    @MethodSource("refusedCommands")
    void parse_impossibleCommand_refusedBeforeTheRun(String item, String message) {
        assertEquals(message, error(HEAD + "commands:\n  - " + item + "\n"));
    }

    @Test
    void parse_laterCommands_seeEarlierOnes() {
        // Line 6 is the first item; the destroy on line 6 makes vm2 unknown to the pause on line 7.
        assertEquals("s.yaml:7: commands[1].xl: vm2 is an invalid domain identifier",
                error(HEAD + "commands:\n  - {at: 1ms, xl: destroy vm2}\n  - {at: 2ms, xl: pause vm2}\n"));
        // The cpu-add on line 7 runs before the remove on line 6 (time order), so pCPU 3 is in Q by then... and
        // removing pCPU 2 leaves Q with 3.
        assertEquals(2, parse(HEAD + "commands:\n  - {at: 2ms, xl: cpupool-cpu-remove Q 2}\n"
                + "  - {at: 1ms, xl: cpupool-cpu-add Q 3}\n").commands().size());
    }

    @Test
    void parse_switch_readByThePoolsPolicyAndWrittenBack() {
        String yaml = """
                duration: 1s
                host: {pcpus: 1}
                pools: [{name: P, scheduler: rtxen1, rtxen1: {server: deferrable}}]
                domains: [{name: a}]
                commands: [{at: 2ms, switch: {pool: P, server: polling}}]
                """;
        Scenario s = parse(yaml);
        Command.AdjustPool a = (Command.AdjustPool) s.commands().get(0);
        assertEquals("P", a.pool());
        assertEquals(new ParamTree().word("server", "polling"), Schedulers.codec("rtxen1").writePool(a.params()));
        assertEquals(s, parse(ScenarioWriter.yaml(s)));
        assertEquals("s.yaml:5: commands[0].switch.server: 'fast' is not one of: deferrable, periodic, polling, sporadic",
                error(yaml.replace("server: polling", "server: fast")));
    }

    /** (domain or pool YAML, the exact message), each on line 3 or 4 as counted. */
    static Stream<Arguments> refusedPlacementAndParams() {
        String head = "duration: 1s\nhost: {pcpus: 2}\n";
        String sedf = "duration: 1s\nhost: {pcpus: 1}\npools: [{name: S, scheduler: sedf}]\n";
        return Stream.of(
                Arguments.of(head + "domains: [{name: a, vcpus: 2, affinity: [[0]]}]\n",
                        "s.yaml:3: domains[0].affinity: give one pCPU list per VCPU: the domain has 2 VCPUs, the affinity 1 list"),
                Arguments.of(head + "domains: [{name: a, vcpus: 2, affinity: [[0], 1]}]\n",
                        "s.yaml:3: domains[0].affinity[1]: expected a list of pCPUs, as for the other VCPUs"),
                Arguments.of(head + "domains: [{name: a, vcpus: 2, affinity: [[0], [5]]}]\n",
                        "s.yaml:3: domains[0].affinity[1][0]: pCPU 5 does not exist (the host has pCPUs 0..1)"),
                Arguments.of(head + "domains: [{name: a, start: -1ms}]\n", "s.yaml:3: domains[0].start: must not be negative"),
                Arguments.of(head + "domains: [{name: Domain-0, start: 1ms}]\n", "s.yaml:3: domains[0].start: the control domain exists from boot"),
                Arguments.of(head + "pools: [{name: P, scheduler: rtds, rtds: {variant: 4.9}}]\ndomains: [{name: a}]\n",
                        "s.yaml:3: pools[0].rtds.variant: unknown RTDS variant '4.9' (known: 4.5, 4.7, 4.10)"),
                Arguments.of(sedf + "domains: [{name: a, sedf: {weight: 2, period: 10ms}}]\n",
                        "s.yaml:4: domains[0].sedf.period: give either a weight or a period and slice, not both (xl's -w clears them)"),
                Arguments.of(sedf + "domains: [{name: a, sedf: {slice: 2ms}}]\n", "s.yaml:4: domains[0].sedf.period: a slice needs a period"),
                Arguments.of(sedf + "domains: [{name: a, sedf: {period: 2ms}}]\n", "s.yaml:4: domains[0].sedf.slice: a period needs a slice"),
                Arguments.of(sedf + "domains: [{name: a, sedf: {period: 2ms, slice: 3ms}}]\n",
                        "s.yaml:4: domains[0].sedf.slice: slice 3ms is outside Xen's 5us..period 2ms (S5.5)"),
                Arguments.of(sedf + "domains: [{name: a, sedf: {period: 11s, slice: 3ms}}]\n",
                        "s.yaml:4: domains[0].sedf.period: period 11s is outside Xen's 10us..10s (S5.4)"),
                Arguments.of(sedf + "domains: [{name: a}]\ncommands: [{at: 1ms, xl: sched-sedf -d a -w 2 -p 10}]\n",
                        "s.yaml:5: commands[0].xl: -w cannot be combined with -p or -s (xl clears the one with the other)"),
                Arguments.of(sedf + "domains: [{name: a}]\ncommands: [{at: 1ms, xl: sched-sedf -d a -p 10 -s 20}]\n",
                        "s.yaml:5: commands[0].xl: slice 20ms is outside Xen's 5us..period 10ms (S5.5): Invalid argument"));
    }

    @ParameterizedTest
    @MethodSource("refusedPlacementAndParams")
    void parse_badPlacementOrParams_refused(String yaml, String message) {
        assertEquals(message, error(yaml));
    }
}
