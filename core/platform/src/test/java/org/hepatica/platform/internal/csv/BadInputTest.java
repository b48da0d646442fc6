package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.List;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.Rejection;
import org.hepatica.cohort.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input files (src/test/resources/bad-input) through the one parser and validator: each gets a
 * specific answer naming line, column and reason; acceptable rows beside a bad one are kept, never
 * dropped; a file that cannot be read as a cohort CSV is refused whole (nothing would be stored).
 */
class BadInputTest {

    private static InputStream open(String file) {
        InputStream in = BadInputTest.class.getResourceAsStream("/bad-input/" + file);
        if (in == null) {
            throw new IllegalStateException("missing test file bad-input/" + file);
        }
        return in;
    }

    /** Files refused whole: the first problem's line, column (empty = none) and a part of its reason. */
    @ParameterizedTest(name = "{0} is refused: {3}")
    @CsvSource(delimiter = '|', value = {
        "not-csv.xlsx           | 1 |            | contains NUL bytes: it is not a CSV text file",
        "binary-garbage.csv     | 1 |            | contains NUL bytes",
        "empty.csv              | 0 |            | the input is empty",
        "header-only.csv        | 0 |            | a header but no data rows",
        "no-header.csv          | 1 |            | header column 5 has no name",
        "no-patient-id.csv      | 1 | patient_id | the header has no patient_id column",
        "semicolons.csv         | 1 |            | separated by ';'; the cohort CSV is comma-separated",
        "tabs.tsv               | 1 |            | separated by tabs",
        "duplicate-header.csv   | 1 | age        | column 'age' appears twice in the header (columns 2 and 4)",
        "huge-column-count.csv  | 1 |            | more than 10000 columns",
        "unclosed-quote.csv     | 3 |            | a quoted field opened on line 3 is never closed",
        "no-endpoint.csv        | 2 |            | no endpoint can be derived",
    })
    void refusedWhole(String file, long line, String column, String reason) {
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> new CohortCsvParser(TimeUnit.DAYS).parse(open(file)));
        Rejection first = e.problems().get(0);
        assertEquals(line, first.line(), first.toString());
        assertEquals(column, first.column(), first.toString());
        assertTrue(first.reason().contains(reason), first.toString());
    }

    /** Files with one bad row: it is rejected with line, column, reason; the good row is kept. */
    @ParameterizedTest(name = "{0}: line {1} rejected, {4} accepted")
    @CsvSource(delimiter = '|', value = {
        "mixed-delimiters.csv       | 3 |                    | the row has 1 fields but the header has 7      | 1",
        "windows-1252.csv           | 2 | site               | not valid UTF-8                                | 1",
        "bad-date.csv               | 3 | treatment_date     | '2018-13-02' is not a calendar date            | 1",
        "bad-number.csv             | 3 | age                | 'sixty' is not a number                        | 1",
        "duplicate-id.csv           | 3 | patient_id         | duplicate patient_id 'P1' (first on line 2)    | 1",
        "negative-time.csv          | 3 | os_time            | os_time is negative                            | 1",
        "dates-out-of-order.csv     | 3 | last_followup_date | last_followup_date lies before treatment_date  | 1",
        "date-before-treatment.csv  | 3 | recurrence_date    | recurrence_date lies before treatment_date     | 1",
        "recurrence-after-death.csv | 3 | recurrence_date    | recurrence_date lies after death_date          | 1",
        "dfs-exceeds-os.csv         | 3 | dfs_time           | dfs_time exceeds os_time                       | 1",
        "bad-event.csv              | 3 | os_event           | must be 0 (censored) or 1 (event)              | 1",
        "ragged-row.csv             | 3 |                    | the row has 3 fields but the header has 7      | 1",
        "text-after-quote.csv       | 2 |                    | unexpected text after a closing quote          | 1",
        // the quoted line break makes P2 start on physical line 4
        "quoted-newline.csv         | 4 | age                | 'sixty' is not a number                        | 1",
    })
    void oneRowRejected(String file, long line, String column, String reason, int accepted) throws Exception {
        ParsedCohort parsed = new CohortCsvParser(TimeUnit.DAYS).parse(open(file));
        List<Rejection> rejections = parsed.rejections();
        assertEquals(1, rejections.size(), rejections.toString());
        Rejection r = rejections.get(0);
        assertEquals(line, r.line(), r.toString());
        assertEquals(column, r.column(), r.toString());
        assertTrue(r.reason().contains(reason), r.toString());
        assertEquals(accepted, parsed.data().size());
        assertEquals(accepted + 1, parsed.rowsRead());
        assertEquals(1, parsed.rejectedRows().size(), "the rejected row's text is kept");
    }

    /** Accepted as they are: a UTF-8 byte-order mark and CRLF line ends. */
    @ParameterizedTest(name = "{0} is accepted: {1} rows")
    @CsvSource(delimiter = '|', value = {"bom.csv | 1", "crlf.csv | 2"})
    void accepted(String file, int rows) throws Exception {
        ParsedCohort parsed = new CohortCsvParser(TimeUnit.DAYS).parse(open(file));
        assertEquals(List.of(), parsed.rejections());
        assertEquals(rows, parsed.data().size());
    }
}
