package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Rejection;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.model.CohortData;
import org.hepatica.platform.internal.model.Column;
import org.junit.jupiter.api.Test;

class CohortCsvParserTest {

    static Path reference() {
        return Path.of(System.getProperty("hepatica.reference.dir", "../../../shared/reference"));
    }

    private static ParsedCohort parse(String csv) throws Exception {
        return new CohortCsvParser(TimeUnit.DAYS).parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The derived endpoints of hcc_demo give R's numbers at risk and events: R survival's
     * survfit(Surv(os_time, os_event) ~ arm) on the same derivation, in hcc_demo.expected.json.
     */
    @Test
    void hccDemoDerivesTheEndpointsRDerived() throws Exception {
        ParsedCohort parsed;
        try (InputStream in = Files.newInputStream(reference().resolve("hcc_demo.csv"))) {
            parsed = new CohortCsvParser(TimeUnit.DAYS).parse(in);
        }
        JsonNode expected = new ObjectMapper().readTree(reference().resolve("hcc_demo.expected.json").toFile());
        CohortData data = parsed.data();
        assertEquals(400, data.size());
        assertEquals(0, parsed.rowsRejected());
        for (String endpoint : List.of("OS", "DFS")) {
            JsonNode overall = expected.get("endpoints").get(endpoint).get("km_log").get("overall").get(0);
            int[] event = endpoint.equals("OS") ? data.osEvent() : data.dfsEvent();
            double[] time = endpoint.equals("OS") ? data.osTime() : data.dfsTime();
            assertEquals(overall.get("n").asInt(), event.length, endpoint);
            int events = 0;
            for (int e : event) {
                events += e;
            }
            assertEquals(overall.get("events").asInt(), events, endpoint + " events");
            // the first row of R's table: the smallest time with its number at risk and events
            JsonNode first = overall.get("table").get(0);
            double min = Double.MAX_VALUE;
            for (double t : time) {
                min = Math.min(min, t);
            }
            assertEquals(first.get("time").asDouble(), min, 0, endpoint + " first time");
        }
        // cuminc's competing risks: as many recurrences (cause 1) as the README's CIF uses
        int recurrences = 0;
        int deaths = 0;
        for (int c : data.dfsCause()) {
            recurrences += c == 1 ? 1 : 0;
            deaths += c == 2 ? 1 : 0;
        }
        int dfsEvents = 0;
        for (int e : data.dfsEvent()) {
            dfsEvents += e;
        }
        assertEquals(dfsEvents, recurrences + deaths);
        Column arm = data.column("arm");
        assertEquals(List.of("RFA", "RFA+RT"), arm.levels());
        assertEquals(ColumnType.BINARY, data.column("mvi").type());
        assertEquals(ColumnType.DATE, data.column("treatment_date").type());
    }

    @Test
    void lungKeepsItsExtraColumnsAsNumericCovariates() throws Exception {
        ParsedCohort parsed;
        try (InputStream in = Files.newInputStream(reference().resolve("lung.csv"))) {
            parsed = new CohortCsvParser(TimeUnit.DAYS).parse(in);
        }
        assertEquals(228, parsed.data().size());
        Column ecog = parsed.data().column("ph_ecog");
        assertEquals(ColumnType.NUMERIC, ecog.type());
        assertEquals(1, ecog.missing());
        assertTrue(Double.isNaN(parsed.data().dfsTime()[0]), "no DFS in lung");
    }

    @Test
    void everyRejectedRowIsReportedWithLineColumnReasonAndKept() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,sex,age\n"
                + "A,10,1,M,50\n"
                + "B,abc,1,F,50\n"
                + "C,10,1,X,50\n"
                + "A,20,0,M,50\n"
                + "D,10,1,m,200\n"
                + "E,5\n");
        assertEquals(6, p.rowsRead());
        assertEquals(1, p.data().size());
        assertEquals(5, p.rowsRejected());
        List<Rejection> r = p.rejections();
        assertEquals(new Rejection(3, "os_time", "'abc' is not a number"), r.get(0));
        assertEquals(new Rejection(4, "sex", "'X' is not one of M, F"), r.get(1));
        assertEquals(new Rejection(5, "patient_id", "duplicate patient_id 'A' (first on line 2)"), r.get(2));
        assertEquals(6, r.get(3).line());
        assertEquals("age", r.get(3).column());
        assertEquals(new Rejection(7, null, "the row has 2 fields but the header has 5"), r.get(4));
        assertEquals("C,10,1,X,50", p.rejectedRows().get(1));
    }

    @Test
    void binaryIntegerAndRangeRulesRejectTheValueNamingTheRuleAndKeepTheBoundaries() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,mvi,tumor_count,age,ae_max_grade,margin_mm\n"
                + "A,10,1,2,1,50,0,0\n"
                + "B,10,1,0.5,1,50,0,0\n"
                + "C,10,1,1,1.5,50,0,0\n"
                + "D,10,1,1,-1,50,0,0\n"
                + "E,10,1,1,1,-0.1,0,0\n"
                + "F,10,1,1,1,130.5,0,0\n"
                + "G,10,1,1,1,50,6,0\n"
                + "H,10,1,1,1,50,0,-2\n"
                + "I,10,1,0,0,0,5,0\n"
                + "J,10,1,1,2,130,0,0\n");
        List<Rejection> r = p.rejections();
        assertEquals(List.of(
                new Rejection(2, "mvi", "'2' must be 0 or 1"),
                new Rejection(3, "mvi", "'0.5' must be 0 or 1"),
                new Rejection(4, "tumor_count", "'1.5' is not a whole number"),
                new Rejection(5, "tumor_count", "'-1' is outside the allowed range (at least 0)"),
                new Rejection(6, "age", "'-0.1' is outside the allowed range 0 to 130"),
                new Rejection(7, "age", "'130.5' is outside the allowed range 0 to 130"),
                new Rejection(8, "ae_max_grade", "'6' is outside the allowed range 0 to 5"),
                new Rejection(9, "margin_mm", "'-2' is outside the allowed range (at least 0)")), r);
        // the boundaries themselves are allowed, and the values are stored as given
        assertEquals(2, p.data().size());
        Column age = p.data().columns().stream().filter(c -> c.name().equals("age")).findFirst().orElseThrow();
        assertEquals(ColumnType.NUMERIC, age.type());
        assertArrayEquals(new double[] {0, 130}, age.values());
        Column count = p.data().columns().stream().filter(c -> c.name().equals("tumor_count")).findFirst()
                .orElseThrow();
        assertEquals(ColumnType.INTEGER, count.type());
        assertArrayEquals(new double[] {0, 2}, count.values());
        Column mvi = p.data().columns().stream().filter(c -> c.name().equals("mvi")).findFirst().orElseThrow();
        assertEquals(ColumnType.BINARY, mvi.type());
    }

    @Test
    void quotedFieldsCrlfBomAndCaseInsensitiveHeadersAreRead() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String body = " Patient_ID ,OS_TIME,os_event,note\r\n\"P,1\",12,0,\"two\nlines \"\"quoted\"\"\"\r\nP2,3,1,x\r\n";
        byte[] bytes = new byte[bom.length + body.getBytes(StandardCharsets.UTF_8).length];
        System.arraycopy(bom, 0, bytes, 0, 3);
        System.arraycopy(body.getBytes(StandardCharsets.UTF_8), 0, bytes, 3, bytes.length - 3);
        ParsedCohort p = new CohortCsvParser(TimeUnit.DAYS).parse(new ByteArrayInputStream(bytes));
        assertEquals(2, p.data().size(), p.rejections().toString());
        Column id = p.data().columns().get(0);
        assertEquals("patient_id", id.name());
        assertArrayEquals(new String[] {"P,1", "P2"}, id.texts());
        Column note = p.data().column("note");
        assertEquals(List.of("two\nlines \"quoted\"", "x"), note.levels());
        assertArrayEquals(new double[] {12, 3}, p.data().osTime());
    }

    @Test
    void aRowAfterAQuotedLineBreakReportsItsPhysicalLine() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,note\nA,1,1,\"x\ny\"\nB,-1,1,z\n");
        assertEquals(4, p.rejections().get(0).line());
    }

    @Test
    void extraColumnsAreNumericOnlyWhenEveryValueIsANumber() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,lab,grade\nA,1,1,1.5,low\nB,2,0,,2\n");
        assertEquals(ColumnType.NUMERIC, p.data().column("lab").type());
        assertEquals(ColumnType.CATEGORICAL, p.data().column("grade").type());
        assertEquals(List.of("2", "low"), p.data().column("grade").levels());
        assertTrue(Double.isNaN(p.data().column("lab").values()[1]));
    }

    /** A cell of spaces only is a missing value, in text and number columns and as the first field. */
    @Test
    void aCellOfSpacesOnlyIsMissing() throws Exception {
        ParsedCohort p = parse("site,patient_id,os_time,os_event,lab,grade\n"
                + "   ,A,1,1,1.5,low\n"
                + "X,B,2,0,  ,   \n");
        assertEquals(2, p.data().size(), () -> p.rejections().toString());
        assertTrue(Double.isNaN(p.data().column("lab").values()[1]));
        assertEquals(List.of("low"), p.data().column("grade").levels());
        assertEquals(List.of("X"), p.data().column("site").levels());
    }

    @Test
    void inputsThatAreNotACohortAreRefusedWithTheReason() {
        assertEquals("the input is empty", refused("").getMessage());
        assertEquals("the input has a header but no data rows", refused("patient_id,os_time,os_event\n").getMessage());
        CohortImportException noId = refused("id,os_time\n1,2\n");
        assertEquals("the header has no patient_id column", noId.problems().get(0).reason());
        CohortImportException semicolons = refused("patient_id;os_time\nA;1\n");
        assertTrue(semicolons.problems().get(0).reason().contains("separated by ';'"));
        CohortImportException twice = refused("patient_id,age,AGE\nA,1,2\n");
        assertTrue(twice.problems().get(0).reason().contains("appears twice"));
        CohortImportException open = refused("patient_id,os_time,os_event\nA,1,\"1\n");
        assertTrue(open.problems().get(0).reason().contains("never closed"));
        CohortImportException none = refused("patient_id,os_time,os_event\nA,-1,1\n");
        assertEquals("no row is acceptable", none.getMessage());
        assertEquals(1, none.problems().size());
    }

    @Test
    void aValueThatIsNotUtf8IsRejectedNamingTheEncoding() throws Exception {
        byte[] latin1 = "patient_id,os_time,os_event,site\nA,1,1,Z\u00fcrich\nB,1,0,Bern\n".getBytes(StandardCharsets.ISO_8859_1);
        ParsedCohort p = new CohortCsvParser(TimeUnit.DAYS).parse(new ByteArrayInputStream(latin1));
        assertEquals(1, p.data().size());
        assertEquals("site", p.rejections().get(0).column());
        assertTrue(p.rejections().get(0).reason().contains("UTF-8"));
    }

    @Test
    void invalidDatesAreRejected() throws Exception {
        ParsedCohort p = parse("patient_id,treatment_date,last_followup_date\nA,2020-02-30,2021-01-01\n"
                + "B,01/02/2020,2021-01-01\nC,2020-01-01,2021-01-01\n");
        assertEquals("'2020-02-30' is not a calendar date", p.rejections().get(0).reason());
        assertEquals("'01/02/2020' is not an ISO-8601 date (YYYY-MM-DD)", p.rejections().get(1).reason());
        assertEquals(1, p.data().size());
        assertNull(p.data().column("arm"));
    }

    private static CohortImportException refused(String csv) {
        return assertThrows(CohortImportException.class, () -> parse(csv));
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }

    @Test
    void controlCharactersInIdentifiersAndLevelsAreRejectedPerRow() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,sex,note\n"
                + "P\u00001,10,1,M,a\n"
                + "P2,20,0,\"F\u0007\",b\n"
                + "P3,30,1,F,\"two\nlines\tand a tab\"\n");
        assertEquals(1, p.data().size(), "only P3: a line break or tab in free text is kept");
        List<Rejection> r = p.rejections();
        assertEquals(2, r.size(), r.toString());
        assertEquals(new Rejection(2, "patient_id", "the value contains the control character U+0000 at position 2;"
                + " identifiers and levels must be plain text"), r.get(0));
        assertEquals("sex", r.get(1).column());
        assertTrue(r.get(1).reason().contains("U+0007"), r.get(1).reason());
    }

    @Test
    void aCellLongerThanTheStoreHoldsRejectsItsRowAndLongValuesAreQuotedShort() throws Exception {
        String big = "x".repeat(70_000);
        ParsedCohort p = parse("patient_id,os_time,os_event,note,sex\n"
                + "P1,10,1," + big + ",M\n"
                + "P2,20,0,short,\"" + "y".repeat(1000) + "\"\n"
                + "P3,30,1,\"" + "\u00e9".repeat(32_768) + "\",F\n"
                + "P4,40,0,ok,M\n");
        assertEquals(1, p.data().size());
        List<Rejection> r = p.rejections();
        assertEquals(new Rejection(2, "note", "the value is 70000 bytes long; a cell holds at most 65535 bytes of UTF-8"),
                r.get(0));
        assertTrue(r.get(1).reason().length() < 200, "a 1000-character level is not echoed whole: " + r.get(1));
        assertEquals("the value is 65536 bytes long; a cell holds at most 65535 bytes of UTF-8", r.get(2).reason(),
                "32768 e-acute take 2 bytes each");
    }

    @Test
    void levelsAreStoredInTheContractsSpellingWhateverTheirCase() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,sex,rt_technique\n"
                + "P1,10,1,m,imrt\nP2,20,0,F,Sbrt\nP3,30,1,f,NONE\nP4,40,0,M,IMRT\n");
        assertEquals(4, p.data().size(), p.rejections().toString());
        Column sex = p.data().column("sex");
        assertEquals(List.of("F", "M"), sex.levels());
        assertArrayEquals(new int[] {1, 0, 0, 1}, sex.codes());
        Column technique = p.data().column("rt_technique");
        assertEquals(List.of("IMRT", "SBRT", "none"), technique.levels());
        assertArrayEquals(new int[] {0, 1, 2, 0}, technique.codes());
    }

    @Test
    void aRejectedRowIsKeptAsCsvThatReadsBackToItsValues() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,a,b,c,d\n"
                + "P1,-1,1,\",x\",\"\"\"y\",\"\nz\",plain\n"
                + "P2,10,1,x,y,z,w\n");
        assertEquals(List.of("P1,-1,1,\",x\",\"\"\"y\",\"\nz\",plain"), p.rejectedRows());
        ParsedCohort back = parse("patient_id,os_time,os_event,a,b,c,d\n"
                + p.rejectedRows().get(0).replace(",-1,", ",5,") + "\n");
        assertEquals(List.of(",x"), back.data().column("a").levels());
        assertEquals(List.of("\"y"), back.data().column("b").levels());
        assertEquals(List.of("\nz"), back.data().column("c").levels());
    }

    @Test
    void aDuplicateRowIsKeptWithItsText() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,note\nP1,10,1,first\nP2,5,0,x\nP1,20,0,\"a, b\"\n");
        assertEquals(2, p.data().size());
        assertEquals(List.of(new Rejection(4, "patient_id", "duplicate patient_id 'P1' (first on line 2)")),
                p.rejections());
        assertEquals(List.of("P1,20,0,\"a, b\""), p.rejectedRows());
    }

    @Test
    void anEmptyPatientIdIsNamedBesideTheRowsOtherProblems() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,age\n,10,1,200\nP2,10,1,60\n");
        assertEquals(List.of(new Rejection(2, "age", "'200' is outside the allowed range 0 to 130"),
                new Rejection(2, "patient_id", "patient_id is empty")), p.rejections());
    }

    @Test
    void aTabIsFreeTextInAnExtraColumnButNotInAnIdentifierOrASite() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,site,note\n"
                + "\"P\t1\",10,1,A,x\n"
                + "P2,20,0,\"Centre\tNord\",y\n"
                + "P3,20,0,B,\"a\tb\"\n");
        String plain = " identifiers and levels must be plain text";
        assertEquals(List.of(
                new Rejection(2, "patient_id", "the value contains the control character U+0009 at position 2;" + plain),
                new Rejection(3, "site", "the value contains the control character U+0009 at position 7;" + plain)),
                p.rejections());
        assertEquals(1, p.data().size());
        assertEquals(List.of("a\tb"), p.data().column("note").levels());
    }

    @Test
    void aValueIsQuotedWholeUpToSixtyCharacters() throws Exception {
        String sixty = "X".repeat(60);
        String longer = "Y".repeat(61);
        ParsedCohort p = parse("patient_id,os_time,os_event,sex\nP1,10,1," + sixty + "\nP2,10,1," + longer
                + "\nP3,10,1,M\n");
        assertEquals("'" + sixty + "' is not one of M, F", p.rejections().get(0).reason());
        assertEquals("'" + "Y".repeat(40) + "...' (61 characters) is not one of M, F", p.rejections().get(1).reason());
    }

    @Test
    void aCellHoldsExactly65535BytesOfUtf8() throws Exception {
        ParsedCohort p = parse("patient_id,os_time,os_event,note\n"
                + "P1,10,1," + "x".repeat(CohortCsvParser.MAX_VALUE_BYTES) + "\n"
                + "P2,10,1," + "\u0800".repeat(21_845) + "\n"
                + "P3,10,1," + "\u0800".repeat(21_846) + "\n"
                + "P4,10,1," + "\u07ff".repeat(32_767) + "\n");
        assertEquals(List.of(new Rejection(4, "note", "the value is 65538 bytes long; a cell holds at most 65535 bytes"
                + " of UTF-8")), p.rejections(), "U+0800 takes 3 bytes, U+07FF 2");
        assertEquals(3, p.data().size());
    }

    @Test
    void aRecordThatGrowsPastTheCopyBufferIsReadWhole() throws Exception {
        // a doubled quote makes the reader copy the record; 1,100 bytes outgrow its first buffer
        String note = "say \"\"yes\"\" " + "n".repeat(1100);
        ParsedCohort p = parse("patient_id,os_time,os_event,note,sex\nP1,10,1,\"" + note + "\",M\nP2,20,0,x,F\n");
        assertEquals(2, p.data().size(), p.rejections().toString());
        assertEquals(0, p.rowsRejected());
    }
}
