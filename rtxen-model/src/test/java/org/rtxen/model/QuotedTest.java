package org.rtxen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** How a message quotes a value the user wrote: unambiguous, visible, one line, short (docs/cli.md, "Messages"). */
class QuotedTest {
    /** The values of every message the tests pin (times, numbers, names, paths) are shown as they were written. */
    @Test
    void of_plainValues_inSingleQuotesUnchanged() {
        assertEquals("'30'", Quoted.of("30"));
        assertEquals("'5 ms'", Quoted.of("5 ms"));
        assertEquals("'/tmp/out dir/fig.pdf'", Quoted.of("/tmp/out dir/fig.pdf"));
        assertEquals("'\u8eca\u8f09 e\u0301 \ud83d\ude97'", Quoted.of("\u8eca\u8f09 e\u0301 \ud83d\ude97"));
        assertEquals("''", Quoted.of(""));
    }

    /** A quote or a backslash in the value is escaped, so it can neither end the quotes nor read as an escape. */
    @Test
    void of_quoteAndBackslash_escaped() {
        assertEquals("'it\\'s'", Quoted.of("it's"));
        assertEquals("'a\\\\nb'", Quoted.of("a\\nb"), "a backslash and n, not a newline");
        assertEquals("'a\\nb'", Quoted.of("a\nb"));
        assertEquals("'\\\\'", Quoted.of("\\"));
    }

    /** Control, invisible and bidirectional formatting characters are shown as escapes, the rest of the line unmoved. */
    @Test
    void of_controlInvisibleAndBidi_shownAsEscapes() {
        assertEquals("'\\r\\t\\u001b[2J\\u0000'", Quoted.of("\r\t\u001b[2J\u0000"));
        assertEquals("'5s\\u202eevil'", Quoted.of("5s\u202eevil"));
        assertEquals("'\\u2066x\\u2069\\u200f'", Quoted.of("\u2066x\u2069\u200f"));
        assertEquals("'a\\u200bb\\u00a0c\\u00add\\ufeff'", Quoted.of("a\u200bb\u00a0c\u00add\ufeff"),
                "zero-width space, no-break space, soft hyphen, byte order mark");
        assertEquals("'\\udb40\\udc41'", Quoted.of("\udb40\udc41"), "a tag character, which shows as nothing");
        assertEquals("'\\u2028\\u2029\\u0085'", Quoted.of("\u2028\u2029\u0085"), "line and paragraph separators");
        assertEquals("'a\\ud83d'", Quoted.of("a\ud83d"), "half a surrogate pair");
        assertEquals("'\\u0301a'", Quoted.of("\u0301a"), "a leading mark would combine with the quote");
    }

    /** A long value is cut after the first characters, with … inside the quotes and its whole length after them. */
    @Test
    void of_longValue_cutWithItsLength() {
        assertEquals("'" + "x".repeat(100) + "'", Quoted.of("x".repeat(100)), "exactly the limit: shown whole");
        assertEquals("'" + "x".repeat(100) + "…' (101 characters)", Quoted.of("x".repeat(101)));
        assertEquals("'" + "x".repeat(100) + "…' (100000 characters)", Quoted.of("x".repeat(100_000)));
        assertEquals("'" + "\\n".repeat(50) + "…' (51 characters)", Quoted.of("\n".repeat(51)));
        assertEquals("'" + "x".repeat(99) + "…' (101 characters)", Quoted.of("x".repeat(99) + "\n" + "x"),
                "an escape is shown whole or not at all");
        assertEquals("'" + "\ud83d\ude97".repeat(100) + "…' (101 characters)", Quoted.of("\ud83d\ude97".repeat(101)),
                "characters, not UTF-16 units, and never half a pair");
    }

    /** Any value reads back whole from its quoted form (when not cut), which holds no control character. */
    @Property(tries = 3000)
    void of_anyShortValue_readsBackWhole(@ForAll @StringLength(max = 16) String value) {
        String quoted = Quoted.of(value);
        assertFalse(quoted.chars().anyMatch(Character::isISOControl), quoted);
        if (quoted.endsWith(" characters)")) return; // an escape-heavy value past the limit
        assertEquals(value, readBack(quoted));
    }

    /** The value a quoted form shows, read as a script would: between the outer quotes, each escape undone. */
    private static String readBack(String quoted) {
        assertTrue(quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'"), quoted);
        StringBuilder value = new StringBuilder();
        for (int i = 1; i < quoted.length() - 1; i++) {
            char c = quoted.charAt(i);
            assertTrue(c != '\'', "an unescaped quote inside: " + quoted);
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char e = quoted.charAt(++i);
            switch (e) {
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    value.append((char) Integer.parseInt(quoted.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> value.append(e);
            }
        }
        return value.toString();
    }
}
