package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportTempFilesTest {
    @TempDir
    Path dir;

    @Test
    void filesOfImportsInterruptedBeforeThisStartAreRemovedAndNothingElse() throws Exception {
        FileTime yesterday = FileTime.from(Instant.now().minus(1, ChronoUnit.DAYS));
        Path upload = Files.writeString(dir.resolve(ImportTempFiles.UPLOAD + "123.csv"), "patient_id\n");
        Path encoded = Files.writeString(dir.resolve(ImportTempFiles.ENCODED + "456.bin"), "x");
        Path other = Files.writeString(dir.resolve("README"), "not ours");
        for (Path p : new Path[] {upload, encoded, other}) {
            Files.setLastModifiedTime(p, yesterday);
        }
        Path running = Files.writeString(dir.resolve(ImportTempFiles.UPLOAD + "789.csv"), "an import of now");

        assertEquals(2, ImportTempFiles.removeLeftovers(dir));
        assertFalse(Files.exists(upload));
        assertFalse(Files.exists(encoded));
        assertTrue(Files.exists(other), "files of other kinds are left alone");
        assertTrue(Files.exists(running), "a file written since this JVM started belongs to a running import");
    }
}
