package org.rtxen.engine.event;

/**
 * Int ids ordered by a unique key of two longs compared lexicographically: what the event queue needs of the store of
 * its later timers, a heap on small hosts and a wheel on large ones.
 */
interface PairQueue {
    /** Whether no id is held. */
    boolean isEmpty();

    /** Whether {@code id} is held. */
    boolean contains(int id);

    /** The first key of the smallest; must not be empty. */
    long peekKey1();

    /** The second key of the smallest; must not be empty. */
    long peekKey2();

    /** The first key of {@code id}, which must be held. */
    long key1Of(int id);

    /** Removes and returns the id with the smallest key; must not be empty. */
    int poll();

    /** Holds {@code id} with key (k1, k2), replacing its earlier key if it is held. */
    void set(int id, long k1, long k2);

    /** Drops {@code id} if it is held. */
    void remove(int id);
}
