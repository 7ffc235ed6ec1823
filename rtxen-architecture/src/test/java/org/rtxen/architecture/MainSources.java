package org.rtxen.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The main Java sources of every module of this checkout, for the rules that ArchUnit, which sees classes, cannot state. */
final class MainSources {
    private MainSources() {}

    /** The checkout's root: the directory, from the working directory up, that holds rtxen-model. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("rtxen-model/src/main/java"))) return dir;
        }
        throw new UncheckedIOException(new IOException("no rtxen-model above " + Path.of("").toAbsolutePath()));
    }

    /** Every Java source of a module's main code below {@code root}, build output left out. */
    static List<Path> under(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(MainSources::isMainSource).sorted().toList();
        }
    }

    /** {@code file} as a path relative to {@code root}, with forward slashes. */
    static String name(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }

    private static boolean isMainSource(Path file) {
        String s = file.toString().replace('\\', '/');
        return s.endsWith(".java") && s.contains("/src/main/java/") && !s.contains("/target/");
    }
}
