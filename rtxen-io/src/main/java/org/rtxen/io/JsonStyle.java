package org.rtxen.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The one layout of every JSON document the commands print (simulate, analyze, plan, trace summary): two-space
 * indentation, one field or array element per line, {@code "name": value}, a final line break added by the caller.
 * The naming rules (snake_case, {@code schema_version} first, {@code _ns} times) are in docs/outputs.md.
 */
public final class JsonStyle {
    private static final ObjectWriter WRITER = new ObjectMapper().writer(printer());

    private JsonStyle() {}

    /** A fresh pretty printer with this layout (a printer keeps state while writing: one per document). */
    public static DefaultPrettyPrinter printer() {
        DefaultIndenter indent = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indent).withArrayIndenter(indent);
    }

    /** The document as text in this layout, without a final line break. */
    public static String text(JsonNode root) {
        try {
            return WRITER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
