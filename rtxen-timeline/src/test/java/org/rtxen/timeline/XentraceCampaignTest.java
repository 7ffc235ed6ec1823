package org.rtxen.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtxen.io.ScenarioWriter;
import org.rtxen.model.Scenario;
import org.rtxen.model.command.Command;
import org.rtxen.model.result.DomainResult;
import org.rtxen.model.result.SimulationResult;
import org.rtxen.model.result.VcpuResult;
import org.rtxen.sched.Schedulers;
import org.rtxen.trace.Accounting;
import org.rtxen.trace.TraceSummary;
import org.rtxen.trace.TscRate;

/**
 * The xentrace writer against two readers on random scenarios of every policy (late domains, pool changes, pins,
 * pauses, zero overheads among them; each seed's fine and aligned scenario), each run whole and stopped by an event
 * limit at a random event: rtxen's whole-trace accounting must give back every VCPU's running, runnable and
 * blocked time, exactly where outputs.md says the file is exact (a positive context-switch cost, no domain created
 * after time 0 and no command that moves a running VCPU) and within {@link #SLACK_NS} elsewhere (the documented 1 ns per same-instant dispatch); Xen's own
 * xenalyze must read every file to its end and print, for every VCPU, what rtxen's xenalyze accounting reads. The
 * default build runs {@value #CI_SCENARIOS} seeds per policy ({@link CampaignScenario});
 * {@code -Drtxen.xentrace.scenarios=N} runs more (docs/testing.md has the last long run).
 */
class XentraceCampaignTest {
    private static final int CI_SCENARIOS = 8;
    private static final int SCENARIOS = Integer.getInteger("rtxen.xentrace.scenarios", CI_SCENARIOS);
    /** Seeds apart from the invariant campaign's, so that the two cover different scenarios. */
    private static final long FIRST_SEED = 1_000_000;
    /** The most a state may differ where the file is not exact: the deviations are a few ns, a defect ms. */
    private static final long SLACK_NS = 100;

    @TempDir
    Path dir;

    static Stream<String> policies() {
        return Schedulers.names().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    @Timeout(600)
    void randomScenarios_readBackAsSimulated_byRtxenAndXenalyze(String policy) throws Exception {
        Xenalyze.require();
        List<String> failures = new ArrayList<>();
        for (CampaignScenario c : CampaignScenario.of(policy, FIRST_SEED, SCENARIOS)) {
            Scenario s = c.scenario();
            Runs.Output whole = Runs.run(s, XentraceWriter::new);
            Path file = dir.resolve(c.name() + ".xentrace");
            List<String> problems = new ArrayList<>(check(s, whole, file));
            long events = whole.result().events();
            if (events > 0) { // else nothing to stop
                long stopAt = c.stopAt(events);
                check(s, Runs.run(s, XentraceWriter::new, stopAt), file.resolveSibling(file.getFileName() + ".stopped"))
                        .forEach(p -> problems.add("stopped after " + stopAt + " events: " + p));
            }
            if (!problems.isEmpty()) failures.add(c.name() + ": " + problems + "\n" + ScenarioWriter.yaml(s));
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + 2 * SCENARIOS + " scenarios failed; first: " + failures.get(0));
    }

    /** What the readers get wrong about {@code out}, a run of {@code s}, written to {@code file}; empty if nothing. */
    private static List<String> check(Scenario s, Runs.Output out, Path file) throws IOException, InterruptedException {
        Files.write(file, out.bytes());
        SimulationResult r = out.result();
        boolean exact = s.overheads().contextSwitchNs() > 0 && s.domains().stream().allMatch(d -> d.startNs() == 0)
                && s.commands().stream().noneMatch(XentraceCampaignTest::movesRunningVcpus);
        TraceSummary whole = TraceSummary.read(file, TscRate.parse("1G"), Accounting.WHOLE_TRACE);
        TraceSummary asXenalyze = TraceSummary.read(file, TscRate.parse("1G"), Accounting.XENALYZE);
        Map<String, Long> xenalyze = Xenalyze.totals(file);
        List<String> problems = new ArrayList<>();
        if (whole.warnings().count() > 0) problems.add("warnings " + whole.warnings().messages());
        for (DomainResult d : r.domains()) {
            for (VcpuResult v : d.vcpus()) {
                String at = "d" + d.id() + "v" + v.id();
                TraceSummary.Vcpu w = vcpu(whole, d.id(), v.id());
                long[] simulated = {v.runNs(), v.runnableNs(), v.blockedNs()};
                long[] read = w == null ? new long[3] : new long[] {w.runNs(), w.runnableNs(), w.blockedNs()};
                for (int k = 0; k < 3; k++) {
                    long off = Math.abs(simulated[k] - read[k]);
                    if (exact ? off != 0 : off > SLACK_NS) {
                        problems.add(at + " (" + d.name() + ") simulated " + List.of(v.runNs(), v.runnableNs(),
                                v.blockedNs()) + ", read " + List.of(read[0], read[1], read[2]));
                        break;
                    }
                }
                TraceSummary.Vcpu x = vcpu(asXenalyze, d.id(), v.id());
                List<Long> mine = x == null ? List.of(0L, 0L, 0L) : List.of(x.runNs(), x.runnableNs(), x.blockedNs());
                List<Long> xens = List.of(xenalyze.getOrDefault(at + " running", 0L),
                        xenalyze.getOrDefault(at + " runnable", 0L), xenalyze.getOrDefault(at + " blocked", 0L));
                if (!mine.equals(xens)) problems.add(at + " xenalyze " + xens + ", rtxen's xenalyze accounting " + mine);
            }
        }
        long spanOff = Math.abs(whole.spanNs() - r.durationNs()); // a late dispatch at a stopped run's last instant
        if (exact ? spanOff != 0 : spanOff > SLACK_NS) problems.add("span " + whole.spanNs() + ", duration " + r.durationNs());
        return problems;
    }

    /** Whether {@code c} can move a running VCPU to another pCPU at once, dispatching it there at that instant. */
    private static boolean movesRunningVcpus(Command c) {
        return c instanceof Command.PinVcpu || c instanceof Command.MigrateDomain || c instanceof Command.RemoveCpu;
    }

    private static TraceSummary.Vcpu vcpu(TraceSummary s, int domain, int vcpu) {
        return s.domains().stream().filter(x -> x.id() == domain).findFirst()
                .map(x -> x.vcpus().size() > vcpu ? x.vcpus().get(vcpu) : null).orElse(null);
    }
}
