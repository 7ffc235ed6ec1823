package org.rtxen.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The one way rtxen's readers parse YAML: SnakeYAML's defaults (aliases bounded, so a "billion laughs" document is
 * refused) except the document size, which is {@link InputFiles#MAX_BYTES} like every other input instead of
 * SnakeYAML's 3 MiB, so a large but legal scenario or task set is read and not called a syntax error.
 */
public final class YamlFactories {
    private YamlFactories() {}

    /** A new factory with rtxen's limits (factories are cheap; one per document keeps readers independent). */
    public static YAMLFactory create() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(InputFiles.MAX_BYTES);
        return YAMLFactory.builder().loaderOptions(options).build();
    }

    /** What YAML's {@code !!} stands for in a tag. */
    private static final String STANDARD_TAGS = "tag:yaml.org,2002:";

    /**
     * Refuses the value at the parser's current token, at {@code line} of {@code path}, where it is an alias or carries
     * a tag: rtxen reads plain values, written out where they apply (a tag would change what a value is).
     */
    public static void requirePlain(YAMLParser p, String source, String path, int line) throws IOException {
        String field = path.isEmpty() ? null : path;
        if (p.isCurrentAlias()) {
            throw new InputException(source, field, line,
                    "YAML aliases (*" + p.getText() + ") are not supported: write the value out");
        }
        String tag = p.getTypeId();
        if (tag != null) {
            throw new InputException(source, field, line,
                    "YAML tags (" + asWritten(tag) + ") are not supported: write the value without one");
        }
    }

    /** A tag as the parser gives it ({@code !!} expanded, a local tag's {@code !} dropped), back as written. */
    private static String asWritten(String tag) {
        if (tag.startsWith(STANDARD_TAGS)) return "!!" + tag.substring(STANDARD_TAGS.length());
        return tag.contains(":") ? "!<" + tag + ">" : "!" + tag;
    }

    /**
     * One line from a parser failure: SnakeYAML's problem at its line, and where the construct it was in began (for
     * every reader of YAML, so that each says the same).
     */
    public static InputException syntaxError(StreamReadException e, String source) {
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            int line = m.getProblemMark().getLine() + 1;
            String reason = "YAML syntax error: " + firstLine(m.getProblem());
            if (m.getContext() != null && m.getContextMark() != null && m.getContextMark().getLine() + 1 != line) {
                reason += " (" + m.getContext() + " that starts on line " + (m.getContextMark().getLine() + 1) + ")";
            }
            return new InputException(source, null, line, reason);
        }
        JsonLocation where = e.getLocation();
        return new InputException(source, null, where == null ? 0 : where.getLineNr(),
                "YAML syntax error: " + firstLine(e.getOriginalMessage()));
    }

    /** The first line of {@code message}, stripped; a placeholder for none. */
    static String firstLine(String message) {
        if (message == null) return "unreadable input";
        String s = message.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
