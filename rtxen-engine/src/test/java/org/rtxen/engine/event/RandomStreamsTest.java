package org.rtxen.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** A stream's name is a path of names, and two different paths name two different streams, whatever the names hold. */
class RandomStreamsTest {
    /** A path of names without "/" or "\" is the text it always was, so every existing scenario keeps its draws. */
    @Test
    void plainNames_giveTheStreamOfTheirPath() {
        assertEquals(4_687_705_491_446_310_084L, RandomStreams.stateOf(7, "exec", "vm1", "t1"));
    }

    /** Names that "/" would join into one text: a/b + c against a + b/c, and the backslash that escapes "/". */
    @Test
    void pathsThatJoinToTheSameText_nameDifferentStreams() {
        assertNotEquals(RandomStreams.stateOf(7, "exec", "a/b", "c"), RandomStreams.stateOf(7, "exec", "a", "b/c"));
        assertNotEquals(RandomStreams.stateOf(7, "exec", "a\\", "/c"), RandomStreams.stateOf(7, "exec", "a\\/", "c"));
        assertNotEquals(RandomStreams.stateOf(7, "exec", "", "c"), RandomStreams.stateOf(7, "exec", "c"));
    }
}
