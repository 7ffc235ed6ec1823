package org.rtxen.engine.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rtxen.model.Quoted;

/**
 * Splits an xl command's arguments into options the way xl's getopt does: {@code -d vm1}, {@code -dvm1},
 * {@code --domain=vm1} and {@code --domain vm1}; flags without a value ({@code -s}) too. Codecs use it to parse their
 * run-time commands.
 */
public final class XlOptions {
    /** One option as given: its short name and its value (null for a flag). */
    public record Option(char name, String value) {}

    private XlOptions() {}

    /**
     * Parses {@code args}.
     *
     * @param command   the subcommand, for messages ({@code sched-rtds})
     * @param args      the words after the subcommand
     * @param spec      getopt's short-option string: each letter, followed by {@code :} when it takes a value
     * @param longNames long option name to short name ({@code domain -> d})
     * @throws IllegalArgumentException on an unknown option, a missing value or a stray word
     */
    public static List<Option> parse(String command, List<String> args, String spec, Map<String, Character> longNames) {
        List<Option> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            char name;
            String value = null;
            if (a.startsWith("--") && a.length() > 2) {
                int eq = a.indexOf('=');
                String longName = eq < 0 ? a.substring(2) : a.substring(2, eq);
                Character c = longNames.get(longName);
                if (c == null) throw new IllegalArgumentException(command + ": unrecognized option " + Quoted.of("--" + longName));
                name = c;
                if (eq >= 0) value = a.substring(eq + 1);
            } else if (a.startsWith("-") && a.length() > 1) {
                name = a.charAt(1);
                if (a.length() > 2) value = a.substring(2);
            } else {
                throw new IllegalArgumentException(command + ": unexpected argument " + Quoted.of(a));
            }
            int at = spec.indexOf(name);
            if (at < 0 || name == ':') throw new IllegalArgumentException(command + ": invalid option -- " + Quoted.of(String.valueOf(name)));
            boolean takesValue = at + 1 < spec.length() && spec.charAt(at + 1) == ':';
            if (takesValue && value == null) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(command + ": option requires an argument -- "
                            + Quoted.of(String.valueOf(name)));
                }
                value = args.get(++i);
            } else if (!takesValue && value != null) {
                throw new IllegalArgumentException(command + ": option -" + name + " takes no value");
            }
            out.add(new Option(name, value));
        }
        return out;
    }

    /** A whole number option value, as xl reads it but refusing trailing junk. */
    public static long number(String command, char option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(command + ": -" + option + " needs a whole number, not " + Quoted.of(value));
        }
    }
}
