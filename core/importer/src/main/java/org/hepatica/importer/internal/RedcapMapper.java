package org.hepatica.importer.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Turns a REDCap flat CSV export into the canonical cohort CSV as a {@link RedcapProfile} says:
 * fields dropped and renamed, codes replaced, dates rewritten as ISO, units converted, and the rows
 * of a record (repeating events and instruments) collapsed into one. It only reshapes: a value it
 * cannot convert (a date in no known format, a non-number to scale, a code not in the list) is passed
 * on unchanged, so the platform's one validator rejects the row and says why.
 */
final class RedcapMapper implements Processor {

    private final Supplier<RedcapProfile> profile;

    RedcapMapper(Supplier<RedcapProfile> profile) {
        this.profile = profile;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        try (InputStream in = exchange.getIn().getMandatoryBody(InputStream.class)) {
            exchange.getIn().setBody(map(profile.get(), in));
        }
    }

    static byte[] map(RedcapProfile p, InputStream raw) throws IOException {
        Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(raw).get(),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT));
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            List<String> fields = parser.getHeaderNames();
            int recordField = -1;
            List<Integer> kept = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                String f = fields.get(i);
                if (RedcapProfile.key(f).equals(p.record())) {
                    recordField = i;
                }
                if (!p.dropped(f)) {
                    kept.add(i);
                    columns.add(p.column(f));
                }
            }
            if (recordField < 0) {
                throw new IllegalArgumentException("the REDCap export has no '" + p.record()
                        + "' field, which the profile names as the record id");
            }
            Map<String, String[]> records = new LinkedHashMap<>();
            for (CSVRecord row : parser) {
                if (row.size() <= recordField || row.get(recordField).isBlank()) {
                    throw new IllegalArgumentException("line " + parser.getCurrentLineNumber()
                            + ": the record id '" + p.record() + "' is empty");
                }
                String[] out = records.computeIfAbsent(row.get(recordField).trim(), k -> new String[kept.size()]);
                for (int c = 0; c < kept.size(); c++) {
                    int i = kept.get(c);
                    String field = fields.get(i);
                    String v = i < row.size() ? row.get(i).trim() : "";
                    String value = v.isEmpty() ? v : convert(p, field, v);
                    if (!value.isEmpty()) {
                        out[c] = collapse(p.collapse(field), out[c], value);
                    }
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (Writer w = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator('\n').get())) {
                printer.printRecord(columns);
                for (String[] r : records.values()) {
                    List<String> values = new ArrayList<>(r.length);
                    for (String v : r) {
                        values.add(v == null ? "" : v);
                    }
                    printer.printRecord(values);
                }
            }
            return bytes.toByteArray();
        }
    }

    /** One value through the code list, the date formats and the unit conversion, in that order. */
    static String convert(RedcapProfile p, String field, String value) {
        String v = value;
        Map<String, String> codes = p.codes(field);
        if (codes != null) {
            v = codes.getOrDefault(v.toLowerCase(java.util.Locale.ROOT), v);
        }
        if (p.isDate(field)) {
            v = isoDate(p.dateFormats(), v);
        }
        Double factor = p.scale(field);
        if (factor != null) {
            try {
                v = new BigDecimal(v).multiply(BigDecimal.valueOf(factor)).stripTrailingZeros().toPlainString();
            } catch (NumberFormatException e) {
                // left as it is: the validator names the column and the value
            }
        }
        return v;
    }

    private static String isoDate(List<DateTimeFormatter> formats, String v) {
        for (DateTimeFormatter f : formats) {
            try {
                TemporalAccessor t = f.parse(v);
                return LocalDate.from(t).toString();
            } catch (java.time.DateTimeException e) {
                // try the next format
            }
        }
        return v;
    }

    private static String collapse(RedcapProfile.Collapse how, String kept, String next) {
        if (kept == null) {
            return next;
        }
        return switch (how) {
            case FIRST -> kept;
            case LAST -> next;
            case MIN -> compare(next, kept) < 0 ? next : kept;
            case MAX -> compare(next, kept) > 0 ? next : kept;
        };
    }

    /** Numbers by value, anything else (ISO dates included) as text. */
    private static int compare(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
