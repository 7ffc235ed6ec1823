package org.rtxen.io;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.rtxen.engine.codec.SchedulerCodec;
import org.rtxen.model.DomainSpec;
import org.rtxen.model.HostSpec;
import org.rtxen.model.Overheads;
import org.rtxen.model.PoolSpec;
import org.rtxen.model.Scenario;
import org.rtxen.model.Time;
import org.rtxen.model.guest.ExecTimeModel;
import org.rtxen.model.guest.GuestScheduler;
import org.rtxen.model.guest.GuestSpec;
import org.rtxen.model.guest.Placement;
import org.rtxen.model.guest.TaskSpec;
import org.rtxen.model.params.PoolParams;
import org.rtxen.model.params.SchedParams;
import org.rtxen.sched.Schedulers;
import org.rtxen.sched.arinc653.Arinc653Schedule;
import org.rtxen.sched.arinc653.Arinc653Slot;
import org.rtxen.sched.credit.CreditParams;
import org.rtxen.sched.credit.CreditPoolParams;
import org.rtxen.sched.credit2.Credit2Params;
import org.rtxen.sched.credit2.Credit2PoolParams;
import org.rtxen.sched.credit2.RunqueueLayout;
import org.rtxen.sched.rtds.RtdsParams;
import org.rtxen.sched.rtds.RtdsPoolParams;
import org.rtxen.sched.rtds.RtdsVariant;
import org.rtxen.sched.rtds.RtdsVcpuParams;
import org.rtxen.sched.rtxen1.Rtxen1Params;
import org.rtxen.sched.rtxen1.Rtxen1PoolParams;
import org.rtxen.sched.rtxen1.Server;
import org.rtxen.sched.rtxen2.Priority;
import org.rtxen.sched.rtxen2.Quirks;
import org.rtxen.sched.rtxen2.Rtxen2Params;
import org.rtxen.sched.rtxen2.Rtxen2PoolParams;
import org.rtxen.sched.rtxen2.ServerKind;
import org.rtxen.sched.sedf.SedfParams;

/**
 * Random valid scenarios for one policy, from a seed and a {@link Size}: a random topology; a pool of the policy under
 * test and sometimes a second pool (of a random registered policy) and a free pCPU; domains with 1-3 VCPUs, random
 * parameters for their pool's policy, random hard affinity (domain-wide or per VCPU), some created late; guests
 * running the hog or periodic tasks (FP or EDF, global or partitioned); random small overheads; and 0-8 run-time
 * commands of the kinds the pools' policies accept (parameter changes through the codec's own xl lines, pins,
 * pause/unpause, destroy, pCPU removal and addition, pool migration, RT-Xen 1.0 server switches).
 *
 * <p>The scenario is written as YAML and read back by {@link ScenarioReader}, so every scenario is one a user could
 * give: a command that the reader refuses (a pin outside the pool, a removal of a pool's last pCPU) is left out.
 */
public final class RandomScenarios {
    private static final long MS = Time.MS;
    private static final long US = Time.US;

    /** How large the scenarios are. */
    enum Size {
        /** 1-8 pCPUs, 1-5 domains, 1-3 tasks per guest, 20-100 ms: every interaction, a few hundred events each. */
        SMALL,
        /**
         * 33-256 pCPUs, 240-479 domains (most often over 512 VCPUs), some guests of 65-200 tasks, 5-15 ms: past
         * every size at which the engine or a policy switches to a structure that does not scan (the event queue's
         * timing wheel above 512 timers, RTDS's ranking of busy pCPUs above 32 and rtglobal's above 128, their run
         * queue indexes above 512 VCPUs, a fixed-priority guest's bit per rank above 64 tasks).
         */
        LARGE,
        /**
         * As small, with every time on a grid of half milliseconds (periods of 2, 4, 5, 10 or 20 ms, execution times,
         * budgets and slots in half milliseconds, offsets, starts, commands and the end in whole milliseconds), so
         * that releases, deadlines, replenishments, completions, commands and the end of the run fall on one another
         * far more often than with times in whole microseconds.
         */
        ALIGNED
    }

