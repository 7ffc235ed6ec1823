package org.rtxen.trace;

import java.io.IOException;

/** The file is not a well-formed xentrace trace; the message names the byte offset and what is wrong. */
public final class TraceFormatException extends IOException {
    /** Creates the exception with a message that names the offset and the problem. */
    public TraceFormatException(String message) {
        super(message);
    }
}
