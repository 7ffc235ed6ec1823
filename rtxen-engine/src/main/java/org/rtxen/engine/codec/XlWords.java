package org.rtxen.engine.codec;

/**
 * How a domain or pool name is written into an xl command line that a deployer pastes into a POSIX shell: as a shell
 * word ({@link #shell}) and, inside {@code xl cpupool-create}'s {@code KEY="VALUE"} arguments, as a string of xl's
 * config parser ({@link #configString}). XlCommands and every codec write names through it, so that no name can
 * split a command or run one. Which names xl can address at all is XlCommands' check, not this class's.
 */
public final class XlWords {
    /** The characters besides ASCII letters and digits that neither a POSIX shell nor bash or zsh treats specially. */
    private static final String PLAIN = "_-.,:/@+";

    private XlWords() {}

    /**
     * {@code word} as exactly one POSIX shell word: unchanged when it is ASCII letters, digits and {@code _-.,:/@+}
     * only, else in single quotes with each {@code '} written {@code '\''}.
     */
    public static String shell(String word) {
        if (!word.isEmpty() && word.chars().allMatch(XlWords::plain)) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * {@code value} as a double-quoted string that xl's config parser reads back unchanged (libxlu_cfg_l.l takes any
     * byte but {@code "}, {@code \} and a newline; xlu__cfgl_dequote reads {@code \"}, {@code \\} and {@code \n}).
     */
    public static String configString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static boolean plain(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || PLAIN.indexOf(c) >= 0;
    }
}
