package org.rtxen.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A stream that remembers the first write error it passed on, for writers that swallow errors ({@link
 * java.io.PrintWriter}) or for a message that must name which of several files failed.
 */
final class WatchedOutputStream extends FilterOutputStream {
    private IOException failure;

    WatchedOutputStream(OutputStream out) {
        super(out);
    }

    /** The first write error, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    private IOException failed(IOException e) {
        if (failure == null) failure = e;
        return e;
    }
}
