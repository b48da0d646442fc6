package org.hepatica.analysis;

import java.util.List;

/**
 * A result's table as it is published ("Table 1"): every cell already formatted as text, so the
 * CSV ({@code GET /results/{id}/table.csv}) and the report's HTML table read the same.
 *
 * @param title   the table's caption, e.g. "Baseline characteristics by arm"
 * @param headers the column headers, one per column
 * @param rows    the rows, each with as many cells as there are headers (a missing value is an empty string)
 * @param notes   footnotes under the table (what the cells hold, which tests); may be empty
 */
public record ResultTable(String title, List<String> headers, List<List<String>> rows, List<String> notes) {

    /** Copies the lists; checks that every row has one cell per header. */
    public ResultTable {
        headers = List.copyOf(headers);
        rows = rows.stream().map(r -> r.stream().map(c -> c == null ? "" : c).toList()).toList();
        notes = notes == null ? List.of() : List.copyOf(notes);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != headers.size()) {
                throw new IllegalArgumentException("row " + i + " has " + rows.get(i).size() + " cells, the table "
                        + headers.size() + " columns");
            }
        }
    }
}