    /** How random times are drawn: in whole microseconds, or on the half-millisecond grid of {@link Size#ALIGNED}. */
    private record Times(boolean aligned) {
        /** A task's period: 1-31 ms in whole microseconds, or one of the grid's periods. */
        long taskPeriod(SplittableRandom rnd) {
            return aligned ? GRID_PERIODS_MS[rnd.nextInt(GRID_PERIODS_MS.length)] * MS : MS + rnd.nextLong(30 * MS) / US * US;
        }

        /** The grain plus a random time below {@code bound} rounded down to the grain (1 us, or half a ms). */
        long below(SplittableRandom rnd, long bound) {
            long grain = aligned ? MS / 2 : US;
            return grain + rnd.nextLong(bound) / grain * grain;
        }

        /** A server's period: 0.1-20 ms in whole microseconds, or one of the grid's periods. */
        long serverPeriod(SplittableRandom rnd) {
            return aligned ? taskPeriod(rnd) : (100 + rnd.nextLong(19_901)) * US;
        }

        /** A server's budget up to its period: from 10 us in whole microseconds, or from half a ms on the grid. */
        long budget(SplittableRandom rnd, long periodNs) {
            return aligned ? below(rnd, periodNs) : (10 + rnd.nextLong(periodNs / US - 9)) * US;
        }

        /** An ARINC653 slot's run time: 0.1-3.1 ms in whole microseconds, or 0.5-3 ms on the grid. */
        long slot(SplittableRandom rnd) {
            return aligned ? (1 + rnd.nextInt(6)) * MS / 2 : (100 + rnd.nextInt(3000)) * US;
        }
    }

    /** The task and server periods of {@link Size#ALIGNED}, in ms: their hyperperiod is 20 ms. */
    private static final long[] GRID_PERIODS_MS = {2, 4, 5, 10, 20};

    /** A fixed-priority guest's task count above which its ready queue keeps a bit per rank (ReadyQueue.BITS_ABOVE). */
    static final int BITS_ABOVE_TASKS = 64;
    /** An ARINC653 table's most slots (Arinc653Codec.MAX_SLOTS, which refuses more). */
    private static final int MAX_ARINC653_SLOTS = 64;
    /** One large scenario's guest in this many runs 65-200 tasks (some five in each). */
    private static final int MANY_TASKS_ONE_IN = 72;

    private RandomScenarios() {}

    /** The random scenario number {@code seed} whose first pool runs {@code policy}, as the reader gives it back. */
    public static Scenario generate(String policy, long seed) {
        return generate(policy, seed, Size.SMALL);
    }

    /** The random scenario number {@code seed} whose first pool runs {@code policy}, its times aligned ({@link Size#ALIGNED}). */
    public static Scenario aligned(String policy, long seed) {
        return generate(policy, seed, Size.ALIGNED);
    }

