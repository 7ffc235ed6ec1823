package org.rtxen.io.xl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtxen.io.InputException;
import org.rtxen.io.ScenarioReader;
import org.rtxen.model.Scenario;

/**
 * The xl commands written for a scenario: pCPUs removed from Pool-0, pools created or renamed, domains migrated and
 * pinned, each scheduler's parameters in xl's syntax and units (one sched-rtds per VCPU with -e, R40), Credit2's
 * runqueue layout on the boot line and a note that real Xen cannot reproduce a later pool asking for another, names
 * quoted so that a POSIX shell reads each command as the intended words, and names that xl would misread refused,
 * naming the field.
 */
class XlCommandsTest {
    @Test
    void forScenario_twoPools_removesCreatesMigratesPinsAndSetsParameters() {
        Scenario s = ScenarioReader.parse("""
                duration: 1s
                host: {pcpus: 4}
                pools:
                  - {name: Pool-0, scheduler: credit, pcpus: [0, 1], credit: {tslice: 10ms}}
                  - {name: rt, scheduler: rtds, pcpus: [2, 3]}
                domains:
                  - {name: Domain-0, pool: Pool-0, credit: {weight: 512}}
                  - name: vm1
                    pool: rt
                    vcpus: 2
                    affinity: [2, 3]
                    rtds: {period: 10ms, budget: 4ms, extratime: false, vcpus: [{id: 1, period: 5ms, budget: 1ms, extratime: true}]}
                """, "s.yaml");
        // Every line in xl's syntax and units: tslice in ms and ratelimit in us (the default 1 ms), RTDS times in us,
        // one sched-rtds per VCPU with -e (R40), VCPU 1 taking its override and VCPU 0 the domain-wide values.
        assertEquals(List.of(
                "# boot Xen with sched=credit (the boot pool's scheduler is not set by xl)",
                "xl sched-credit -s -p Pool-0 -t 10 -r 1000",
                "xl cpupool-cpu-remove Pool-0 2",
                "xl cpupool-cpu-remove Pool-0 3",
                "xl cpupool-create 'name=\"rt\"' 'sched=\"rtds\"' 'cpus=\"2,3\"'",
                "xl sched-credit -d Domain-0 -w 512 -c 0",
                "xl cpupool-migrate vm1 rt",
                "xl vcpu-pin vm1 all 2,3",
                "xl sched-rtds -d vm1 -v 0 -p 10000 -b 4000 -e 0",
                "xl sched-rtds -d vm1 -v 1 -p 5000 -b 1000 -e 1"), XlCommands.forScenario(s));
    }

    @Test
    void forScenario_credit2Pool_putsItsRunqueueLayoutOnTheBootLine() {
        Scenario s = ScenarioReader.parse(scenario(2, List.of(POOL,
                "{name: c2, scheduler: credit2, pcpus: [1], credit2: {runqueue: cpu}}"),
                List.of("{name: vm1, pool: c2}")), "s.yaml");
        assertEquals("# boot Xen with sched=rtds credit2_runqueue=cpu (xl sets none of these)",
                XlCommands.forScenario(s).get(0));
    }

    @Test
    void forScenario_credit2PoolsAskingDifferentLayouts_saysRealXenCannotReproduceTheLaterOnes() {
        Scenario s = ScenarioReader.parse(scenario(3, List.of(
                "{name: a, scheduler: credit2, pcpus: [0], credit2: {runqueue: cpu}}",
                "{name: b, scheduler: credit2, pcpus: [1]}",
                "{name: c, scheduler: credit2, pcpus: [2], credit2: {runqueue: cpu}}"),
                List.of("{name: vm1, pool: a}")), "s.yaml");
        assertEquals(List.of("# boot Xen with sched=credit2 credit2_runqueue=cpu (xl sets none of these)",
                "# real Xen cannot reproduce pool b: it needs credit2_runqueue=socket, but one Xen boot has"
                        + " credit2_runqueue=cpu for every pool",
                "xl cpupool-rename Pool-0 a"), XlCommands.forScenario(s).subList(0, 3));   // pool c agrees with a
    }

