package org.rtxen.sched.rtds;

/**
 * RTDS's runq or replq: a {@link VcpuList} with Xen's ordered insertion (R5), which walks the list, or, when built
 * with an index, asks a {@link PriorityIndex} for the same place in O(log n). The order, ties and stale entries
 * included, is the same either way; small queues walk because the walk costs less than keeping the index.
 */
final class OrderedVcpus {
    private final VcpuList list;
    private final int[] level;
    private final long[] deadline;
    private PriorityIndex index; // null: insertions walk
    private final int[] scratch; // for checkIndex

    /** An empty queue of ids in [0, capacity) ordered by {@code level[id]}, then {@code deadline[id]} (R4). */
    OrderedVcpus(int capacity, int[] level, long[] deadline, boolean indexed) {
        list = new VcpuList(capacity);
        this.level = level;
        this.deadline = deadline;
        index = indexed ? new PriorityIndex(capacity, level, deadline) : null;
        scratch = indexed ? new int[capacity + 1] : null;
    }

    /** Xen's compare_unit_priority (R4): positive when {@code a} has strictly higher priority than {@code b}. */
    static long compare(int[] level, long[] deadline, int a, int b) {
        int prio = level[b] - level[a];
        return prio != 0 ? prio : deadline[b] - deadline[a];
    }

    boolean contains(int id) {
        return list.contains(id);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** The first id, or -1 when empty. */
    int first() {
        return list.first();
    }

    /** The id after {@code id}, or -1 at the end. */
    int next(int id) {
        return list.next(id);
    }

    /** Unlinks {@code id}; returns true if it was the first element. */
    boolean remove(int id) {
        if (index != null) index.remove(id);
        return list.remove(id);
    }

    /**
     * Ordered insertion (R5): before the first element {@code id} strictly beats, or with {@code lifo} (RTDS 4.7) before
     * the first it does not lose to; true when it lands first.
     */
    boolean insertOrdered(int id, boolean lifo) {
        int before;
        if (index != null) {
            // Deadlines are whole ns: "not below (l, d)" is "above (l, d - 1)".
            before = index.firstAbove(level[id], lifo ? deadline[id] - 1 : deadline[id]);
        } else {
            before = list.first();
            while (before >= 0 && (lifo ? compare(level, deadline, id, before) < 0 : compare(level, deadline, id, before) <= 0)) {
                before = list.next(before);
            }
        }
        list.insertBefore(id, before);
        if (index != null) index.insertBefore(id, before);
        return list.first() == id;
    }

    /** After the level or deadline of {@code id} changed (it may be listed): keeps the index true. */
    void rekey(int id) {
        if (index != null && list.contains(id)) index.rekey(id);
    }

    /** Insertions walk from now on (for keys the index cannot order as {@link #compare} does). */
    void dropIndex() {
        index = null;
    }

    /** Null if the index (if any) holds the list's order with true summaries, else what is wrong. */
    String checkIndex() {
        if (index == null) return null;
        if (!index.inOrder(scratch)) return "a subtree summary is stale";
        int k = 0;
        for (int id = list.first(); id >= 0; id = list.next(id), k++) {
            if (scratch[k] != id) return "the index holds " + scratch[k] + " where the list holds " + id;
        }
        return scratch[k] < 0 ? null : "the index holds " + scratch[k] + " after the list's end";
    }
}
