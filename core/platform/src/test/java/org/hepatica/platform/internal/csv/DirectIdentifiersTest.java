package org.hepatica.platform.internal.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.model.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Columns that look like direct identifiers refuse the import, by name or by content, unless dropped. */
class DirectIdentifiersTest {

    private static ParsedCohort parse(String csv, String... drop) throws Exception {
        CohortCsvParser parser = new CohortCsvParser(TimeUnit.DAYS);
        if (drop.length > 0) {
            parser = parser.withDroppedColumns(Set.of(drop));
        }
        return parser.parse(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    }

    /** A cohort of {@code rows} rows with an extra column {@code column} valued {@code value(i)}. */
    private static String cohort(String column, int rows, IntFunction<String> value) {
        StringBuilder b = new StringBuilder("patient_id,os_time,os_event," + column + "\n");
        for (int i = 0; i < rows; i++) {
            b.append("P").append(i).append(',').append(100 + i).append(',').append(i % 2).append(',')
                    .append(value.apply(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void aHeaderNamedEmailIsRefusedNamingIt() {
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> parse(cohort("email", 10, i -> "x")));
        assertEquals("column 'email' looks like a direct identifier (its name says it holds an e-mail address):"
                + " drop it before import, or import with dropColumns=email", e.getMessage());
        assertEquals(1, e.problems().size());
        assertEquals("email", e.problems().get(0).column());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Name", "first_name", "Last Name", "family-name", "GivenName", "surname", "patient_name",
        "full_name", "phone", "Telephone", "mobile", "E_Mail", "mail", "address", "street", "zip", "postcode", "SSN",
        "social_security", "national_id", "nhs_number", "insurance_number", "MRN", "medical_record_number",
        "date_of_birth", "DOB", "birth_date"})
    void everyListedHeaderIsRefused(String header) {
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> parse(cohort(header, 3, i -> "")));
        String name = header.trim().toLowerCase(java.util.Locale.ROOT);
        assertTrue(e.getMessage().startsWith("column '" + name + "' looks like a direct identifier"), e.getMessage());
        assertTrue(e.getMessage().endsWith("dropColumns=" + name), e.getMessage());
    }

    @Test
    void severalIdentifierColumnsAreNamedTogether() {
        String csv = "patient_id,os_time,os_event,first_name,last_name,age\nP1,10,1,Ann,Lee,60\n";
        CohortImportException e = assertThrows(CohortImportException.class, () -> parse(csv));
        assertEquals(2, e.problems().size());
        assertTrue(e.getMessage().contains("dropColumns=first_name,last_name"), e.getMessage());
    }

    @Test
    void emailAddressesInAContactColumnAreRefused() {
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> parse(cohort("contact", 400, i -> i % 10 == 0 ? "p" + i + "@example.org" : "")));
        assertEquals("column 'contact' looks like a direct identifier (e-mail addresses in 40 of 400 rows):"
                + " drop it before import, or import with dropColumns=contact", e.getMessage());
        assertEquals("contact", e.problems().get(0).column());
    }

    @Test
    void threeEmailAddressesAmongManyValuesAreEnough() {
        assertThrows(CohortImportException.class, () -> parse(cohort("note", 1000,
                i -> i < 3 ? "call back: nurse" + i + "@hospital.example" : "level " + (i % 4))));
    }

    @Test
    void phoneNumbersAreRefused() {
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> parse(cohort("contact_details", 20, i -> "+33 6 12 34 56 " + (10 + i))));
        assertEquals("column 'contact_details' looks like a direct identifier (phone numbers in 20 of 20 rows):"
                + " drop it before import, or import with dropColumns=contact_details", e.getMessage());
        assertThrows(CohortImportException.class, () -> parse(cohort("tel_home", 10,
                i -> i % 2 == 0 ? "(555) 123-45" + (10 + i) : "unknown")));
    }

