package org.rtxen.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.rtxen.model.Names;

/**
 * docs/outputs.md promises that a name text output quotes is a JSON string literal, so that a script reads it back with
 * any JSON reader: checked with Jackson's.
 */
class ShownNamesJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 3000)
    void shown_quotedName_isTheJsonStringOfTheName(@ForAll @StringLength(max = 12) String name)
            throws JsonProcessingException {
        String shown = Names.shown(name);
        if (shown.equals(name)) return;                 // a bare name: letters, digits, marks, '_' and '-'
        assertEquals(name, JSON.readValue(shown, String.class), shown);
    }
}
