package org.rtxen.engine.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * CpuMask's operations as Xen's cpumask helpers behave, across 64-bit word boundaries: cycle, at-or-after, next member,
 * next common member with a bit array, n-th member, intersection, membership, size, equality by members, and the copy
 * and string forms.
 */
class CpuMaskTest {
    @Test
    void cycle_pastTheHighest_wrapsToTheLowest() {
        CpuMask m = CpuMask.of(List.of(1, 3, 70));
        assertEquals(3, m.cycle(1));
        assertEquals(70, m.cycle(3));
        assertEquals(1, m.cycle(70));
        assertEquals(3, m.cycle(2));
    }

    @Test
    void atOrAfter_memberOrNot_followsXenTestOrCycle() {
        CpuMask m = CpuMask.of(List.of(0, 2));
        assertEquals(2, m.atOrAfter(2));
        assertEquals(2, m.atOrAfter(1));
        assertEquals(0, m.atOrAfter(3));
    }

    @Test
    void and_disjoint_isEmpty() {
        assertTrue(CpuMask.of(List.of(0, 1)).and(CpuMask.of(List.of(2))).isEmpty());
        assertEquals(CpuMask.of(List.of(1)), CpuMask.of(List.of(0, 1)).and(CpuMask.of(List.of(1, 65))));
        assertEquals(2, CpuMask.of(List.of(5, 64)).size());
    }

    @Test
    void toBitSet_isACopyOfTheMembers() {
        CpuMask m = CpuMask.of(List.of(1, 64, 130));
        BitSet bits = m.toBitSet();
        assertEquals("{1, 64, 130}", bits.toString());
        bits.clear(1);
        assertTrue(m.contains(1));
    }

    @Test
    void nextCommon_bitsInAndOutOfTheMask_isTheLowestSharedIdFromStart() {
        CpuMask m = CpuMask.of(List.of(3, 70, 130));
        // bits 0 and 70 set, bit 130 beyond the array: only 70 is in both
        assertEquals(70, m.nextCommon(new long[] {1L, 1L << 6}, 0));
        assertEquals(-1, m.nextCommon(new long[] {1L}, 0));
        assertEquals(3, m.nextCommon(new long[] {1L << 3 | 1L << 5}, 0));
        // from 4: 3 is before the start, 70 is the next shared id; from 71 nothing is left
        assertEquals(70, m.nextCommon(new long[] {1L << 3, 1L << 6}, 4));
        assertEquals(-1, m.nextCommon(new long[] {1L << 3, 1L << 6}, 71));
        assertEquals(-1, m.nextCommon(new long[] {1L << 3}, 200));
        assertEquals(-1, m.nextCommon(new long[] {1L << 3}, 64)); // from the first word past the shorter array
        // past the first word only ids in both count: bit 69 is set but not in the mask
        assertEquals(70, m.nextCommon(new long[] {0, 1L << 5 | 1L << 6}, 0));
    }

    @Test
    void nth_eachRank_isTheWalksKthMember() {
        CpuMask m = CpuMask.of(List.of(2, 63, 64, 65, 200));
        assertEquals(List.of(2, 63, 64, 65, 200), List.of(m.nth(0), m.nth(1), m.nth(2), m.nth(3), m.nth(4)));
        assertEquals(-1, m.nth(5));
        assertEquals(-1, m.nth(-1));
        assertEquals(-1, CpuMask.of(List.of()).nth(0));
    }

    /** Equality is by members (cpumask_equal): trailing empty words do not count, either way round. */
    @Test
    void equals_sameMembersInArraysOfDifferentLengths_isEqualBothWays() {
        CpuMask oneWord = CpuMask.of(List.of(1));
        CpuMask twoWords = CpuMask.of(List.of(1, 64)).and(CpuMask.of(List.of(1, 70))); // {1}, held in two words
        assertEquals(oneWord, twoWords);
        assertEquals(twoWords, oneWord);
        assertEquals(oneWord.hashCode(), twoWords.hashCode());
        assertEquals(CpuMask.of(List.of()).hashCode(), CpuMask.of(List.of(64)).and(CpuMask.of(List.of(1))).hashCode());
        assertNotEquals(oneWord, CpuMask.of(List.of(1, 64)));
        assertNotEquals(CpuMask.of(List.of(1, 64)), oneWord);
        assertNotEquals(oneWord, CpuMask.of(List.of(2)));
        assertFalse(oneWord.equals(List.of(1)));
    }

    @Test
    void nextFrom_aroundWordBoundaries_isTheLowestMemberAtOrAfter() {
        CpuMask m = CpuMask.of(List.of(0, 63, 64, 130));
        assertEquals(List.of(0, 63, 63, 64, 130, 130), List.of(m.nextFrom(0), m.nextFrom(1), m.nextFrom(63),
                m.nextFrom(64), m.nextFrom(65), m.nextFrom(130)));
        assertEquals(-1, m.nextFrom(131)); // last word, nothing after
        assertEquals(-1, m.nextFrom(192)); // beyond the last word
        assertEquals(-1, m.nextFrom(-1));
    }

    /** cpumask_cycle: the next member strictly after, wrapping; a one-member mask cycles to itself, an empty one to -1. */
    @Test
    void cycle_singleAndEmptyMasks_wrapToThemselvesOrNothing() {
        assertEquals(5, CpuMask.of(List.of(5)).cycle(5));
        assertEquals(5, CpuMask.of(List.of(5)).cycle(200));
        assertEquals(-1, CpuMask.of(List.of()).cycle(0));
        assertEquals(64, CpuMask.of(List.of(0, 63, 64)).cycle(63));
        assertEquals(0, CpuMask.of(List.of(0, 63, 64)).cycle(64));
    }

    @Test
    void firstSizeContainsAndToString_ofLowAndHighMembers() {
        CpuMask m = CpuMask.of(List.of(0, 63, 64, 130));
        assertFalse(m.isEmpty()); // its first member is pCPU 0
        assertEquals(0, m.first());
        assertEquals(4, m.size());
        assertTrue(m.contains(64));
        assertFalse(m.contains(65));
        assertFalse(m.contains(200));
        assertEquals("{0,63,64,130}", m.toString());
        CpuMask empty = CpuMask.of(List.of());
        assertTrue(empty.isEmpty());
        assertEquals(-1, empty.first());
        assertEquals("{}", empty.toString());
    }
}
