package org.rtxen.engine.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Names in xl lines: shell words, quoted only when needed, and xl's config strings (docs/cli.md, "xl commands"). */
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
}
