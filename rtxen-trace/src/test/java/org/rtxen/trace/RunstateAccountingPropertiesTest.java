package org.rtxen.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rtxen.trace.TraceBuilder.BLOCKED;
import static org.rtxen.trace.TraceBuilder.IDLE;
import static org.rtxen.trace.TraceBuilder.RUNNABLE;
import static org.rtxen.trace.TraceBuilder.RUNNING;
import static org.rtxen.trace.TraceBuilder.record;
import static org.rtxen.trace.TraceBuilder.runstate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random partitioned schedules (each pCPU runs its own VCPUs, an idle VCPU when none runs) written as xentrace
 * records, split into windows at random: the whole-trace accounting must give back, per VCPU, the time the
 * schedule spent in each state, and every VCPU's states must add up to the span.
 */
class RunstateAccountingPropertiesTest {
    private static final long BASE = 7_000_000_000L;
    private static final int SCHED_CTL = 0x00028008;

    /** A generated schedule: records per pCPU, the cycles each VCPU spent in each state, and the end. */
    private static final class Schedule {
        final List<List<byte[]>> records = new ArrayList<>();
        final Map<Integer, long[]> expected = new HashMap<>();
        long end = BASE;
    }

    /** One pCPU's VCPUs while its timeline is generated: state (Xen code) and since when. */
    private static final class Vcpus {
        final int[] state;
        final long[] since;

        Vcpus(int n) {
            state = new int[n];
            since = new long[n];
        }

        /** Adds the interval ending at {@code t} to the expected times and enters {@code next}. */
        void enter(Schedule s, int domain, int k, int next, long t) {
            s.expected.get(domain)[state[k]] += t - since[k];
            state[k] = next;
            since[k] = t;
        }
    }

    /**
     * Per pCPU: an inert record at the base TSC, then slots of 1 cycle to 5 ms, each given to one of its VCPUs or
     * to idle; a VCPU leaving the pCPU becomes runnable or blocked at random, a blocked one is woken just before
     * its next dispatch; finally an inert record at the common end on every pCPU.
     */
    private static Schedule generate(long seed, int pcpus, int vcpusPerPcpu, int slots) {
        Random random = new Random(seed);
        Schedule s = new Schedule();
        List<Vcpus> all = new ArrayList<>();
        for (int p = 0; p < pcpus; p++) {
            List<byte[]> out = new ArrayList<>();
            out.add(record(SCHED_CTL, BASE));
            Vcpus v = new Vcpus(vcpusPerPcpu);
            for (int k = 0; k < vcpusPerPcpu; k++) {
                v.state[k] = random.nextBoolean() ? RUNNABLE : BLOCKED;
                v.since[k] = BASE;
                s.expected.put(domain(p, k), new long[4]);
            }
            long t = BASE;
            int current = -1; // -1: the idle VCPU
            for (int slot = 0; slot < slots; slot++) {
                int next = random.nextInt(vcpusPerPcpu + 1) - 1;
                if (slot == 0 || next != current) {
                    if (next >= 0 && v.state[next] == BLOCKED) {
                        v.enter(s, domain(p, next), next, RUNNABLE, t);
                        out.add(runstate(t, domain(p, next), 0, BLOCKED, RUNNABLE));
                    }
                    if (current >= 0) {
                        int after = random.nextBoolean() ? RUNNABLE : BLOCKED;
                        v.enter(s, domain(p, current), current, after, t);
                        out.add(runstate(t, domain(p, current), 0, RUNNING, after));
                    } else if (slot > 0) {
                        out.add(runstate(t, IDLE, p, RUNNING, RUNNABLE));
                    }
                    if (next >= 0) {
                        v.enter(s, domain(p, next), next, RUNNING, t);
                        out.add(runstate(t, domain(p, next), 0, RUNNABLE, RUNNING));
                    } else {
                        out.add(runstate(t, IDLE, p, RUNNABLE, RUNNING));
                    }
                    current = next;
                }
                t += 1 + random.nextInt(5_000_000);
            }
            s.end = Math.max(s.end, t);
            s.records.add(out);
            all.add(v);
        }
        for (int p = 0; p < pcpus; p++) {
            s.records.get(p).add(record(SCHED_CTL, s.end));
            for (int k = 0; k < vcpusPerPcpu; k++) all.get(p).enter(s, domain(p, k), k, RUNNING, s.end);
        }
        return s;
    }

    private static int domain(int pcpu, int k) {
        return 10 * pcpu + k + 1;
    }

    @Property(tries = 200)
    void wholeTrace_randomPartitionedSchedule_givesTheScheduledTimes(@ForAll long seed,
                                                                     @ForAll @IntRange(min = 1, max = 4) int pcpus,
                                                                     @ForAll @IntRange(min = 1, max = 3) int vcpus,
                                                                     @ForAll @IntRange(min = 1, max = 60) int slots)
            throws Exception {
        Schedule s = generate(seed, pcpus, vcpus, slots);
        TraceBuilder trace = new TraceBuilder();
        Random split = new Random(seed ^ 0x5eed);
        int[] next = new int[pcpus];
        boolean left = true;
        while (left) {
            left = false;
            for (int p = 0; p < pcpus; p++) {
                List<byte[]> all = s.records.get(p);
                int n = Math.min(all.size() - next[p], split.nextInt(6));
                trace.window(p, all.subList(next[p], next[p] + n));
                next[p] += n;
                left |= next[p] < all.size();
            }
        }
        RunstateAccounting a = new RunstateAccounting(Accounting.WHOLE_TRACE, new TraceWarnings());
        TraceWarnings readWarnings = new TraceWarnings();
        XentraceReader.read(trace.buffer(), "t", a, readWarnings);
        for (VcpuRunstates v : a.vcpus()) {
            if (v.domain() == IDLE) continue;
            long[] want = s.expected.get(v.domain());
            String who = "d" + v.domain();
            assertEquals(want[RUNNING], v.cycles(Runstate.RUNNING), who + " running");
            assertEquals(want[RUNNABLE], v.cycles(Runstate.RUNNABLE), who + " runnable");
            assertEquals(want[BLOCKED], v.cycles(Runstate.BLOCKED), who + " blocked");
            assertEquals(s.end - BASE, v.cycles(Runstate.RUNNING) + v.cycles(Runstate.RUNNABLE)
                    + v.cycles(Runstate.BLOCKED), who + " adds up to the span");
        }
        for (RunstateAccounting.PcpuTime p : a.pcpus()) {
            assertEquals(s.end - BASE, p.busyCycles() + p.idleCycles(), "pCPU " + p.pcpu());
        }
    }
}
