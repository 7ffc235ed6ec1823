package org.rtxen.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.engine.codec.ParamTree;
import org.rtxen.engine.codec.ParamTreeNode;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.engine.codec.XlChange;
import org.rtxen.engine.codec.XlWords;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;

/**
 * What every registered policy must supply beyond its scheduler, checked over the registry so that a new policy
 * cannot silently leave a part out: a Xen name, defaults, a reader that reads back what the writer writes, xl lines
 * its own run-time parser accepts and that give back the same lines, and a factory of fresh instances. Each policy's
 * own codec test pins its values.
 */
class CodecConformanceTest {
    /** Domains in a 2-VCPU shape, for writers and xl lines that depend on the VCPU count. */
    private static final int VCPUS = 2;

    static Stream<Schedulers.Policy> policies() {
        return Schedulers.all().stream();
    }

    @Test
    void registry_names_areDistinctLowerCaseXenNames() {
        List<String> names = Schedulers.names();
        assertEquals(names.size(), names.stream().distinct().count(), names.toString());
        for (String n : names) assertTrue(n.matches("[a-z][a-z0-9]*"), n);
        assertThrows(IllegalArgumentException.class, () -> Schedulers.get("no-such-policy"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void factory_eachPool_getsAFreshInstance(Schedulers.Policy p) {
        PoolSpec pool = new PoolSpec("P", p.name(), List.of(0), p.codec().defaultPool());
        assertNotSame(Schedulers.create(pool), Schedulers.create(pool), "one instance per pool (F17)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void domainDefaults_writtenAndReadBack_areEqual(Schedulers.Policy p) {
        SchedulerCodec c = p.codec();
        SchedParams defaults = c.defaultDomain();
        assertNotNull(defaults);
        ParamTree written = c.writeDomain(defaults);
        if (!c.hasDomainParams()) {
            assertTrue(written.isEmpty(), "a policy without domain parameters writes none");
            assertFalse(c.whyNoDomainParams().isBlank(), "the stray-key error needs a reason");
            return;
        }
        assertEquals(defaults, c.readDomain(new ParamTreeNode("domains[0]." + c.name(), written), VCPUS));
        assertEquals(defaults, c.readDomain(new ParamTreeNode("domains[0]." + c.name(), new ParamTree()), VCPUS),
                "every key is optional: an empty mapping means the defaults");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void poolDefaults_writtenAndReadBack_areEqual(Schedulers.Policy p) {
        SchedulerCodec c = p.codec();
        PoolParams defaults = c.defaultPool();
        assertNotNull(defaults);
        ParamTree written = c.writePool(defaults);
        if (!c.hasPoolParams()) {
            assertTrue(written.isEmpty(), "a policy without pool parameters writes none");
            return;
        }
        // Written empty means "leave the key out", which reads as the defaults.
        if (!written.isEmpty()) {
            assertEquals(defaults, c.readPool(new ParamTreeNode("pools[0]." + c.name(), written), "P", Map.of()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void unknownKey_isRefusedByTheReaders(Schedulers.Policy p) {
        SchedulerCodec c = p.codec();
        ParamTree stray = new ParamTree().integer("no_such_key", 1);
        if (c.hasDomainParams()) {
            assertThrows(IllegalArgumentException.class, () -> c.readDomain(new ParamTreeNode("d", stray), VCPUS));
        }
        if (c.hasPoolParams()) {
            assertThrows(IllegalArgumentException.class, () -> c.readPool(new ParamTreeNode("p", stray), "P", Map.of()));
        }
    }

    /**
     * xl round trip: the lines that set the default parameters, split into words as a shell splits them (a name that
     * needs quoting included) and run through the policy's own run-time parser from the defaults, give parameters
     * whose lines are the same. Every line names the policy's subcommand.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void xlLines_parsedBack_giveTheSameLines(Schedulers.Policy p) {
        SchedulerCodec c = p.codec();
        for (String name : List.of("vm1", "it's; my vm")) {
            List<String> lines = c.xlDomain(name, VCPUS, c.defaultDomain());
            if (c.xlAdjustCommand().isEmpty()) {
                assertTrue(lines.isEmpty(), "lines no run-time command can express: " + lines);
                return;
            }
            String command = c.xlAdjustCommand().get();
            assertTrue(command.startsWith("sched-"), command);
            assertFalse(lines.isEmpty(), "a policy with domain parameters sets them with xl");
            SchedParams params = c.defaultDomain();
            for (String line : lines) {
                List<String> words = XlWords.words(line);
                assertEquals(List.of("xl", command), words.subList(0, 2), line);
                XlChange change = c.parseXl(new ArrayList<>(words.subList(2, words.size())));
                XlChange.Domain d = (XlChange.Domain) change;
                assertEquals(name, d.domain());
                params = d.update().apply(params, VCPUS);
            }
            assertEquals(lines, c.xlDomain(name, VCPUS, params));
        }
    }

    /** A name reaches the shell as one single-quoted word (XlWords), in every line that names it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void xlLines_hostileNames_areOneQuotedShellWord(Schedulers.Policy p) {
        SchedulerCodec c = p.codec();
        List<String> lines = new ArrayList<>(c.xlDomain("it's; vm", VCPUS, c.defaultDomain()));
        lines.addAll(c.xlPool("$(my pool)", c.defaultPool()));
        assumeFalse(lines.isEmpty(), "the policy writes no xl line");
        for (String line : lines) {
            assertTrue(line.contains(" -d 'it'\\''s; vm' ") || line.contains(" -p '$(my pool)' "), line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void xlPoolLines_forDefaults_nameThePool(Schedulers.Policy p) {
        for (String line : p.codec().xlPool("Pool-0", p.codec().defaultPool())) {
            assertTrue(line.startsWith("xl ") && line.contains("Pool-0"), line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void exactBusyShare_isNaNOrAFraction(Schedulers.Policy p) {
        SchedulerCodec c = p.codec();
        PoolSpec pool = new PoolSpec("P", c.name(), List.of(0), c.defaultPool());
        DomainSpec d = new DomainSpec("vm1", false, "P", 1, c.defaultDomain(), List.of(), GuestSpec.IDLE);
        double share = c.exactBusyShare(d, pool, 0);
        assertTrue(Double.isNaN(share) || share >= 0 && share <= 1, Double.toString(share));
    }
}
