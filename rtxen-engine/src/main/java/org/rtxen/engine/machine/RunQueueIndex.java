package org.rtxen.engine.machine;

import java.util.Arrays;

/**
 * An index over a policy's run queue, a linked list of VCPU ids that the policy keeps itself, for Xen's ordered
 * insertion: it answers where the walk from the head would stop ({@link #firstAbove}) by reading a few short arrays
 * instead of the whole list. Each id carries a key (level, key), compared as a pair, that its owner keeps current with
 * {@link #rekey}. The list's ids are kept in list order in blocks of at most 16 consecutive ids, each
 * block holding its ids' keys beside them and its largest key; a query scans the blocks' largest keys in order, then
 * the first block whose largest key qualifies. It answers by position, not by key, so it stays exact when keys change
 * in place and the list is no longer sorted. The owner reports every insertion with the new id's list neighbours and
 * every removal; a full block splits in two, and two neighbours that together hold at most half a block merge.
 * Nothing allocates after construction.
 */
public final class RunQueueIndex {
    private static final int NONE = -1;
    /** The most ids a block holds (16 measured faster than 8, 32 and 64 on RTDS's queues at p256). */
    private static final int BLOCK = 16;
    /** Two neighbouring blocks that together hold at most this many ids merge. */
    private static final int MERGE_AT = BLOCK / 2;
    /** Each id's key, in the list or not. */
    private final int[] idLevel;
    private final long[] idKey;
    /** Where each id sits in the blocks' arrays ({@code BLOCK * block + offset}), -1 when it is not in the list. */
    private final int[] at;
    /** Each block's ids and their keys in list order, at {@code BLOCK * block}. */
    private final int[] ids;
    private final int[] levels;
    private final long[] keys;
    private final int[] size;
    /** Each block's place in list order. */
    private final int[] placeOf;
    /** The blocks in list order, and each one's largest key. */
    private final int[] blockAt;
    private final int[] maxLevel;
    private final long[] maxKey;
    private int blocks;
    /** The blocks not in use. */
    private final int[] spare;
    private int spares;

    /** An empty index for ids {@code 0 .. capacity - 1}; every id's key starts at (0, 0). */
    public RunQueueIndex(int capacity) {
        idLevel = new int[capacity];
        idKey = new long[capacity];
        at = new int[capacity];
        Arrays.fill(at, NONE);
        // Any two neighbouring blocks hold more than MERGE_AT ids together (a split leaves two halves of a full block,
        // a removal merges what falls to MERGE_AT), so k blocks hold at least (k / 2) * (MERGE_AT + 1) ids.
        int most = 2 * capacity / (MERGE_AT + 1) + 1;
        ids = new int[BLOCK * most];
        levels = new int[BLOCK * most];
        keys = new long[BLOCK * most];
        size = new int[most];
        placeOf = new int[most];
        blockAt = new int[most];
        maxLevel = new int[most];
        maxKey = new long[most];
        spare = new int[most];
        for (int b = 0; b < most; b++) spare[b] = most - 1 - b;
        spares = most;
    }

    /** Sets {@code id}'s key, in the list or not. */
    public void rekey(int id, int level, long key) {
        idLevel[id] = level;
        idKey[id] = key;
        int i = at[id];
        if (i == NONE) return;
        int b = i / BLOCK;
        int place = placeOf[b];
        boolean wasMax = levels[i] == maxLevel[place] && keys[i] == maxKey[place];
        levels[i] = level;
        keys[i] = key;
        if (above(level, key, maxLevel[place], maxKey[place], false)) {
            maxLevel[place] = level;
            maxKey[place] = key;
        } else if (wasMax) {
            refreshMax(b);
        }
    }

    /**
     * The first id in list order whose key is above (level, key), or at or above it when {@code orEqual}; -1 if there
     * is none.
     */
    public int firstAbove(int level, long key, boolean orEqual) {
        for (int place = 0; place < blocks; place++) {
            if (above(maxLevel[place], maxKey[place], level, key, orEqual)) {
                int i = BLOCK * blockAt[place];
                while (!above(levels[i], keys[i], level, key, orEqual)) i++;
                return ids[i];
            }
        }
        return NONE;
    }

    /** Records that {@code id} was linked into the list between {@code after} and {@code before} (either may be -1). */
    public void inserted(int id, int after, int before) {
        int b;
        int offset;
        if (blocks == 0) {
            b = takeBlock(0);
            offset = 0;
        } else if (after == NONE) {
            b = blockAt[0];
            offset = 0;
        } else {
            b = at[after] / BLOCK;
            offset = at[after] + 1 - BLOCK * b;
            if (offset == BLOCK && before != NONE && size[at[before] / BLOCK] < BLOCK) {
                b = at[before] / BLOCK; // after ends a full block: id opens before's instead
                offset = 0;
            }
        }
        if (size[b] == BLOCK) {
            int half = split(b);
            if (offset > BLOCK / 2) {
                b = half;
                offset -= BLOCK / 2;
            }
        }
        int i = BLOCK * b + offset;
        int end = BLOCK * b + size[b];
        for (int j = end; j > i; j--) {
            ids[j] = ids[j - 1];
            levels[j] = levels[j - 1];
            keys[j] = keys[j - 1];
            at[ids[j]] = j;
        }
        ids[i] = id;
        levels[i] = idLevel[id];
        keys[i] = idKey[id];
        at[id] = i;
        int place = placeOf[b];
        if (size[b]++ == 0 || above(idLevel[id], idKey[id], maxLevel[place], maxKey[place], false)) {
            maxLevel[place] = idLevel[id];
            maxKey[place] = idKey[id];
        }
    }

