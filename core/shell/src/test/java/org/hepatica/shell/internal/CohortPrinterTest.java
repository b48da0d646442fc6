package org.hepatica.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.Rejection;
import org.junit.jupiter.api.Test;

class CohortPrinterTest {

    private static List<Rejection> rejections(int n) {
        List<Rejection> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            r.add(new Rejection(i + 2, "os_time", "must not be negative"));
        }
        return r;
    }

    @Test
    void anImportShowsItsCountsTheFirstTenRejectionsAndTheCohort() {
        ImportResult r = new ImportResult("c-1", "small", 2, "ab12", 20, 8, 12, rejections(12), true);
        String s = Samples.printed(out -> CohortPrinter.imported(r, out));
        assertTrue(s.startsWith("rows read 20, accepted 8, rejected 12"), s);
        assertTrue(s.contains("  line 2, column os_time: must not be negative"), s);
        assertTrue(s.contains("  line 11, column os_time"), s);
        assertFalse(s.contains("line 12,"), "only the first 10:\n" + s);
        assertTrue(s.contains("  ... and 2 more"), s);
        assertTrue(s.contains("imported cohort c-1 (small, version 2)"), s);
    }

    @Test
    void theSameBytesAgainNameTheCohortFoundAndCountEveryProblem() {
        ImportResult r = new ImportResult("c-1", "small", 1, "ab12", 3000, 1000, 2000, rejections(1000), false, 2000);
        String s = Samples.printed(out -> CohortPrinter.imported(r, out));
        assertTrue(s.contains("  ... and 1990 more"), s);
        assertTrue(s.contains("already imported (same bytes) as cohort c-1 (small, version 1)"), s);
    }

    @Test
    void aRefusedImportGivesItsReasonAndProblems() {
        CohortImportException e = new CohortImportException("no acceptable row", 2,
                List.of(new Rejection(0, null, "no patient_id column"), new Rejection(3, null, "row has 3 fields, header 2")));
        assertEquals("import refused: no acceptable row\nrows read 2\n  input: no patient_id column\n"
                + "  line 3: row has 3 fields, header 2", CohortPrinter.refused(e).replace(System.lineSeparator(), "\n"));
    }
}
