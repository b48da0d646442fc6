package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped HCC RFA/RT profile applied to the test export, then one test per profile option. */
class RedcapMapperTest {
    static final Path PROFILE = Path.of("../../distribution/src/main/resources/etc/redcap-hcc-rfa-rt.profile");
    private static List<String> header;
    private static Map<String, Map<String, String>> rows;

    @BeforeAll
    static void mapTheExport() throws Exception {
        byte[] out;
        try (InputStream in = RedcapMapperTest.class.getResourceAsStream("/redcap/hcc-rfa-rt-export.csv")) {
            out = RedcapMapper.map(RedcapProfile.load(PROFILE), in);
        }
        String[] lines = new String(out, StandardCharsets.UTF_8).split("\n");
        header = Arrays.asList(lines[0].split(",", -1));
        rows = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] v = lines[i].split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                row.put(header.get(c), v[c]);
            }
            rows.put(row.get("patient_id"), row);
        }
    }

    private static String v(String id, String column) {
        return rows.get(id).get(column);
    }

    @Test
    void oneRowPerRecord_repeatingEventsCollapsed() {
        assertEquals(4, rows.size());
    }

    @Test
    void renames_giveTheCanonicalHeaderAndDropTheRedcapBookkeeping() {
        assertEquals(List.of("patient_id", "site", "arm", "rt_technique", "rt_dose_gy", "rt_fractions", "recurrent_hcc",
                "age", "sex", "child_pugh", "bclc", "tumor_size_cm", "tumor_count", "afp_ng_ml", "mvi", "margin_mm",
                "treatment_date", "response_mrecist", "ae_max_grade", "recurrence_date", "death_date",
                "last_followup_date"), header);
    }

    @Test
    void codeLists() {
        assertEquals("M", v("101", "sex"));
        assertEquals("F", v("102", "sex"));
        assertEquals("RFA", v("101", "arm"));
        assertEquals("RFA+RT", v("102", "arm"));
        assertEquals("SBRT", v("102", "rt_technique"));
        assertEquals("1", v("102", "recurrent_hcc"));
        assertEquals("0", v("101", "mvi"));
        assertEquals("", v("103", "mvi"), "unknown maps to empty = missing");
        assertEquals("PR", v("101", "response_mrecist"));
        assertEquals("B", v("103", "child_pugh"));
    }

    @Test
    void datesBecomeIso() {
        assertEquals("2018-03-14", v("101", "treatment_date"));
        assertEquals("2020-11-11", v("102", "death_date"));
    }

    @Test
    void anImpossibleDateIsPassedOnForTheValidatorToReject() {
        assertEquals("31-02-2019", v("104", "treatment_date"));
    }

    @Test
    void unitConversion_marginCmToMm() {
        assertEquals("8", v("101", "margin_mm"));
        assertEquals("12.5", v("102", "margin_mm"));
        assertEquals("", v("103", "margin_mm"));
    }

    @Test
    void collapse_minMaxFirst() {
        assertEquals("2019-01-15", v("101", "recurrence_date"), "min");
        assertEquals("2021-06-30", v("101", "last_followup_date"), "max");
        assertEquals("2", v("101", "ae_max_grade"), "max of 1, 2, 0");
        assertEquals("61", v("101", "age"), "first");
    }

    private static String mapOne(Map<String, String> profile, String csv) throws Exception {
        Properties p = new Properties();
        p.put("record", "id");
        p.putAll(profile);
        return new String(RedcapMapper.map(new RedcapProfile(p),
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8);
    }

    @Test
    void collapse_last() throws Exception {
        assertEquals("id,x\n1,b\n", mapOne(Map.of("collapse.x", "last"), "id,x\n1,a\n1,\n1,b\n"));
    }

    @Test
    void drop_wildcard() throws Exception {
        assertEquals("id\n1\n", mapOne(Map.of("drop", "*_complete"), "id,a_complete,b_complete\n1,2,0\n"));
    }

    @Test
    void dateFormats_triedInOrder() throws Exception {
        assertEquals("id,d\n1,2020-01-31\n2,2021-12-01\n", mapOne(
                Map.of("date.formats", "dd/MM/yyyy|yyyy-MM-dd", "date.fields", "d"), "id,d\n1,31/01/2020\n2,2021-12-01\n"));
    }

    @Test
    void scale_aNonNumberIsPassedOn() throws Exception {
        assertEquals("id,m\n1,15\n2,n/a\n", mapOne(Map.of("scale.m", "10"), "id,m\n1,1.5\n2,n/a\n"));
    }

    @Test
    void codeLists_matchCaseInsensitively() throws Exception {
        assertEquals("id,f\n1,1\n2,0\n3,maybe\n", mapOne(Map.of("code.f.yes", "1", "code.f.no", "0"),
                "id,f\n1,YES\n2,no\n3,maybe\n"));
    }

    @Test
    void aByteOrderMarkAndQuotedCommasAreRead() throws Exception {
        assertEquals("id,note\n1,\"a, b\"\n", mapOne(Map.of(), "\uFEFFid,note\n1,\"a, b\"\n"));
    }

    @Test
    void anExportWithoutTheRecordFieldIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mapOne(Map.of(), "patient,x\n1,2\n"));
        assertTrue(e.getMessage().contains("'id'"), e.getMessage());
    }

    @Test
    void aBadProfileSaysWhichKey() {
        Properties p = new Properties();
        p.put("record", "id");
        p.put("collapse.x", "median");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RedcapProfile(p));
        assertTrue(e.getMessage().contains("collapse.x"), e.getMessage());
    }
}
