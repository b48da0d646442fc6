package org.hepatica.platform.internal.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.csv.CohortCsvParser;
import org.hepatica.platform.internal.csv.ParsedCohort;
import org.hepatica.platform.internal.model.CohortData;
import org.junit.jupiter.api.Test;

class SyntheticCohortTest {

    /** 400 patients with seed 20261126 are distribution/src/main/resources/demo/hcc-demo.csv (its SHA-256). */
    @Test
    void theFullShapeIsTheDemoCohortByteForByte() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            SyntheticCohort.write(400, 20261126L, out);
        }
        assertEquals("d0a40d524b9b6f91e75cf63f7dd70f3a8ba5b2f83faad71cd4cc4a37c447767d",
                HexFormat.of().formatHex(sha.digest()));
    }

    @Test
    void theSlimShapeImportsWithoutARejectedRow() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticCohort.writeSlim(2000, 7, out);
        ParsedCohort parsed = new CohortCsvParser(TimeUnit.DAYS).parse(new ByteArrayInputStream(out.toByteArray()));

        assertEquals(2000, parsed.rowsRead());
        assertEquals(0, parsed.rowsRejected(), () -> parsed.rejections().toString());
        CohortData data = parsed.data();
        assertEquals(List.of("patient_id", "arm", "os_time", "os_event", "dfs_time", "dfs_event", "mvi", "margin_mm"),
                data.columns().stream().map(c -> c.name()).toList());
        int osEvents = 0;
        int dfsEvents = 0;
        for (int i = 0; i < data.size(); i++) {
            assertTrue(data.dfsTime()[i] <= data.osTime()[i], "dfs_time <= os_time");
            osEvents += data.osEvent()[i];
            dfsEvents += data.dfsEvent()[i];
        }
        // the model gives both censored patients and events, more of them for DFS than for OS
        assertTrue(osEvents > 0 && osEvents < 2000, "OS events " + osEvents);
        assertTrue(dfsEvents > osEvents && dfsEvents < 2000, "DFS events " + dfsEvents);
    }

    /** About 34 bytes a row, so a 1M-row file is about 34 MB (measured on 10^4 rows). */
    @Test
    void aMillionSlimRowsAreAbout34Megabytes() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SyntheticCohort.writeSlim(10_000, 1, out);
        long million = out.size() * 100L;
        assertTrue(million >= 30_000_000 && million <= 35_000_000, million + " bytes");
    }
}