    @Test
    void numericCovariatesDatesAndOrdinaryLevelsAreAccepted() throws Exception {
        // big numbers (a numeric column is never judged by content), also next to "NA"
        assertEquals(50, parse(cohort("afp_ng_ml", 50, i -> String.valueOf(1_000_000L * (i + 1)))).data().size());
        assertEquals(50, parse(cohort("hbv_dna_iu", 50, i -> i % 3 == 0 ? "NA" : "12345678" + i)).data().size());
        // dates, year spans and date-like categories
        assertEquals(50, parse(cohort("diagnosis_date", 50, i -> "2017-06-" + (10 + i % 20))).data().size());
        assertEquals(50, parse(cohort("biopsy_day", 50, i -> (10 + i % 18) + "-06-2017")).data().size());
        assertEquals(50, parse(cohort("study_period", 50, i -> "2015-2019")).data().size());
        assertEquals(50, parse(cohort("genotype", 50, i -> i % 2 == 0 ? "HBV" : "HCV")).data().size());
        // short codes with dashes
        assertEquals(50, parse(cohort("lot", 50, i -> "A-12-" + i)).data().size());
        ParsedCohort p = parse(cohort("afp_ng_ml", 5, i -> "12.5"));
        assertEquals(ColumnType.NUMERIC, p.data().column("afp_ng_ml").type());
    }

