package org.rtxen.io;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A file a command writes, replaced whole or not at all: its content goes to a hidden file beside it, which takes the
 * file's place only when {@linkplain #commit complete}, so that a failure, an interrupt or a kill leaves the file as it
 * was (an interrupt also removes the hidden file; a kill leaves it, named {@code .NAME.PID.partial}); a command's
 * several outputs take their places all or none ({@link #commitAll}). A file that is not a regular one, such as
 * {@code /dev/null} or a FIFO (whose wait for a reader can be interrupted, {@link #open}), and anything named under
 * {@code /dev} or {@code /proc} is written in place, the latter through the name given ({@code /dev/stdout} is a link
 * to whatever standard output is: a pipe, which no path names, or a file, which must stay the one standard output
 * writes to); a writer that opens the path itself writes such a file's content into a hidden regular file first
 * ({@link #staged}). {@link #close} without {@link #commit} removes the hidden file. A path written {@code -} is
 * standard output ({@code ./-} names a file).
 *
 * <p>{@link #claim} refuses, naming the option, a path that is a directory or lies in a missing directory (or under
 * something that is not a directory), and one that is the same file as one of the command's inputs or of its other
 * outputs (a link, a hard link or another name of one pipe included; {@code /dev/null} may take several), before
 * anything is written.
 */
public final class OutputFile implements AutoCloseable {
    /** The longest file name, in bytes, that Linux file systems take ({@code NAME_MAX}). */
    private static final int NAME_MAX = 255;
    /** The most links followed to a file still to be created, as Linux follows ({@code MAXSYMLINKS}). */
    private static final int MAX_LINKS = 40;
    /** This process's standard output, as Linux names it. */
    private static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");
    /** The device that discards what is written: any number of outputs may go there. */
    private static final Path NULL_DEVICE = Path.of("/dev/null");
    /** The file type bits of a Unix mode ({@code S_IFMT}, sys/stat.h). */
    private static final int S_IFMT = 0170000;
    /** The file type of a FIFO ({@code S_IFIFO}, sys/stat.h). */
    private static final int S_IFIFO = 0010000;

    /** Held while {@link #commitAll} renames: the JVM's exit (an interrupt) waits for it to end. */
    private static final Object COMMITTING = new Object();
    /** Whether the JVM is exiting, from then on no commit renames a file; guarded by {@link #COMMITTING}. */
    private static boolean exiting;

    // An exit deletes the hidden files (deleteOnExit) after the application's shutdown hooks have run: this one lets a
    // commit in progress rename every file first and keeps a later one from renaming any, so that an interrupt leaves
    // a command's outputs all new or all as they were, with no backup beside them.
    static {
        Thread hook = new Thread(() -> {
            synchronized (COMMITTING) {
                exiting = true;
            }
        }, "rtxen-commit-exit");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            exiting = true; // loaded while the JVM exits
        }
    }

    private final String option;
    /** The file as named on the command line, for messages. */
    private final Path named;
    /** The file itself: a link resolved, so that the link stays and its target is replaced. */
    private final Path target;
    /** Where the content is written directly, or null when it is written beside {@link #target} and renamed. */
    private final Path inPlace;
    /** Where the content goes until it is committed: {@link #inPlace} when written in place. */
    private Path partial;
    /** The hidden regular file a writer that opens its path itself writes first where the file is written in place. */
    private Path staged;
    /** The file's old content, kept under a hidden name while {@link #commitAll} renames; null when none is kept. */
    private Path backup;
    private boolean committed;

    private OutputFile(String option, Path named, Path target) {
        this.option = option;
        this.named = named;
        this.target = target;
        this.inPlace = inPlace(standardOutputIfDash(named), target);
    }

    /**
     * Claims {@code file} as the output of {@code option}, checked against the command's {@code inputs} and the
     * outputs it {@code claimed} before.
     *
     * @throws InputException naming the option when the path cannot be written or is one of those files
     */
    public static OutputFile claim(Path file, String option, Collection<Path> inputs, Collection<OutputFile> claimed) {
        OutputFile out = new OutputFile(option, file, identity(standardOutputIfDash(file), option));
        for (Path input : inputs) {
            if (sameFile(out.target, identity(input, option))) {
                throw out.refused("is the input file " + input + "; writing it would destroy it");
            }
        }
        for (OutputFile other : claimed) {
            if (sameFile(out.target, other.target) && !sameFile(out.target, NULL_DEVICE)) {
                throw out.refused("is also the file of " + other.option);
            }
        }
        return out;
    }

    /**
     * Whether two paths are one file: the same path, or, both existing, the same file system object (a hard link; two
     * names of one pipe, such as {@code /dev/stdout} and {@code /proc/self/fd/2} with both streams on it).
     */
    private static boolean sameFile(Path a, Path b) {
        if (a.equals(b)) return true;
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // one of them cannot be looked at: it is not known to be the other
        }
    }

    /** {@code /dev/stdout} for a path written as {@code -}, the usual name of standard output; else {@code file}. */
    private static Path standardOutputIfDash(Path file) {
        return file.toString().equals("-") ? Path.of("/dev/stdout") : file;
    }

    /** The file's own path (a link resolved), or that of its directory and its name where it does not exist yet. */
    private static Path identity(Path file, String option) {
        if (file.toString().isEmpty()) throw new InputException(null, option, 0, "the path is empty");
        Path absolute = file.toAbsolutePath().normalize();
        try {
            // A link to a file still to be created names that file, as for a shell's '>': the link stays.
            for (int links = 0; !Files.exists(absolute) && Files.isSymbolicLink(absolute); links++) {
                if (links == MAX_LINKS) {
                    throw new InputException(file.toString(), option, 0, "cannot write: too many levels of symbolic links");
                }
                absolute = absolute.resolveSibling(Files.readSymbolicLink(absolute)).normalize();
            }
            if (Files.exists(absolute)) {
                if (Files.isDirectory(absolute)) throw new InputException(file.toString(), option, 0, "is a directory");
                return realPathOrItself(absolute);
            }
            Path dir = absolute.getParent();
            if (dir == null) return absolute;
            Path realDir = dir.toRealPath();
            if (!Files.isDirectory(realDir)) {
                throw new InputException(file.toString(), option, 0, "cannot write: no such directory: " + dir
                        + " is not a directory");
            }
            return realDir.resolve(absolute.getFileName());
        } catch (NoSuchFileException e) {
            throw new InputException(file.toString(), option, 0, "cannot write: no such directory");
        } catch (IOException e) {
            throw new InputException(file.toString(), option, 0, "cannot write: " + InputException.oneLine(e.getMessage()));
        }
    }

    /** {@code path} with its links resolved, or itself when its last link names no path (a pipe's {@code pipe:[N]}). */
    private static Path realPathOrItself(Path path) throws IOException {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            return path; // it exists (the caller checked), as /proc/self/fd/1 of a pipe does
        }
    }

    /** Where content for {@code named} is written directly (see the class comment), or null to replace it by rename. */
    private static Path inPlace(Path named, Path target) {
        Path absolute = named.toAbsolutePath().normalize();
        if (absolute.startsWith("/dev") || absolute.startsWith("/proc")) return absolute;
        boolean special = Files.exists(target) && !Files.isRegularFile(target);
        return special || target.startsWith("/dev") || target.startsWith("/proc") ? target : null;
    }

    /**
     * Opens the file's content for writing (into the hidden file); call once. The command's own standard output
     * ({@code /dev/stdout}, a pipe or a file) is written through its descriptor ({@link StandardOutput}), so that what
     * the command prints after the content follows it instead of overwriting it from a second descriptor's offset. A
     * FIFO, which opens only once a reader opens it, is waited for interruptibly, {@code waiting} hearing what is
     * waited for ("waiting for a reader of the FIFO --trace out.fifo") when the wait begins and null when it ends; an
     * interrupt ends the wait with a {@link CancellationException}.
     */
    public OutputStream open(Consumer<String> waiting) {
        Path at = partial();
        try {
            if (at.equals(inPlace) && isStandardOutput(at)) return new StandardOutput();
            if (at.equals(inPlace) && isFifo(at)) return openFifo(at, waiting);
            return Files.newOutputStream(at);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /**
     * {@link #open} of the FIFO {@code at}: Java's open of a FIFO blocks in native code that no interrupt reaches, so it
     * runs on a daemon thread of its own; one left behind by an interrupt closes the FIFO as soon as a reader comes
     * (which then reads nothing).
     */
    private OutputStream openFifo(Path at, Consumer<String> waiting) throws IOException {
        CompletableFuture<OutputStream> opened = new CompletableFuture<>();
        Thread opener = new Thread(() -> {
            try {
                opened.complete(Files.newOutputStream(at));
            } catch (IOException | RuntimeException e) {
                opened.completeExceptionally(e);
            }
        }, "rtxen-fifo-open");
        opener.setDaemon(true); // left blocked in the open, it must not keep the JVM alive
        opener.start();
        waiting.accept("waiting for a reader of the FIFO " + label());
        try {
            OutputStream out = opened.get();
            waiting.accept(null);
            return out;
        } catch (InterruptedException e) {
            opened.thenAccept(OutputFile::closeQuietly); // now, or when a reader comes
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a reader of " + at);
        } catch (ExecutionException e) {
            waiting.accept(null);
            if (e.getCause() instanceof IOException io) throw io;
            throw (RuntimeException) e.getCause();
        }
    }

    /**
     * Whether the file is written in place into a FIFO (a named pipe, or the pipe {@code /dev/stdout} leads to), whose
     * writes wait while its reader does not read.
     */
    public boolean isFifo() {
        return inPlace != null && isFifo(inPlace);
    }

    /** The option and the file as named on the command line, as messages name the output: {@code --trace out.fifo}. */
    public String label() {
        return option + " " + named;
    }

    /** Whether {@code path} is a FIFO (a named pipe), by the file type bits of its mode; false when unknown. */
    private static boolean isFifo(Path path) {
        try {
            return ((Integer) Files.getAttribute(path, "unix:mode") & S_IFMT) == S_IFIFO;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // still to be created, or a file system without Unix modes: no FIFO
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // nobody waits for this FIFO's content any more
        }
    }

    /**
     * This process's standard output as an output file's content: left open for what the command prints next, and
     * quiet once its reader stops reading (a broken pipe, as of {@code | head}), as the command's own printing is:
     * the rest is dropped instead of failing the command.
     */
    private static final class StandardOutput extends OutputStream {
        private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        private boolean readerGone;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (readerGone) return;
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                if (!"Broken pipe".equals(e.getMessage())) throw e;
                readerGone = true;
            }
        }

        @Override
        public void close() {
            // standard output stays open for what the command prints next
        }
    }

    /** Whether {@code path} is this process's standard output; false when either cannot be looked at. */
    private static boolean isStandardOutput(Path path) {
        try {
            return Files.isSameFile(path, STANDARD_OUTPUT);
        } catch (IOException e) {
            return false; // a path still to be created, or standard output closed
        }
    }

    /**
     * The path to write the content to, for writers that take a path: the hidden file, created empty, or the file
     * itself where it is written in place.
     */
    public Path partial() {
        if (partial != null) return partial;
        if (inPlace != null) {
            partial = inPlace;
            return partial;
        }
        try {
            partial = hidden(target, "partial", Files::createFile);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        partial.toFile().deleteOnExit(); // an interrupt (SIGINT, SIGTERM) runs this; a completed move leaves nothing
        return partial;
    }

    /**
     * Whether the content is written into the file itself (a FIFO, a device, a name under {@code /dev} or
     * {@code /proc}), which then has nothing to commit, rather than into a hidden file that takes its place.
     */
    public boolean isWrittenInPlace() {
        return inPlace != null;
    }

    /**
     * For a writer that opens its path itself and would wait for a FIFO's reader with no bound (DuckDB's {@code COPY}),
     * where the file is {@linkplain #isWrittenInPlace written in place}: a hidden regular file beside it as named (not
     * beside the device or pipe a link leads to), {@code .NAME.PID.staged}, created empty, for the writer to write the
     * content into before the caller copies it into the file through {@link #open}; {@link #close} (or an interrupt)
     * removes it.
     */
    public Path staged() {
        if (inPlace == null) throw new IllegalStateException(label() + " is not written in place: write partial()");
        if (staged != null) return staged;
        try {
            staged = hidden(standardOutputIfDash(named).toAbsolutePath().normalize(), "staged", Files::createFile);
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        staged.toFile().deleteOnExit(); // an interrupt (SIGINT, SIGTERM) runs this
        return staged;
    }

    /** Creates something at a path, failing with {@link FileAlreadyExistsException} where something is already. */
    @FunctionalInterface
    private interface Creation {
        /** Creates the thing at {@code at} and returns its path. */
        Path create(Path at) throws IOException;
    }

    /**
     * The hidden file {@code .NAME.PID.KIND} beside {@code file}, made by {@code creation}; a name taken (left by a
     * killed run of a process with the same id) is neither reused nor removed: the next, {@code .NAME.PID-1.KIND}, is
     * tried.
     */
    private static Path hidden(Path file, String kind, Creation creation) throws IOException {
        String name = file.getFileName().toString();
        long pid = ProcessHandle.current().pid();
        for (int attempt = 0; ; attempt++) {
            Path candidate = file.resolveSibling(hiddenName(name, pid + (attempt == 0 ? "" : "-" + attempt), kind));
            try {
                return creation.create(candidate);
            } catch (FileAlreadyExistsException e) {
                // taken: try the next name
            }
        }
    }

    /**
     * {@code .NAME.ID.KIND}, with as much of NAME (whole characters) as keeps it within the {@link #NAME_MAX} bytes a
     * file name may have, so that every name that can be written has its hidden files.
     */
    private static String hiddenName(String name, String id, String kind) {
        String tail = "." + id + "." + kind;
        String kept = name;
        while (utf8Length("." + kept + tail) > NAME_MAX) {
            kept = kept.substring(0, kept.offsetByCodePoints(kept.length(), -1));
        }
        return "." + kept + tail;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Puts the complete content in the file's place, in one atomic rename. */
    public void commit() {
        commitAll(List.of(this));
    }

    /**
     * Puts the complete content of each of a command's {@code outputs} in its file's place, all or none: where several
     * files are renamed, each existing one is first kept beside itself ({@code .NAME.PID.backup}, a hard link, or a
     * copy where the file system has none), a rename that fails puts the files renamed before it back from those
     * (a file that did not exist is removed again), and the backups go once every rename succeeded. Files written in
     * place have nothing to commit. An interrupt (SIGINT, SIGTERM) during this waits for it to end; a kill leaves a
     * backup, which holds the file's old content.
     *
     * @throws InputException naming the option of the output that could not be kept or renamed; every hidden file is
     *                        then removed, except a backup that could not be put back, which the message names
     */
    public static void commitAll(List<OutputFile> outputs) {
        synchronized (COMMITTING) {
            if (exiting) awaitExit();
            commitAllNow(outputs);
        }
    }

    /** Waits, renaming nothing, for the exit under way to end the process; its hooks remove the hidden files. */
    private static void awaitExit() {
        while (true) {
            try {
                COMMITTING.wait();
            } catch (InterruptedException e) {
                // the exit still ends the process
            }
        }
    }

    /** {@link #commitAll}, with {@link #COMMITTING} held. */
    private static void commitAllNow(List<OutputFile> outputs) {
        List<OutputFile> renamed = new ArrayList<>();
        for (OutputFile out : outputs) {
            if (!out.partial().equals(out.inPlace)) renamed.add(out);
        }
        try {
            if (renamed.size() > 1) {
                for (OutputFile out : renamed) out.keepBackup();
            }
            for (int i = 0; i < renamed.size(); i++) {
                OutputFile out = renamed.get(i);
                try {
                    replace(out.partial, out.target);
                } catch (IOException e) {
                    List<String> kept = restore(renamed.subList(0, i));
                    throw new InputException(out.named.toString(), out.option, 0, "cannot write: " + why(e)
                            + (kept.isEmpty() ? "" : "; " + String.join("; ", kept)));
                }
            }
        } catch (RuntimeException e) {
            for (OutputFile out : outputs) {
                out.close();
                out.dropBackup();
            }
            throw e;
        }
        for (OutputFile out : outputs) {
            out.committed = true;
            out.dropBackup();
        }
    }

    /** Puts {@code from} in the place of {@code to}, in one atomic rename. */
    private static void replace(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Keeps the file's content, if it has one, under a hidden name beside it, until {@link #dropBackup}. */
    private void keepBackup() {
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) return; // new: restored by removing it
        try {
            backup = hidden(target, "backup", at -> {
                try {
                    return Files.createLink(at, target);
                } catch (FileAlreadyExistsException e) {
                    throw e;
                } catch (UnsupportedOperationException | FileSystemException e) {
                    return Files.copy(target, at, StandardCopyOption.COPY_ATTRIBUTES); // no hard links here
                }
            });
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /**
     * Puts back the files of {@code done}, renamed before a rename failed: each backup in its file's place, each file
     * that did not exist removed. Returns, for a message, each file that could not be put back: where its old content
     * stays, or that it did not exist.
     */
    private static List<String> restore(List<OutputFile> done) {
        List<String> kept = new ArrayList<>();
        for (OutputFile out : done) {
            try {
                if (out.backup == null) {
                    Files.deleteIfExists(out.target);
                } else {
                    replace(out.backup, out.target);
                }
            } catch (IOException e) {
                kept.add(out.label() + " is new, " + (out.backup == null ? "though it did not exist before"
                        : "its old content in " + out.backup));
            }
            out.backup = null; // put back, or left as the only copy of the old content
        }
        return kept;
    }

    /** Removes the backup, if one is kept. */
    private void dropBackup() {
        if (backup == null) return;
        try {
            Files.deleteIfExists(backup);
        } catch (IOException e) {
            // a hidden copy of the old content stays: its name says what it is
        }
        backup = null;
    }

    /**
     * Removes the {@linkplain #staged staged} file, and the hidden one unless the content was committed; the file
     * itself is left as it was.
     */
    @Override
    public void close() {
        deleteHidden(staged);
        if (committed || partial == null || partial.equals(inPlace)) return;
        deleteHidden(partial);
    }

    /** Removes the hidden file {@code hidden}, if there is one. */
    private static void deleteHidden(Path hidden) {
        if (hidden == null) return;
        try {
            Files.deleteIfExists(hidden);
        } catch (IOException e) {
            // the hidden file stays: its name says what it is, and the user's file is untouched
        }
    }

    /** A write error on this file (a full disk, a removed directory) as bad input naming the option. */
    public InputException cannotWrite(IOException e) {
        return new InputException(named.toString(), option, 0, "cannot write: " + why(e));
    }

    /** Why a file operation failed, on one line: the system's reason without the (hidden) file names it was given. */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        return InputException.oneLine(e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage());
    }

    private InputException refused(String why) {
        return new InputException(named.toString(), option, 0, why);
    }
}
