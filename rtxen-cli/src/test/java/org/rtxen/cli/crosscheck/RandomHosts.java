package org.rtxen.cli.crosscheck;

import java.util.SplittableRandom;

/**
 * Random RTDS hosts written as scenario YAML, for the planner's soundness property: one to four pCPUs, one to four
 * domains of one to three VCPUs each, fixed-priority or EDF guests, global or partitioned placement, the busy hog,
 * implicit, constrained and arbitrary deadlines, offsets, both execution-time models, extratime on and off (domain-wide
 * and per VCPU),
 * domain-wide and per-VCPU affinity, and schedule, context-switch and migration overheads. Every value comes from
 * the given seeded stream, so a seed names a host.
 */
final class RandomHosts {
    private static final int[] SERVER_PERIODS_MS = {2, 5, 10, 20};
    private static final int[] TASK_PERIODS_US = {5_000, 7_300, 10_000, 12_500, 20_000, 25_000, 40_000, 50_000,
        100_000};

    private RandomHosts() {}

    /** One random host; {@code overheads} allows non-zero scheduling costs. */
    static String host(SplittableRandom r, boolean overheads) {
        int pcpus = 1 + r.nextInt(4);
        StringBuilder b = new StringBuilder("duration: 1s\nhost: {pcpus: ").append(pcpus).append("}\n");
        if (overheads && r.nextInt(3) == 0) {
            b.append("overheads: {schedule: ").append(r.nextInt(4)).append("us, context_switch: ")
                    .append(r.nextInt(11)).append("us, migration: ").append(r.nextInt(21)).append("us}\n");
        }
        b.append("domains:\n");
        int domains = 1 + r.nextInt(4);
        for (int d = 0; d < domains; d++) domain(b, r, d, pcpus);
        return b.toString();
    }

    /**
     * One random ARINC653 host: one pCPU, one to three single-VCPU partitions with one to three slots each in a
     * 10..40 ms major frame (the rest idle), and their guests' tasks as for RTDS hosts.
     */
    static String arinc653Host(SplittableRandom r) {
        int partitions = 1 + r.nextInt(3);
        long frameUs = 10_000L * (1 + r.nextInt(4));
        StringBuilder slots = new StringBuilder();
        long used = 0;
        for (int round = 0; round < 1 + r.nextInt(3); round++) {
            for (int d = 0; d < partitions; d++) {
                long runtime = Math.max(100, frameUs * (5 + r.nextInt(20)) / 100 / (round + 1));
                if (used + runtime > frameUs) break;
                used += runtime;
                slots.append("        - {domain: vm").append(d).append(", runtime: ").append(runtime).append("us}\n");
            }
        }
        StringBuilder b = new StringBuilder("duration: 1s\nhost: {pcpus: 1}\npools:\n  - name: p\n")
                .append("    scheduler: arinc653\n    pcpus: [0]\n    arinc653:\n      major_frame: ")
                .append(frameUs).append("us\n      slots:\n").append(slots).append("domains:\n");
        for (int d = 0; d < partitions; d++) {
            b.append("  - name: vm").append(d).append("\n    pool: p\n    guest:\n      scheduler: ")
                    .append(r.nextBoolean() ? "edf" : "fp").append("\n      tasks:\n");
            for (int t = 0; t < 1 + r.nextInt(3); t++) task(b, r, t, false, 1);
        }
        return b.toString();
    }

    private static void domain(StringBuilder b, SplittableRandom r, int d, int pcpus) {
        int vcpus = 1 + r.nextInt(r.nextInt(3) == 0 ? 3 : 2);
        boolean edf = r.nextBoolean();
        boolean partitioned = vcpus > 1 && r.nextBoolean();
        int serverMs = SERVER_PERIODS_MS[r.nextInt(SERVER_PERIODS_MS.length)];
        b.append("  - name: vm").append(d).append("\n    vcpus: ").append(vcpus).append('\n')
                .append("    rtds: {period: ").append(serverMs).append("ms, budget: ").append(serverMs)
                .append("ms, extratime: ").append(r.nextBoolean());
        if (vcpus > 1 && r.nextInt(4) == 0) {
            b.append(", vcpus: [{id: ").append(r.nextInt(vcpus)).append(", extratime: ").append(r.nextBoolean())
                    .append("}]");
        }
        b.append("}\n");
        int pin = r.nextInt(4);
        if (pin == 1) {
            b.append("    affinity: [").append(r.nextInt(pcpus)).append("]\n");
        } else if (pin == 2 && pcpus > 2) {
            int first = r.nextInt(pcpus - 1);
            b.append("    affinity: [").append(first).append(", ").append(first + 1).append("]\n");
        }
        b.append("    guest:\n      scheduler: ").append(edf ? "edf" : "fp").append('\n');
        if (partitioned) b.append("      placement: partitioned\n");
        if (r.nextInt(7) == 0) b.append("      busy: true\n");
        b.append("      tasks:\n");
        int tasks = 1 + r.nextInt(3);
        for (int t = 0; t < tasks; t++) task(b, r, t, partitioned, vcpus);
    }

    private static void task(StringBuilder b, SplittableRandom r, int t, boolean partitioned, int vcpus) {
        long period = TASK_PERIODS_US[r.nextInt(TASK_PERIODS_US.length)];
        long wcet = Math.max(50, period * (1 + r.nextInt(r.nextBoolean() ? 8 : 20)) / 100);
        b.append("        - {name: t").append(t).append(", period: ").append(period).append("us, wcet: ")
                .append(wcet).append("us");
        int kind = r.nextInt(10);
        if (kind < 3) {
            b.append(", deadline: ").append(Math.max(wcet, period * (40 + r.nextInt(60)) / 100)).append("us");
        } else if (kind < 5) {
            b.append(", deadline: ").append(period * (100 + r.nextInt(60)) / 100).append("us");
        }
        if (r.nextInt(5) < 2) b.append(", offset: ").append(r.nextLong(period)).append("us");
        if (r.nextInt(4) == 0) b.append(", exec: {model: uniform, bcet: ").append(Math.max(1, wcet / 2)).append("us}");
        if (partitioned) b.append(", vcpu: ").append(r.nextInt(vcpus));
        b.append("}\n");
    }
}
