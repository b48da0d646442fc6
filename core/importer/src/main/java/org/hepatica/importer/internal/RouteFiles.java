package org.hepatica.importer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Institution route files: every {@code *.yaml}, {@code *.yml} and {@code *.xml} in the directory is
 * loaded at start; a file that changes is reloaded (its routes replaced) while the routes of the other
 * files, and the platform's own routes, keep running. A file that does not load is logged and skipped.
 */
final class RouteFiles {
    static final String PATTERN = "*.yaml,*.yml,*.xml";
    private static final Logger LOG = LoggerFactory.getLogger(RouteFiles.class);

    private final CamelContext context;
    private final Path directory;

    RouteFiles(CamelContext context, Path directory) {
        this.context = context;
        this.directory = directory;
    }

    /** Loads every route file; returns the files that loaded. */
    List<Path> loadAll() throws IOException {
        if (!Files.isDirectory(directory)) {
            LOG.info("no route file directory {}", directory);
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(directory)) {
            files = s.filter(RouteFiles::isRouteFile).sorted().toList();
        }
        return files.stream().filter(this::load).toList();
    }

    boolean load(Path file) {
        try {
            PluginHelper.getRoutesLoader(context)
                    .loadRoutes(ResourceHelper.resolveResource(context, "file:" + file.toAbsolutePath()));
            LOG.info("loaded route file {}", file.getFileName());
            return true;
        } catch (Exception e) {
            LOG.warn("route file {} not loaded: {}", file, e.getMessage(), e);
            return false;
        }
    }

    /** Starts watching the directory (the context must be started). */
    void watch() throws Exception {
        if (!Files.isDirectory(directory)) {
            return;
        }
        RouteWatcherReloadStrategy reload = new RouteWatcherReloadStrategy(directory.toAbsolutePath().toString(), false);
        reload.setPattern(PATTERN);
        reload.setRemoveAllRoutes(false);
        context.addService(reload, true, true);
        LOG.info("watching {} for route file changes", directory);
    }

    static boolean isRouteFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return Files.isRegularFile(p) && !n.startsWith(".")
                && (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".xml"));
    }
}