    @Test
    void theReferenceAndDemoCohortsAreAccepted() throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(CohortCsvParserTest.reference(), "*.csv")) {
            dir.forEach(files::add);
        }
        files.add(Path.of("../../distribution/src/main/resources/demo/hcc-demo.csv"));
        assertTrue(files.size() >= 3, files.toString());
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                assertTrue(new CohortCsvParser(TimeUnit.DAYS).parse(in).data().size() > 0, f.toString());
            }
        }
    }

    @Test
    void aDroppedColumnIsNeitherCheckedNorStored() throws Exception {
        String csv = "patient_id,Email,os_time,os_event,age\n"
                + "P1,a@b.org,10,1,60\n"
                + "P2,c@d.org,20,0,61\n"
                + "P3,e@f.org,x,0,62\n";
        ParsedCohort p = parse(csv, "email");
        assertEquals(2, p.data().size());
        for (Column c : p.data().columns()) {
            assertFalse(c.name().equals("email"), "the dropped column is not stored");
        }
        assertEquals(60, p.data().column("age").values()[0]);
        assertNotNull(p.data().column("os_time"));
        // the rejected row's text is kept without it
        assertEquals(List.of("P3,x,0,62"), p.rejectedRows());
        assertEquals("os_time", p.rejections().get(0).column());
    }

    @Test
    void droppingAContentMatchKeepsTheOtherColumns() throws Exception {
        ParsedCohort p = parse(cohort("contact", 20, i -> "p" + i + "@example.org"), "CONTACT");
        assertEquals(20, p.data().size());
        assertNull(p.data().column("contact"));
    }

    @Test
    void aRaggedRowsTextIsNotKeptWhenColumnsAreDropped() throws Exception {
        String csv = "patient_id,email,os_time,os_event\nP1,a@b.org,10,1\nP2,c@d.org,20\n";
        ParsedCohort p = parse(csv, "email");
        assertEquals(1, p.rowsRejected());
        assertEquals(List.of("(not kept: the row has 3 fields but the header has 4, and the import drops columns)"),
                p.rejectedRows());
    }

    @Test
    void aDroppedColumnTheHeaderLacksIsRefusedNamingIt() {
        CohortImportException e = assertThrows(CohortImportException.class,
                () -> parse(cohort("age", 3, i -> "60"), "e_mail"));
        assertEquals("dropColumns names column 'e_mail', which the header does not have", e.getMessage());
        assertEquals("e_mail", e.problems().get(0).column());
        CohortImportException id = assertThrows(CohortImportException.class,
                () -> parse(cohort("age", 3, i -> "60"), "patient_id"));
        assertTrue(id.getMessage().contains("patient_id cannot be dropped"), id.getMessage());
    }

    @Test
    void partedParsesDropTheSameColumns() throws Exception {
        String csv = cohort("email", 5000, i -> "p" + i + "@example.org");
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        ParsedCohort whole = parse(csv, "email");
        ParsedCohort parted = new CohortCsvParser(TimeUnit.DAYS, 4096, 3).withDroppedColumns(Set.of("email"))
                .parse(new ByteArrayInputStream(bytes));
        assertEquals(names(whole), names(parted));
        assertEquals(List.of("patient_id", "os_time", "os_event"), names(parted));
        assertEquals(5000, parted.data().size());
        assertThrows(CohortImportException.class, () -> new CohortCsvParser(TimeUnit.DAYS, 4096, 3)
                .parse(new ByteArrayInputStream(cohort("contact", 5000, i -> "p" + i + "@example.org")
                        .getBytes(StandardCharsets.UTF_8))));
    }

    private static List<String> names(ParsedCohort p) {
        return p.data().columns().stream().map(Column::name).toList();
    }

    @Test
    void valuesThatLookLikeIdentifiers() {
        assertTrue(DirectIdentifiers.isEmail("jane.doe+hcc@mail.example.org"));
        assertFalse(DirectIdentifiers.isEmail("@home"));
        assertFalse(DirectIdentifiers.isEmail("a@b"));
        assertTrue(DirectIdentifiers.isEmail("write to jane@example.org."));
        assertFalse(DirectIdentifiers.isEmail("dose 5 Gy @ 3 fractions"));
        assertTrue(DirectIdentifiers.isPhone("+33612345678"));
        assertTrue(DirectIdentifiers.isPhone("555-1234"));
        assertTrue(DirectIdentifiers.isPhone("(020) 7946 0958"));
        assertFalse(DirectIdentifiers.isPhone("0612345678"), "a plain number");
        assertFalse(DirectIdentifiers.isPhone("2017-06-05"));
        assertFalse(DirectIdentifiers.isPhone("05-06-2017"));
        assertFalse(DirectIdentifiers.isPhone("2015 - 2019"));
        assertFalse(DirectIdentifiers.isPhone("12-34"));
        assertFalse(DirectIdentifiers.isPhone("1234567890123456"), "more digits than a phone number has");
        assertTrue(DirectIdentifiers.isPhone("+123456789012345"), "15 digits, the most a phone number has");
        assertFalse(DirectIdentifiers.isPhone("555-123"), "6 digits are too few");
        assertTrue(DirectIdentifiers.isEmail("@ward 5: jane@example.org"), "an address after a leading @");
        assertFalse(DirectIdentifiers.isEmail("no address here"));
    }

    private static Column text(String... values) {
        return Column.text("note", values);
    }

    /** {@code n} copies of {@code value}. */
    private static String[] times(int n, String value) {
        String[] v = new String[n];
        java.util.Arrays.fill(v, value);
        return v;
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void freeTextColumnsAreJudgedByTheirValuesCountingOnlyTheNonEmptyOnes() {
        // 3 rows are enough whatever the share; empty values count in the rows, not in the share
        assertEquals("e-mail addresses in 3 of 104 rows", DirectIdentifiers.byContent(text(concat(
                times(3, "a@example.org"), times(97, "ok"), new String[4]))));
        assertNull(DirectIdentifiers.byContent(text(concat(times(2, "a@example.org"), times(98, "ok")))),
                "2 of 100 is neither 3 rows nor 20 %");
        // 20 % of the non-empty values is enough, 1 in 6 is not
        assertEquals("phone numbers in 1 of 9 rows", DirectIdentifiers.byContent(text(concat(
                times(1, "555-1234"), times(4, "ok"), new String[4]))));
        assertNull(DirectIdentifiers.byContent(text(concat(times(1, "555-1234"), times(5, "ok")))));
        assertNull(DirectIdentifiers.byContent(text(new String[3])), "no value, nothing identifying");
        assertNull(DirectIdentifiers.byContent(text()));
    }

    @Test
    void theMoreFrequentKindIsNamedAndTheEmailAddressesOnATie() {
        assertEquals("phone numbers in 4 of 10 rows", DirectIdentifiers.byContent(text(concat(
                times(3, "a@example.org"), times(4, "555-1234"), times(3, "ok")))));
        assertEquals("e-mail addresses in 3 of 10 rows", DirectIdentifiers.byContent(text(concat(
                times(3, "a@example.org"), times(3, "555-1234"), times(4, "ok")))));
        assertEquals("e-mail addresses in 4 of 10 rows", DirectIdentifiers.byContent(text(concat(
                times(4, "a@example.org"), times(3, "555-1234"), times(3, "ok")))));
    }

    @Test
    void categoricalColumnsAreJudgedByTheirLevelsWeightedByTheirRows() {
        // 1 e-mail address among 100 values: 1 %; missing values (code -1) are not counted
        int[] codes = new int[105];
        java.util.Arrays.fill(codes, 1);
        codes[0] = 0;
        java.util.Arrays.fill(codes, 100, 105, -1);
        assertNull(DirectIdentifiers.byContent(Column.categorical("note", codes, List.of("a@example.org", "ok"))));
        codes[1] = 0;
        codes[2] = 0;
        assertEquals("e-mail addresses in 3 of 105 rows",
                DirectIdentifiers.byContent(Column.categorical("note", codes, List.of("a@example.org", "ok"))));
        assertNull(DirectIdentifiers.byContent(Column.numeric("note", ColumnType.NUMERIC, new double[] {5551234})));
    }
}
