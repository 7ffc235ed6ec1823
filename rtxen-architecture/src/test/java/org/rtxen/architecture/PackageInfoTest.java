package org.rtxen.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every package of main code has a {@code package-info.java} whose Javadoc says what the package is (the architecture
 * guide's habit: a newcomer reads one paragraph per package). javac writes no class for a package-info without
 * annotations, so this rule reads the sources.
 */
class PackageInfoTest {
    /** A Javadoc comment with at least one word in it, before the package declaration. */
    private static final Pattern DOCUMENTED = Pattern.compile("(?s)\\A\\s*/\\*\\*.*?\\w.*?\\*/\\s*package\\s");

    @Test
    void everyMainPackage_hasAPackageInfoThatSaysWhatItIs() throws IOException {
        Path root = MainSources.root();
        TreeSet<Path> packages = new TreeSet<>();
        for (Path file : MainSources.under(root)) packages.add(file.getParent());
        List<String> missing = new ArrayList<>();
        for (Path dir : packages) {
            Path info = dir.resolve("package-info.java");
            if (!Files.exists(info)) {
                missing.add(MainSources.name(root, dir) + ": no package-info.java");
            } else if (!DOCUMENTED.matcher(Files.readString(info)).find()) {
                missing.add(MainSources.name(root, info) + ": no Javadoc before the package declaration");
            }
        }
        assertTrue(packages.size() > 30, "only " + packages.size() + " packages found under " + root);
        assertEquals(List.of(), missing);
    }
}