    /** The random scenario number {@code seed} of {@code size} whose first pool runs {@code policy}. */
    static Scenario generate(String policy, long seed, Size size) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean large = size == Size.LARGE;
        Times times = new Times(size == Size.ALIGNED);
        HostSpec host = large ? randomLargeHost(rnd) : randomHost(rnd);
        int pcpus = host.sockets() * host.coresPerSocket() * host.threadsPerCore();
        boolean twoPools = pcpus >= 2 && rnd.nextInt(3) == 0;
        int firstSize = twoPools ? 1 + rnd.nextInt(pcpus - 1) : pcpus;
        List<Integer> first = range(0, firstSize);
        List<String> names = new ArrayList<>(List.of("Pool-0"));
        List<String> kinds = new ArrayList<>(List.of(policy));
        List<List<Integer>> cpus = new ArrayList<>(List.of(first));
        if (twoPools) {
            int secondSize = 1 + rnd.nextInt(pcpus - firstSize);
            // Sometimes a pCPU stays free, so that cpupool-cpu-add has one to take.
            if (secondSize > 1 && rnd.nextBoolean()) secondSize--;
            names.add("P1");
            kinds.add(Schedulers.names().get(rnd.nextInt(Schedulers.names().size())));
            cpus.add(range(firstSize, firstSize + secondSize));
        }
        long duration = large ? (5 + rnd.nextInt(11)) * MS : (20 + rnd.nextInt(81)) * MS;
        List<DomainSpec> domains = new ArrayList<>();
        int n = large ? 240 + rnd.nextInt(240) : 1 + rnd.nextInt(5);
        for (int d = 0; d < n; d++) {
            int pool = rnd.nextInt(names.size());
            int vcpus = 1 + rnd.nextInt(3);
            List<Integer> poolCpus = cpus.get(pool);
            List<Integer> affinity = List.of();
            List<List<Integer>> perVcpu = List.of();
            switch (rnd.nextInt(4)) {
                case 0 -> affinity = subset(rnd, poolCpus);
                case 1 -> {
                    perVcpu = new ArrayList<>();
                    for (int v = 0; v < vcpus; v++) perVcpu.add(subset(rnd, poolCpus));
                }
                default -> { }
            }
            long start = rnd.nextInt(5) == 0 ? (1 + rnd.nextInt(10)) * MS : 0;
            domains.add(new DomainSpec("d" + d, false, names.get(pool), vcpus, domainParams(kinds.get(pool), rnd, vcpus, times),
                    affinity, perVcpu, start,
                    randomGuest(rnd, vcpus, large && rnd.nextInt(MANY_TASKS_ONE_IN) == 0, times)));
        }
        List<PoolSpec> pools = new ArrayList<>();
        for (int p = 0; p < names.size(); p++) {
            String name = names.get(p);
            List<DomainSpec> in = domains.stream().filter(d -> d.pool().equals(name)).toList();
            pools.add(new PoolSpec(name, kinds.get(p), cpus.get(p), poolParams(kinds.get(p), rnd, in, times)));
        }
        Overheads overheads = rnd.nextBoolean() ? Overheads.NONE
                : new Overheads(rnd.nextLong(5_000), rnd.nextLong(10_000), rnd.nextLong(20_000));
        Scenario base = new Scenario(duration, seed, host, pools, domains, overheads);
        String yaml = ScenarioWriter.yaml(base);
        Scenario accepted = ScenarioReader.parse(yaml, "random.yaml");
        StringBuilder commands = new StringBuilder("commands:\n");
        int wanted = rnd.nextInt(9);
        for (int i = 0; i < wanted; i++) {
            String line = randomCommand(rnd, base, pcpus, times);
            if (line == null) continue;
            String candidate = yaml + commands + "  - " + line + "\n";
            try {
                accepted = ScenarioReader.parse(candidate, "random.yaml");
                commands.append("  - ").append(line).append('\n');
            } catch (InputException refused) {
                // A command the reader refuses in this state (e.g. unpausing a domain that is not paused): left out.
            }
        }
        return accepted;
    }

    private static HostSpec randomHost(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> new HostSpec(2, 1 + rnd.nextInt(2), 1 + rnd.nextInt(2)); // 2-8 pCPUs over two sockets
            case 1 -> new HostSpec(1, 1 + rnd.nextInt(3), 2);
            default -> HostSpec.flat(1 + rnd.nextInt(6));
        };
    }

    /** 33-256 pCPUs: flat, over two sockets, or in SMT pairs. */
    private static HostSpec randomLargeHost(SplittableRandom rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> new HostSpec(2, 17 + rnd.nextInt(112), 1);
            case 1 -> new HostSpec(1, 17 + rnd.nextInt(112), 2);
            default -> HostSpec.flat(33 + rnd.nextInt(224));
        };
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add(i);
        return out;
    }

    /** A non-empty random subset of {@code cpus}, in order. */
    private static List<Integer> subset(SplittableRandom rnd, List<Integer> cpus) {
        List<Integer> out = new ArrayList<>();
        for (int c : cpus) if (rnd.nextBoolean()) out.add(c);
        if (out.isEmpty()) out.add(cpus.get(rnd.nextInt(cpus.size())));
        return out;
    }

    /**
     * The hog, or 1-3 periodic tasks; when {@code many}, 65-200 tasks, most often under FP, whose utilisation adds up
     * to at most about the guest's VCPUs.
     */
    private static GuestSpec randomGuest(SplittableRandom rnd, int vcpus, boolean many, Times times) {
        if (!many && rnd.nextInt(4) == 0) return new GuestSpec(GuestScheduler.FP, Placement.GLOBAL, true, List.of());
        boolean partitioned = rnd.nextBoolean();
        boolean fp = many && rnd.nextInt(4) != 0 || rnd.nextBoolean(); // a many-task guest: FP three times in four
        GuestScheduler scheduler = fp ? GuestScheduler.FP : GuestScheduler.EDF;
        boolean priorities = scheduler == GuestScheduler.FP && rnd.nextBoolean(); // every task one, or none
        List<TaskSpec> tasks = new ArrayList<>();
        int k = many ? BITS_ABOVE_TASKS + 1 + rnd.nextInt(136) : 1 + rnd.nextInt(3);
        long share = many ? 2L * k / vcpus : 2; // wcet below period / share
        for (int i = 0; i < k; i++) {
            long period = times.taskPeriod(rnd);
            long wcet = times.below(rnd, period / share);
            ExecTimeModel exec = rnd.nextBoolean() ? new ExecTimeModel.Wcet() : new ExecTimeModel.Uniform(times.below(rnd, wcet));
            long offset = rnd.nextLong(period) / (times.aligned() ? MS : US) * (times.aligned() ? MS : US);
            tasks.add(new TaskSpec("t" + i, period, wcet, period, offset,
                    priorities ? 1 + rnd.nextInt(3) * 10 : TaskSpec.NO_PRIORITY,
                    partitioned ? rnd.nextInt(vcpus) : TaskSpec.ANY_VCPU, exec));
        }
        return new GuestSpec(scheduler, partitioned ? Placement.PARTITIONED : Placement.GLOBAL, false, tasks);
    }

    /** Random domain parameters for {@code policy}; a policy without a case here gets its codec's defaults. */
    static SchedParams domainParams(String policy, SplittableRandom rnd, int vcpus, Times times) {
        return switch (policy) {
            case "rtds" -> {
                List<RtdsVcpuParams> overrides = new ArrayList<>();
                if (vcpus > 1 && rnd.nextBoolean()) {
                    long p = times.serverPeriod(rnd);
                    overrides.add(new RtdsVcpuParams(rnd.nextInt(vcpus), p, times.budget(rnd, p), rnd.nextBoolean()));
                }
                long p = times.serverPeriod(rnd);
                yield new RtdsParams(p, times.budget(rnd, p), rnd.nextBoolean(), overrides);
            }
            case "credit" -> new CreditParams(1 + rnd.nextInt(1024), rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(100 * vcpus) : 0);
            case "credit2" -> new Credit2Params(1 + rnd.nextInt(1024), rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(100 * vcpus) : 0);
            case "rtxen1" -> {
                long p = times.serverPeriod(rnd);
                yield new Rtxen1Params(p, times.budget(rnd, p), rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(10) : 0);
            }
            case "rtglobal", "rtpartition" -> {
                long p = (1 + rnd.nextInt(20)) * MS;
                yield new Rtxen2Params(p, (1 + rnd.nextLong(p / MS)) * MS, List.of());
            }
            case "sedf" -> {
                if (rnd.nextInt(3) == 0) yield new SedfParams(0, 0, 0, true, 1 + rnd.nextInt(10));
                long p = times.serverPeriod(rnd);
                yield new SedfParams(p, Math.max(5 * US, times.budget(rnd, p)), 0, rnd.nextBoolean(), 0);
            }
            default -> Schedulers.codec(policy).defaultDomain();
        };
    }

    /** Random pool parameters for {@code policy}, given the domains created in the pool. */
    static PoolParams poolParams(String policy, SplittableRandom rnd, List<DomainSpec> domains, Times times) {
        return switch (policy) {
            case "rtds" -> new RtdsPoolParams(RtdsVariant.values()[rnd.nextInt(RtdsVariant.values().length)]);
            case "credit" -> {
                long tslice = (1 + rnd.nextInt(30)) * MS;
                yield new CreditPoolParams(tslice, rnd.nextBoolean() ? 0 : (100 + rnd.nextLong(tslice / US - 99)) * US);
            }
            case "credit2" -> new Credit2PoolParams(rnd.nextBoolean() ? 0 : (100 + rnd.nextInt(2000)) * US,
                    RunqueueLayout.values()[rnd.nextInt(RunqueueLayout.values().length)]);
            case "rtxen1" -> new Rtxen1PoolParams(Server.values()[rnd.nextInt(Server.values().length)]);
            case "rtglobal", "rtpartition" -> new Rtxen2PoolParams(Priority.values()[rnd.nextInt(Priority.values().length)],
                    ServerKind.values()[rnd.nextInt(ServerKind.values().length)],
                    rnd.nextBoolean() ? Quirks.FULL_FEATURE : Quirks.XISISU);
            case "arinc653" -> {
                List<Arinc653Slot> slots = new ArrayList<>();
                long frame = 0;
                for (DomainSpec d : domains) {
                    for (int v = 0; v < d.vcpus(); v++) {
                        if (rnd.nextInt(4) == 0 || slots.size() == MAX_ARINC653_SLOTS) continue;
                        long runtime = times.slot(rnd);
                        slots.add(new Arinc653Slot(d.name(), v, runtime));
                        frame += runtime;
                    }
                }
                if (slots.isEmpty()) yield Schedulers.codec(policy).defaultPool(); // a table needs a slot
                yield new Arinc653Schedule(frame + rnd.nextInt(3) * MS + (slots.isEmpty() ? MS : 0), slots);
            }
            default -> Schedulers.codec(policy).defaultPool();
        };
    }

    /**
     * One random command as a YAML flow entry, or null when the chosen kind does not apply; the reader decides
     * whether it is valid at that time.
     */
    private static String randomCommand(SplittableRandom rnd, Scenario s, int pcpus, Times times) {
        long at = (1 + rnd.nextLong(s.durationNs() / MS - 1)) * MS;
        DomainSpec d = s.domains().get(rnd.nextInt(s.domains().size()));
        PoolSpec pool = s.pools().get(rnd.nextInt(s.pools().size()));
        String xl = switch (rnd.nextInt(9)) {
            case 0, 1 -> {
                // The domain's parameters changed with its pool's own xl command (if it is still in that pool).
                PoolSpec own = s.pools().stream().filter(p -> p.name().equals(d.pool())).findFirst().orElseThrow();
                SchedulerCodec codec = Schedulers.codec(own.scheduler());
                if (codec.xlAdjustCommand().isEmpty()) yield null;
                List<String> lines;
                try {
                    lines = codec.xlDomain(d.name(), d.vcpus(), domainParams(own.scheduler(), rnd, d.vcpus(), times));
                } catch (IllegalArgumentException inexpressible) { // e.g. a SEDF period that is not whole ms
                    yield null;
                }
                yield lines.isEmpty() ? null : strip(lines.get(rnd.nextInt(lines.size())));
            }
            case 2 -> "vcpu-pin " + d.name() + " " + (rnd.nextBoolean() ? "all" : rnd.nextInt(d.vcpus())) + " "
                    + (rnd.nextInt(4) == 0 ? "all" : join(subset(rnd, range(0, pcpus))));
            case 3 -> "pause " + d.name();
            case 4 -> "unpause " + d.name();
            case 5 -> rnd.nextInt(3) == 0 ? "destroy " + d.name() : null;
            case 6 -> "cpupool-cpu-remove " + pool.name() + " " + pool.pcpus().get(rnd.nextInt(pool.pcpus().size()));
            case 7 -> "cpupool-cpu-add " + pool.name() + " " + rnd.nextInt(pcpus);
            default -> {
                if (pool.scheduler().equals("rtxen1")) {
                    Server server = Server.values()[rnd.nextInt(Server.values().length)];
                    yield "SWITCH {pool: " + pool.name() + ", server: " + server.scenarioName() + "}";
                }
                yield s.pools().size() > 1 ? "cpupool-migrate " + d.name() + " " + pool.name() : null;
            }
        };
        if (xl == null) return null;
        if (xl.startsWith("SWITCH ")) return "{at: " + Time.format(at) + ", switch: " + xl.substring(7) + "}";
        return "{at: " + Time.format(at) + ", xl: \"" + xl + "\"}";
    }

    private static String strip(String line) {
        return line.startsWith("xl ") ? line.substring(3) : line;
    }

    private static String join(List<Integer> cpus) {
        StringBuilder b = new StringBuilder();
        for (int c : cpus) b.append(b.length() == 0 ? "" : ",").append(c);
        return b.toString();
    }
}
