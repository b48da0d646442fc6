package org.hepatica.platform.internal.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The temporary files of an import (the copy of the uploaded bytes, the encoded cohort), in the
 * JVM's temporary folder ({@code data/tmp} under Karaf). An import deletes its own when it ends;
 * those of an import the JVM did not survive (kill -9, power loss) are removed at the next start.
 */
public final class ImportTempFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ImportTempFiles.class);
    /** The copy of an upload's bytes. */
    public static final String UPLOAD = "hepatica-import-";
    /** A cohort encoded for the store. */
    public static final String ENCODED = "hepatica-cohort-";

    private ImportTempFiles() {
    }

    /** A new temporary file of that kind. */
    public static Path create(String prefix, String suffix) throws IOException {
        return Files.createTempFile(prefix, suffix);
    }

    /**
     * Removes the import files in {@code dir} written before this JVM started (so never those of
     * an import running now).
     *
     * @return how many were removed
     */
    public static int removeLeftovers(Path dir) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        int removed = 0;
        long bytes = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "{" + UPLOAD + "," + ENCODED + "}*")) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f) && Files.getLastModifiedTime(f).toMillis() < jvmStart) {
                        long size = Files.size(f);
                        Files.delete(f);
                        removed++;
                        bytes += size;
                    }
                } catch (IOException e) {
                    LOG.warn("cannot remove the leftover import file {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for leftover import files in {}: {}", dir, e.getMessage());
        }
        if (removed > 0) {
            LOG.info("removed {} temporary files ({} MB) of imports interrupted before this start", removed,
                    bytes / (1024 * 1024));
        }
        return removed;
    }
}
