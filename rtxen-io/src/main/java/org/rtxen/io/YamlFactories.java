package org.rtxen.io;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.yaml.snakeyaml.LoaderOptions;

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
}
