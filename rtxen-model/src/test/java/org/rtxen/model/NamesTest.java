package org.rtxen.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The one rule by which text output shows a name (docs/outputs.md, "Names in text"). */
class NamesTest {
    /** Every name of the examples and the golden files is of this kind, so their outputs did not change. */
    @Test
    void shown_lettersDigitsUnderscoreDashAndMarks_areBare() {
        for (String name : List.of("vm1", "Pool-0", "Domain-0", "t_1", "-", "_x", "0", "\u8eca\u8f09", "e\u0301",
                "\uff21bc", "\u0905\u093f")) {
            assertEquals(name, Names.shown(name));
        }
    }

    /** The separators text output puts between names, and the characters that quote or escape, all quote a name. */
    @Test
    void shown_separatorsQuotesAndSpaces_quoteTheName() {
        assertEquals("\"a/b\"", Names.shown("a/b"));
        assertEquals("\"vm.vcpu0\"", Names.shown("vm.vcpu0"));
        assertEquals("\"x, y\"", Names.shown("x, y"));
        assertEquals("\"g h\"", Names.shown("g h"));
        assertEquals("\"it's\"", Names.shown("it's"));
        assertEquals("\"say \\\"hi\\\"\"", Names.shown("say \"hi\""));
        assertEquals("\"a\\\\n\"", Names.shown("a\\n"), "a backslash is escaped, so it never reads as an escape");
        assertEquals("\"a: b\"", Names.shown("a: b"));
        assertEquals("\"(a)\"", Names.shown("(a)"));
        assertEquals("\"\"", Names.shown(""), "the empty name is shown, not left out");
        assertEquals("\"\u0301a\"", Names.shown("\u0301a"), "a leading mark would combine with what precedes it");
        assertEquals("\"\ud83d\ude97\"", Names.shown("\ud83d\ude97"), "an emoji is a symbol, not a letter");
    }

    /** Inside the quotes, control characters are escaped as in every message, so a name stays on its line. */
    @Test
    void shown_controlBidiAndUnpairedSurrogates_escapedInsideTheQuotes() {
        assertEquals("\"a\\nb\"", Names.shown("a\nb"));
        assertEquals("\"\\r\\t\"", Names.shown("\r\t"));
        assertEquals("\"\\u001b[2J\"", Names.shown("\u001b[2J"));
        assertEquals("\"vm\\u202e\"", Names.shown("vm\u202e"));
        assertEquals("\"a\\ud83d\"", Names.shown("a\ud83d"));
        assertEquals("\"\\ude97b\"", Names.shown("\ude97b"));
    }

    /** A message keeps a user's text as written but for its control characters; quotes and backslashes stay. */
    @Test
    void escape_keepsQuotesAndBackslashes_escapesControls() {
        assertEquals("'a\\nb' \"c\" d\\e \\u001b", Names.escape("'a\nb' \"c\" d\\e \u001b"));
    }

    /** Any name reads back whole from what is shown, which holds no control character. */
    @Property(tries = 3000)
    void shown_anyName_readsBackWhole(@ForAll @StringLength(max = 12) String name) {
        String shown = Names.shown(name);
        ShownText read = new ShownText(shown);
        assertEquals(name, read.name());
        assertEquals("", read.rest());
        assertFalse(shown.chars().anyMatch(Character::isISOControl), shown);
    }

    /**
     * Two names joined as text output joins them ({@code vm/task}, {@code vm.vcpu0}, {@code a, b}, {@code a: b}) read
     * back as those two names, whatever they hold of the separators, quotes, backslashes and spaces.
     */
    @Property(tries = 3000)
    void shown_twoNamesJoined_readBackAsThoseTwo(
            @ForAll @StringLength(max = 8) @Chars({'/', '.', ',', ' ', '"', '\'', '\\', ':', '\n'})
            @CharRange(from = 'a', to = 'c') String first,
            @ForAll @StringLength(max = 8) @Chars({'/', '.', ',', ' ', '"', '\'', '\\', ':', '\n'})
            @CharRange(from = 'a', to = 'c') String second) {
        for (String separator : List.of("/", ".", ", ", ": ", " ")) {
            ShownText read = new ShownText(Names.shown(first) + separator + Names.shown(second) + ".vcpu0");
            assertEquals(first, read.name());
            read.skip(separator);
            assertEquals(second, read.name());
            assertEquals(".vcpu0", read.rest());
        }
    }
}
