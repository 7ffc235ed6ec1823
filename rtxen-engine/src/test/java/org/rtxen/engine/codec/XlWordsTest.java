package org.rtxen.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Names in xl lines: shell words, quoted only when needed, and xl's config strings (docs/cli.md, "xl commands"); and
 * lines split back into words as a POSIX shell splits them (docs/scenario.md, commands).
 */
class XlWordsTest {
    @Test
    void shell_plainNames_stayUnquoted() {
        assertEquals("vm1", XlWords.shell("vm1"));
        assertEquals("Pool-0", XlWords.shell("Pool-0"));
        assertEquals("rt.pool_2", XlWords.shell("rt.pool_2"));
        assertEquals("a,b:c/d@e+f", XlWords.shell("a,b:c/d@e+f"));
    }

    @Test
    void shell_everyMetacharacterClass_isSingleQuoted() {
        assertEquals("'a b'", XlWords.shell("a b"));                        // word splitting
        assertEquals("'a\tb'", XlWords.shell("a\tb"));
        assertEquals("'vm; reboot'", XlWords.shell("vm; reboot"));          // command separators
        assertEquals("'a&b'", XlWords.shell("a&b"));
        assertEquals("'a|b'", XlWords.shell("a|b"));
        assertEquals("'$(reboot)'", XlWords.shell("$(reboot)"));            // substitutions
        assertEquals("'`id`'", XlWords.shell("`id`"));
        assertEquals("'$HOME'", XlWords.shell("$HOME"));
        assertEquals("'a>b'", XlWords.shell("a>b"));                        // redirections
        assertEquals("'a<b'", XlWords.shell("a<b"));
        assertEquals("'vm*'", XlWords.shell("vm*"));                        // globs
        assertEquals("'vm?'", XlWords.shell("vm?"));
        assertEquals("'vm[1]'", XlWords.shell("vm[1]"));
        assertEquals("'~vm'", XlWords.shell("~vm"));                        // tilde, brace, history, comment
        assertEquals("'{a,b}'", XlWords.shell("{a,b}"));
        assertEquals("'vm!'", XlWords.shell("vm!"));
        assertEquals("'#vm'", XlWords.shell("#vm"));
        assertEquals("'(vm)'", XlWords.shell("(vm)"));                      // subshell
        assertEquals("'a\\b'", XlWords.shell("a\\b"));                      // escapes and quotes
        assertEquals("'a\"b'", XlWords.shell("a\"b"));
        assertEquals("'=vm'", XlWords.shell("=vm"));                        // zsh's =command
        assertEquals("'vmé'", XlWords.shell("vmé"));                        // not ASCII
        assertEquals("''", XlWords.shell(""));
    }

    @Test
    void shell_singleQuote_closesQuotesAndEscapesIt() {
        assertEquals("'it'\\''s'", XlWords.shell("it's"));
        assertEquals("''\\'''", XlWords.shell("'"));
        assertEquals("'boot pool'\\''\"x'", XlWords.shell("boot pool'\"x"));
    }

    @Test
    void configString_escapesWhatXlsConfigParserReads() {
        assertEquals("\"rt\"", XlWords.configString("rt"));
        assertEquals("\"rt\\\"' ; reboot #\"", XlWords.configString("rt\"' ; reboot #"));
        assertEquals("\"a\\\\b\"", XlWords.configString("a\\b"));
        assertEquals("\"a\\nb\"", XlWords.configString("a\nb"));
        assertEquals("\"$(reboot) `id`\"", XlWords.configString("$(reboot) `id`"));
    }

    /** Every name {@link XlWords#shell} writes, alone or among others, reads back as itself. */
    @Property(tries = 500)
    void words_readBackEveryShellWord(@ForAll String name, @ForAll List<String> others) {
        assertEquals(List.of(name), XlWords.words(XlWords.shell(name)));
        List<String> line = new ArrayList<>(others);
        line.add(others.size() / 2, name);
        assertEquals(line, XlWords.words(String.join(" ", line.stream().map(XlWords::shell).toList())));
    }

    @Test
    void words_shellWordsTheseNamesNeed_readBack() {
        for (String name : List.of("vm1", "my vm", "it's", "'", "", "a\\b", "a\"b", "$(reboot)", "`id`", "tab\there",
                "new\nline", "vmé", "'\"'\"'", " lead", "trail ")) {
            assertEquals(List.of(name), XlWords.words(XlWords.shell(name)), name);
        }
    }

    @Test
    void words_splitOnBlanks_unquotingAsAPosixShell() {
        assertEquals(List.of("pause", "vm1"), XlWords.words("  pause \t vm1\n"));
        assertEquals(List.of(), XlWords.words(" \t "));
        assertEquals(List.of("a b", "c"), XlWords.words("'a b' c"));                  // single quotes keep everything
        assertEquals(List.of("a\\b\"c$d"), XlWords.words("'a\\b\"c$d'"));
        assertEquals(List.of("it's"), XlWords.words("'it'\\''s'"));                  // quotes join within a word
        assertEquals(List.of(""), XlWords.words("''"));                              // an empty word
        assertEquals(List.of("", "x"), XlWords.words("\"\" x"));
        assertEquals(List.of("my vm"), XlWords.words("\"my vm\""));                // double quotes: \" \\ \$ \` escaped
        assertEquals(List.of("a\"b\\c$d`e"), XlWords.words("\"a\\\"b\\\\c\\$d\\`e\""));
        assertEquals(List.of("a\\nb\\'c"), XlWords.words("\"a\\nb\\'c\""));          // any other backslash stays
        assertEquals(List.of("ab"), XlWords.words("\"a\\\nb\""));                    // backslash-newline is removed
        assertEquals(List.of("$HOME", "*", "a;b"), XlWords.words("\"$HOME\" * a;b")); // nothing is expanded
        assertEquals(List.of("my vm", "x'y", "\\"), XlWords.words("my\\ vm x\\'y \\\\")); // backslash outside quotes
        assertEquals(List.of("ab", "c"), XlWords.words("a\\\nb \\\n c"));            // line continuation
    }

    @Test
    void words_unterminatedQuoteOrTrailingBackslash_isRefusedSayingWhere() {
        assertEquals("the quote ' at character 7 is never closed",
                assertThrows(IllegalArgumentException.class, () -> XlWords.words("pause 'my vm")).getMessage());
        assertEquals("the quote \" at character 10 is never closed",
                assertThrows(IllegalArgumentException.class, () -> XlWords.words("pause vm \"a\\\"")).getMessage());
        assertEquals("the \\ at the end of the line escapes nothing",
                assertThrows(IllegalArgumentException.class, () -> XlWords.words("pause vm\\")).getMessage());
    }
}
