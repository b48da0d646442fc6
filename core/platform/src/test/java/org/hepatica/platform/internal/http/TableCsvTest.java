package org.hepatica.platform.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hepatica.analysis.ResultTable;
import org.junit.jupiter.api.Test;

class TableCsvTest {
    private static final ResultTable TABLE = new ResultTable("Baseline <characteristics>",
            List.of("Variable", "Level", "RFA (n = 200)", "p"),
            List.of(List.of("age", "Median [Q1, Q3]", "60.5 [54.0, 67.0]", "0.425"),
                    List.of("sex", "F", "30 (15.0%)", "<0.001"),
                    List.of("say \"hi\"", "line\nbreak", "", "")),
            List.of("n (%) & more"));

    /** RFC 4180: the header first, CRLF, a field with a comma, quote or line break quoted, quotes doubled. */
    @Test
    void csvQuotesWhereRfc4180RequiresIt() {
        String csv = TableCsv.write(TABLE);
        assertEquals("Variable,Level,RFA (n = 200),p\r\n"
                + "age,\"Median [Q1, Q3]\",\"60.5 [54.0, 67.0]\",0.425\r\n"
                + "sex,F,30 (15.0%),<0.001\r\n"
                + "\"say \"\"hi\"\"\",\"line\nbreak\",,\r\n", csv);
    }

    @Test
    void htmlEscapesAndNamesAVariableOnceOverItsLevels() {
        ResultTable t = new ResultTable("T", List.of("Variable", "Level", "A"),
                List.of(List.of("sex", "F", "1"), List.of("sex", "M", "2"), List.of("<x>", "a", "3")), List.of());
        String html = TableHtml.render(t);
        assertTrue(html.contains("<th scope=\"row\">sex</th><td>F</td>"), html);
        assertTrue(html.contains("<th scope=\"row\"></th><td>M</td>"), html);
        assertTrue(html.contains("&lt;x&gt;"));
        assertFalse(html.contains("<x>"));
        assertTrue(TableHtml.render(TABLE).contains("n (%) &amp; more"));
    }

    @Test
    void aRowMustHaveACellPerHeader() {
        assertThrows(IllegalArgumentException.class,
                () -> new ResultTable("T", List.of("a", "b"), List.of(List.of("1")), List.of()));
    }
}
