package org.hepatica.importer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowsToCsvTest {

    @Test
    void rowsBecomeCsvWithAHeaderAndEmptyCellsForNull() throws Exception {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("PATIENT_ID", "H-1");
        a.put("TREATMENT_DATE", java.sql.Date.valueOf("2019-04-02"));
        a.put("DEATH_DATE", null);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("PATIENT_ID", "H,2");
        b.put("TREATMENT_DATE", java.sql.Date.valueOf("2020-01-09"));
        b.put("DEATH_DATE", java.sql.Date.valueOf("2021-02-03"));
        assertEquals("patient_id,treatment_date,death_date\nH-1,2019-04-02,\n\"H,2\",2020-01-09,2021-02-03\n",
                RowsToCsv.toCsv(List.of(a, b)));
    }
}
