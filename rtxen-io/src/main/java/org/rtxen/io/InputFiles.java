package org.rtxen.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;

/**
 * Reads whole input files with checks made before any byte is read: the path must name a regular file (a directory,
 * FIFO or device such as {@code /dev/zero} is refused at once instead of blocking or exhausting memory) of at most
 * {@link #MAX_BYTES}; the read itself stops there too, in case the file grows.
 */
public final class InputFiles {
    /** The largest input file read, in bytes (16 MiB: far above any scenario, task set or CARTS file). */
    public static final int MAX_BYTES = 16 << 20;

    private InputFiles() {}

    /**
     * The bytes of {@code file}.
     *
     * @throws InputException naming the file when it is missing, unreadable, not a regular file or too large
     */
    public static byte[] bytes(Path file) {
        String name = file.toString();
        requireRegular(file);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] data = in.readNBytes(MAX_BYTES + 1);
            if (data.length > MAX_BYTES) {
                throw new InputException(name, null, 0, "is larger than " + (MAX_BYTES >> 20) + " MiB");
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new InputException(name, null, 0, "no such file");
        } catch (AccessDeniedException e) {
            throw new InputException(name, null, 0, "permission denied");
        } catch (IOException e) {
            throw new InputException(name, null, 0, "cannot read: " + InputException.oneLine(e.getMessage()));
        }
    }

    /**
     * Refuses, before anything is read, an empty name, a directory and a file that is not a regular one (a FIFO,
     * socket or device such as {@code /dev/zero}); a missing file is left to the reader's own message.
     *
     * @throws InputException naming the file
     */
    public static void requireRegular(Path file) {
        String name = file.toString();
        if (name.isEmpty()) throw new InputException(null, null, 0, "the input file name is empty");
        if (Files.isDirectory(file)) throw new InputException(name, null, 0, "is a directory, not a file");
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new InputException(name, null, 0, "is not a regular file (a FIFO, socket or device cannot be read)");
        }
    }

    /**
     * The text of {@code file}, which must be UTF-8.
     *
     * @throws InputException as {@link #bytes(Path)}, or when the text is not UTF-8
     */
    public static String text(Path file) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(file.toString(), null, 0, "not UTF-8 text");
        }
    }
}
