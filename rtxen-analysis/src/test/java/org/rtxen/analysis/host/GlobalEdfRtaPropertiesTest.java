package org.rtxen.analysis.host;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.rtxen.analysis.Task;

/** The accelerated RTA iteration against the textbook one, R ← f(R) one step at a time (spec §3.5, RTA). */
class GlobalEdfRtaPropertiesTest {
    /** A constrained-deadline task (T ≤ 40) with a slack S in [0, D − C]. */
    record SlackTask(Task task, long slack) {}

    @Provide
    Arbitrary<List<SlackTask>> taskSets() {
        Arbitrary<SlackTask> one = Combinators.combine(Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(0, 100)).as((period, dPct, cPct, sPct) -> {
                    long d = Math.max(1, period * (long) dPct / 100);
                    long c = d * cPct / 100;
                    return new SlackTask(new Task("t", period, c, d), (d - c) * sPct / 100);
                });
        return one.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 2000)
    boolean responseTime_anyTaskSet_equalsPlainIteration(@ForAll("taskSets") List<SlackTask> set,
            @ForAll @IntRange(min = 1, max = 4) int m) {
        List<Task> tasks = new ArrayList<>();
        long[] slack = new long[set.size()];
        for (int i = 0; i < set.size(); i++) {
            tasks.add(set.get(i).task());
            slack[i] = set.get(i).slack();
        }
        for (int k = 0; k < tasks.size(); k++) {
            long solved = GlobalEdfTests.responseTime(tasks, k, m, slack, Long.MAX_VALUE);
            if (solved != plainResponseTime(tasks, k, m, slack)) return false;
        }
        return true;
    }

    /** R ← C_k + ⌊Σ_{i≠k} min(W_i(R), I_i(D_k), R − C_k + 1)/m⌋ from R = C_k, or D_k + 1 once past D_k. */
    private static long plainResponseTime(List<Task> tasks, int k, int m, long[] slack) {
        Task tk = tasks.get(k);
        long r = tk.wcet();
        while (true) {
            long sum = 0;
            for (int i = 0; i < tasks.size(); i++) {
                if (i != k) {
                    sum += Math.min(Math.min(workload(tasks.get(i), r, slack[i]),
                            interference(tasks.get(i), tk.deadline(), slack[i])), r - tk.wcet() + 1);
                }
            }
            long next = tk.wcet() + sum / m;
            if (next == r) return r;
            if (next > tk.deadline()) return tk.deadline() + 1;
            r = next;
        }
    }

    /** W_i(L) = N C_i + min(C_i, L + D_i − C_i − S_i − N T_i), N = ⌊(L + D_i − C_i − S_i)/T_i⌋, at least 0. */
    private static long workload(Task t, long length, long slack) {
        long span = length + t.deadline() - t.wcet() - slack;
        long n = Math.floorDiv(span, t.period());
        return Math.max(0, n * t.wcet() + Math.min(t.wcet(), span - n * t.period()));
    }

    /** I_i(D_k) = N C_i + min(C_i, max(0, D_k − N T_i − S_i)), N = max(0, ⌊(D_k − D_i)/T_i⌋ + 1). */
    private static long interference(Task t, long window, long slack) {
        long n = Math.max(0, Math.floorDiv(window - t.deadline(), t.period()) + 1);
        return n * t.wcet() + Math.min(t.wcet(), Math.max(0, window - n * t.period() - slack));
    }
}