    /** Pools and domains whose names hold shell metacharacters and quotes, beside a plain one (vm1). */
    private static final String HOSTILE = """
            duration: 1s
            host: {pcpus: 5}
            pools:
              - {name: 'boot pool''"x', scheduler: rtds, pcpus: [0, 1]}
              - {name: 'rt"'' ; echo INJECTED #', scheduler: rtds, pcpus: [2]}
              - {name: 'cr $(echo INJECTED)', scheduler: credit, pcpus: [3]}
              - {name: 'c2|x&y', scheduler: credit2, pcpus: [4]}
            domains:
              - {name: a b, pool: 'rt"'' ; echo INJECTED #', affinity: [2], rtds: {period: 10ms, budget: 5ms}}
              - {name: vm1, pool: 'cr $(echo INJECTED)', credit: {weight: 256}}
              - {name: 'vm; echo INJECTED', pool: 'boot pool''"x', rtds: {period: 10ms, budget: 5ms}}
              - {name: 'x`echo INJECTED`>o', pool: 'c2|x&y', credit2: {weight: 512}}
            """;

    @Test
    void forScenario_hostileNames_areQuotedForTheShell_plainOnesNot() {
        assertEquals(List.of(
                "# boot Xen with sched=rtds credit2_runqueue=socket (xl sets none of these)",
                "xl cpupool-rename Pool-0 'boot pool'\\''\"x'",
                "xl cpupool-cpu-remove 'boot pool'\\''\"x' 2",
                "xl cpupool-create 'name=\"rt\\\"'\\'' ; echo INJECTED #\"' 'sched=\"rtds\"' 'cpus=\"2\"'",
                "xl cpupool-cpu-remove 'boot pool'\\''\"x' 3",
                "xl cpupool-create 'name=\"cr $(echo INJECTED)\"' 'sched=\"credit\"' 'cpus=\"3\"'",
                "xl sched-credit -s -p 'cr $(echo INJECTED)' -t 30 -r 1000",
                "xl cpupool-cpu-remove 'boot pool'\\''\"x' 4",
                "xl cpupool-create 'name=\"c2|x&y\"' 'sched=\"credit2\"' 'cpus=\"4\"'",
                "xl sched-credit2 -s -p 'c2|x&y' -r 1000",
                "xl cpupool-migrate 'a b' 'rt\"'\\'' ; echo INJECTED #'",
                "xl vcpu-pin 'a b' all 2",
                "xl sched-rtds -d 'a b' -v 0 -p 10000 -b 5000 -e 1",
                "xl cpupool-migrate vm1 'cr $(echo INJECTED)'",
                "xl sched-credit -d vm1 -w 256 -c 0",
                "xl sched-rtds -d 'vm; echo INJECTED' -v 0 -p 10000 -b 5000 -e 1",
                "xl cpupool-migrate 'x`echo INJECTED`>o' 'c2|x&y'",
                "xl sched-credit2 -d 'x`echo INJECTED`>o' -w 512 -c 0"),
                XlCommands.forScenario(ScenarioReader.parse(HOSTILE, "s.yaml")));
    }

    /**
     * End to end: a POSIX shell reads every command of the hostile scenario as exactly the intended words, nothing
     * run and nothing redirected (xl's config parser then reads {@code \\"} inside {@code name="..."} as {@code "}).
     */
    @Test
    void forScenario_hostileNames_aShellReadsEachCommandAsTheIntendedWords(@TempDir Path dir)
            throws IOException, InterruptedException {
        List<List<String>> expected = List.of(
                List.of("xl", "cpupool-rename", "Pool-0", "boot pool'\"x"),
                List.of("xl", "cpupool-cpu-remove", "boot pool'\"x", "2"),
                List.of("xl", "cpupool-create", "name=\"rt\\\"' ; echo INJECTED #\"", "sched=\"rtds\"", "cpus=\"2\""),
                List.of("xl", "cpupool-cpu-remove", "boot pool'\"x", "3"),
                List.of("xl", "cpupool-create", "name=\"cr $(echo INJECTED)\"", "sched=\"credit\"", "cpus=\"3\""),
                List.of("xl", "sched-credit", "-s", "-p", "cr $(echo INJECTED)", "-t", "30", "-r", "1000"),
                List.of("xl", "cpupool-cpu-remove", "boot pool'\"x", "4"),
                List.of("xl", "cpupool-create", "name=\"c2|x&y\"", "sched=\"credit2\"", "cpus=\"4\""),
                List.of("xl", "sched-credit2", "-s", "-p", "c2|x&y", "-r", "1000"),
                List.of("xl", "cpupool-migrate", "a b", "rt\"' ; echo INJECTED #"),
                List.of("xl", "vcpu-pin", "a b", "all", "2"),
                List.of("xl", "sched-rtds", "-d", "a b", "-v", "0", "-p", "10000", "-b", "5000", "-e", "1"),
                List.of("xl", "cpupool-migrate", "vm1", "cr $(echo INJECTED)"),
                List.of("xl", "sched-credit", "-d", "vm1", "-w", "256", "-c", "0"),
                List.of("xl", "sched-rtds", "-d", "vm; echo INJECTED", "-v", "0", "-p", "10000", "-b", "5000", "-e",
                        "1"),
                List.of("xl", "cpupool-migrate", "x`echo INJECTED`>o", "c2|x&y"),
                List.of("xl", "sched-credit2", "-d", "x`echo INJECTED`>o", "-w", "512", "-c", "0"));
        List<List<String>> read = new ArrayList<>();
        for (String line : XlCommands.forScenario(ScenarioReader.parse(HOSTILE, "s.yaml"))) {
            if (!line.startsWith("#")) read.add(shellWords(line, dir));
        }
        assertEquals(expected, read);
        assertEquals(List.of(), Arrays.asList(dir.toFile().list()), "a command redirected into a file");
    }

