package org.hepatica.importer.internal;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Bean {@code hepaticaRowsToCsv}: turns a list of rows (maps of column to value, as
 * {@code jdbc:} returns them) into CSV text with a header, for routes that pull from a database.
 * Column names are written as the query named them (alias them to the canonical names in SQL);
 * {@code null} is an empty cell; dates are written with {@code toString()} (ISO for SQL dates).
 */
final class RowsToCsv implements Processor {
    static final String BEAN_NAME = "hepaticaRowsToCsv";

    @Override
    public void process(Exchange exchange) throws Exception {
        List<?> rows = exchange.getIn().getMandatoryBody(List.class);
        exchange.getIn().setBody(toCsv(rows));
    }

    static String toCsv(List<?> rows) throws java.io.IOException {
        Set<String> columns = new LinkedHashSet<>();
        for (Object row : rows) {
            for (Object k : ((Map<?, ?>) row).keySet()) {
                columns.add(String.valueOf(k).toLowerCase(java.util.Locale.ROOT));
            }
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
            p.printRecord(columns);
            for (Object row : rows) {
                Map<String, Object> lower = new java.util.HashMap<>();
                ((Map<?, ?>) row).forEach((k, v) -> lower.put(String.valueOf(k).toLowerCase(java.util.Locale.ROOT), v));
                List<String> values = new ArrayList<>(columns.size());
                for (String c : columns) {
                    Object v = lower.get(c);
                    values.add(v == null ? "" : v.toString());
                }
                p.printRecord(values);
            }
        }
        return out.toString();
    }
}