    /** Records that {@code id} was unlinked from the list. */
    public void removed(int id) {
        int i = at[id];
        at[id] = NONE;
        int b = i / BLOCK;
        int end = BLOCK * b + size[b];
        boolean wasMax = levels[i] == maxLevel[placeOf[b]] && keys[i] == maxKey[placeOf[b]];
        for (int j = i; j < end - 1; j++) {
            ids[j] = ids[j + 1];
            levels[j] = levels[j + 1];
            keys[j] = keys[j + 1];
            at[ids[j]] = j;
        }
        if (--size[b] == 0) {
            dropBlock(b);
            return;
        }
        if (wasMax) refreshMax(b);
        // Both neighbouring pairs held more than MERGE_AT ids before, so one merge restores that for both.
        int place = placeOf[b];
        if (place > 0 && size[blockAt[place - 1]] + size[b] <= MERGE_AT) {
            merge(blockAt[place - 1], b);
        } else if (place + 1 < blocks && size[b] + size[blockAt[place + 1]] <= MERGE_AT) {
            merge(b, blockAt[place + 1]);
        }
    }

    private static boolean above(int level, long key, int refLevel, long refKey, boolean orEqual) {
        if (level != refLevel) return level > refLevel;
        return key > refKey || orEqual && key == refKey;
    }

    /** Recomputes block {@code b}'s largest key from its ids' keys. */
    private void refreshMax(int b) {
        int from = BLOCK * b;
        int level = levels[from];
        long key = keys[from];
        for (int i = from + 1; i < from + size[b]; i++) {
            if (above(levels[i], keys[i], level, key, false)) {
                level = levels[i];
                key = keys[i];
            }
        }
        maxLevel[placeOf[b]] = level;
        maxKey[placeOf[b]] = key;
    }

    /** Moves the upper half of full block {@code b} into a new block that follows it; returns the new block. */
    private int split(int b) {
        int half = takeBlock(placeOf[b] + 1);
        System.arraycopy(ids, BLOCK * b + BLOCK / 2, ids, BLOCK * half, BLOCK - BLOCK / 2);
        System.arraycopy(levels, BLOCK * b + BLOCK / 2, levels, BLOCK * half, BLOCK - BLOCK / 2);
        System.arraycopy(keys, BLOCK * b + BLOCK / 2, keys, BLOCK * half, BLOCK - BLOCK / 2);
        size[b] = BLOCK / 2;
        size[half] = BLOCK - BLOCK / 2;
        for (int i = BLOCK * half; i < BLOCK * half + size[half]; i++) at[ids[i]] = i;
        refreshMax(b);
        refreshMax(half);
        return half;
    }

    /** Appends block {@code next}'s ids to block {@code b}, which precedes it, and drops {@code next}. */
    private void merge(int b, int next) {
        int to = BLOCK * b + size[b];
        System.arraycopy(ids, BLOCK * next, ids, to, size[next]);
        System.arraycopy(levels, BLOCK * next, levels, to, size[next]);
        System.arraycopy(keys, BLOCK * next, keys, to, size[next]);
        for (int i = to; i < to + size[next]; i++) at[ids[i]] = i;
        size[b] += size[next];
        int place = placeOf[b];
        int nextPlace = placeOf[next];
        if (above(maxLevel[nextPlace], maxKey[nextPlace], maxLevel[place], maxKey[place], false)) {
            maxLevel[place] = maxLevel[nextPlace];
            maxKey[place] = maxKey[nextPlace];
        }
        dropBlock(next);
    }

    /** Puts an empty block at {@code place} in list order, shifting the blocks from there on; returns it. */
    private int takeBlock(int place) {
        int b = spare[--spares];
        size[b] = 0;
        System.arraycopy(blockAt, place, blockAt, place + 1, blocks - place);
        System.arraycopy(maxLevel, place, maxLevel, place + 1, blocks - place);
        System.arraycopy(maxKey, place, maxKey, place + 1, blocks - place);
        blockAt[place] = b;
        blocks++;
        for (int p = place; p < blocks; p++) placeOf[blockAt[p]] = p;
        return b;
    }

    /** Takes block {@code b} out of list order and makes it spare. */
    private void dropBlock(int b) {
        int place = placeOf[b];
        blocks--;
        System.arraycopy(blockAt, place + 1, blockAt, place, blocks - place);
        System.arraycopy(maxLevel, place + 1, maxLevel, place, blocks - place);
        System.arraycopy(maxKey, place + 1, maxKey, place, blocks - place);
        for (int p = place; p < blocks; p++) placeOf[blockAt[p]] = p;
        spare[spares++] = b;
    }
}