    /** The words {@code /bin/sh} makes of {@code line} (run in {@code dir}, in case a line redirects). */
    private static List<String> shellWords(String line, Path dir) throws IOException, InterruptedException {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "set -- " + line + "\nprintf '%s\\000' \"$@\"")
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(sh.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, sh.exitValue(), out);
        assertTrue(out.endsWith("\0"), out);
        return Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1));
    }

    @Test
    void checkNames_namesXlWouldMisread_areBadInputNamingTheField() {
        assertEquals("s.yaml: domains[1].name: '2': xl reads an all-digit name as a domain id; rename the domain",
                refusal("{name: vm1}", "{name: '2'}"));
        assertEquals("s.yaml: pools[0].name: '7': xl reads an all-digit name as a cpupool id; rename the pool",
                refusal("{name: '7', scheduler: rtds, pcpus: [0]}", "{name: vm1, pool: '7'}"));
        assertEquals("s.yaml: domains[0].name: '-vm2': xl reads a name starting with '-' as an option; rename the"
                + " domain", refusal("{name: -vm2}"));
        assertEquals("s.yaml: pools[0].name: '-f': xl reads a name starting with '-' as an option; rename the pool",
                refusal("{name: -f, scheduler: rtds, pcpus: [0]}", "{name: vm1, pool: -f}"));
        assertEquals("s.yaml: domains[0].name: '': xl reads an empty name as domain id 0 (Domain-0); rename the"
                + " domain", refusal("{name: ''}"));
        assertEquals("s.yaml: pools[0].name: '': xl cannot address a pool by an empty name; rename the pool",
                refusal("{name: '', scheduler: rtds, pcpus: [0]}", "{name: vm1, pool: ''}"));
        assertEquals("s.yaml: domains[0].name: 'c\\nd': a control character cannot be shown in the xl commands;"
                + " rename the domain", refusal("{name: \"c\\nd\"}"));
        assertEquals("s.yaml: domains[0].name: 'x\\u001b[2Jy': a control character cannot be shown in the xl"
                + " commands; rename the domain", refusal("{name: \"x\\e[2Jy\"}"));
    }

    @Test
    void forScenario_misreadName_isRefusedToo() {
        Scenario s = ScenarioReader.parse(scenario(1, List.of(POOL), List.of("{name: '12'}")), "s.yaml");
        assertEquals("domains[0].name: '12': xl reads an all-digit name as a domain id; rename the domain",
                assertThrows(InputException.class, () -> XlCommands.forScenario(s)).getMessage());
    }

    private static final String POOL = "{name: Pool-0, scheduler: rtds, pcpus: [0]}";

    /** The refusal of a one-pCPU scenario with these pools (or one plain pool) and domains, from checkNames. */
    private static String refusal(String... items) {
        List<String> pools = new ArrayList<>();
        List<String> domains = new ArrayList<>();
        for (String item : items) (item.contains("scheduler") ? pools : domains).add(item);
        Scenario s = ScenarioReader.parse(scenario(1, pools.isEmpty() ? List.of(POOL) : pools, domains), "s.yaml");
        return assertThrows(InputException.class, () -> XlCommands.checkNames(s, "s.yaml")).getMessage();
    }

    private static String scenario(int pcpus, List<String> pools, List<String> domains) {
        return "duration: 1s\nhost: {pcpus: " + pcpus + "}\npools:\n  - " + String.join("\n  - ", pools)
                + "\ndomains:\n  - " + String.join("\n  - ", domains) + "\n";
    }
}
