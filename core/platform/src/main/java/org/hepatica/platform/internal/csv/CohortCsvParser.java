package org.hepatica.platform.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ColumnType;
import org.hepatica.cohort.Rejection;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.model.Column;
import org.hepatica.platform.internal.model.CohortData;

/**
 * Reads a canonical cohort CSV (see the cohort CSV contract) into columns, checking every row.
 * A row with any problem is rejected with its line, the column and the reason, and its text is
 * kept; the other rows are accepted. The input as a whole is refused, with a
 * {@link CohortImportException}, when it cannot be read as a cohort CSV or no row is acceptable.
 * Memory grows with the accepted cohort only (columns of primitives), not with the input's size.
 */
public final class CohortCsvParser {

    private final TimeUnit unit;

    public CohortCsvParser(TimeUnit unit) {
        this.unit = unit;
    }

    public ParsedCohort parse(InputStream in) throws IOException, CohortImportException {
        CsvReader reader = new CsvReader(in);
        try {
            return parse(reader);
        } catch (CsvFormatException e) {
            throw refuse(e.getMessage(), 0, List.of(new Rejection(e.line(), null, e.getMessage())));
        }
    }

    private static CohortImportException refuse(String message, long rowsRead, List<Rejection> problems) {
        return new CohortImportException(message, rowsRead, problems);
    }

    private ParsedCohort parse(CsvReader reader) throws IOException, CsvFormatException, CohortImportException {
        if (!reader.next()) {
            throw refuse("the input is empty", 0,
                    List.of(new Rejection(0, null, "the input is empty: a header row with patient_id is required")));
        }
        ColumnRule[] rules = header(reader);
        int width = rules.length;
        ColumnBuilder[] builders = new ColumnBuilder[width];
        LevelCache[] known = new LevelCache[width];
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < width; i++) {
            builders[i] = ColumnBuilder.of(rules[i]);
            known[i] = new LevelCache();
            position.put(rules[i].name(), i);
        }
        int idColumn = position.get("patient_id");
        int[] dateColumns = columns(position, EndpointDerivation.TREATMENT, EndpointDerivation.RECURRENCE,
                EndpointDerivation.DEATH, EndpointDerivation.LAST_FOLLOWUP);
        int[] durationColumns = columns(position, EndpointDerivation.OS_TIME, EndpointDerivation.OS_EVENT,
                EndpointDerivation.DFS_TIME, EndpointDerivation.DFS_EVENT);
        boolean hasDates = dateColumns[0] >= 0;
        boolean hasDurations = Arrays.stream(durationColumns).anyMatch(c -> c >= 0);

        double[] number = new double[width];
        String[] text = new String[width];
        double[] dates = hasDates ? new double[4] : null;
        double[] durations = hasDurations ? new double[4] : null;
        IdIndex seenIds = new IdIndex();
        EndpointColumns endpoints = new EndpointColumns();
        List<Rejection> rejections = new ArrayList<>();
        List<String> rejectedRows = new ArrayList<>();
        List<Rejection> rowProblems = new ArrayList<>();
        long rowsRead = 0;
        long rowsRejected = 0;

        while (reader.next()) {
            rowsRead++;
            long line = reader.line();
            rowProblems.clear();
            if (reader.recordProblem() != null) {
                rowProblems.add(new Rejection(line, null, reader.recordProblem()));
            }
            if (reader.fieldCount() != width) {
                rowProblems.add(new Rejection(line, null, "the row has " + reader.fieldCount()
                        + " fields but the header has " + width));
            } else {
                for (int i = 0; i < width; i++) {
                    readValue(reader, i, rules[i], known[i], line, number, text, rowProblems);
                }
                String id = text[idColumn];
                if (id == null) {
                    rowProblems.add(new Rejection(line, "patient_id", "patient_id is empty"));
                } else if (rowProblems.isEmpty()) {
                    long first = seenIds.lineOf(id);
                    if (first >= 0) {
                        rowProblems.add(new Rejection(line, "patient_id",
                                "duplicate patient_id '" + id + "' (first on line " + first + ")"));
                    }
                }
            }
            EndpointDerivation.Endpoints derived = null;
            if (rowProblems.isEmpty()) {
                fill(dates, dateColumns, number);
                fill(durations, durationColumns, number);
                EndpointDerivation.Outcome outcome = EndpointDerivation.derive(dates, durations, unit);
                for (EndpointDerivation.Problem p : outcome.problems()) {
                    rowProblems.add(new Rejection(line, p.column(), p.reason()));
                }
                derived = outcome.endpoints();
            }
            if (!rowProblems.isEmpty()) {
                rowsRejected++;
                rejections.addAll(rowProblems);
                rejectedRows.add(rowText(reader));
                continue;
            }
            seenIds.add(text[idColumn], line);
            for (int i = 0; i < width; i++) {
                builders[i].add(number[i], text[i]);
            }
            endpoints.add(derived);
        }
        if (endpoints.size == 0) {
            String why = rowsRead == 0 ? "the input has a header but no data rows" : "no row is acceptable";
            List<Rejection> problems = rowsRead == 0 ? List.of(new Rejection(0, null, why)) : rejections;
            throw refuse(why, rowsRead, problems);
        }
        List<Column> columns = new ArrayList<>(width);
        for (ColumnBuilder b : builders) {
            columns.add(b.build());
        }
        // patient_id first, as the stored model expects
        columns.add(0, columns.remove(idColumn));
        return new ParsedCohort(endpoints.build(columns), rowsRead, rowsRejected, rejections, rejectedRows);
    }

    private static ColumnRule[] header(CsvReader reader) throws CharacterCodingException, CohortImportException {
        int width = reader.fieldCount();
        long line = reader.line();
        if (reader.contains((byte) 0)) {
            throw refuse("not a text file", 0, List.of(new Rejection(line, null,
                    "the input contains NUL bytes: it is not a CSV text file (is it a spreadsheet or a compressed file?)")));
        }
        String[] names = new String[width];
        for (int i = 0; i < width; i++) {
            try {
                names[i] = reader.field(i);
            } catch (CharacterCodingException e) {
                throw refuse("the header is not UTF-8", 0, List.of(new Rejection(line, null,
                        "header field " + (i + 1) + " is not valid UTF-8; save the file as UTF-8")));
            }
        }
        if (width == 1) {
            String only = names[0];
            for (String sep : new String[] {";", "\t", "|"}) {
                if (only.contains(sep)) {
                    String shown = sep.equals("\t") ? "tabs" : "'" + sep + "'";
                    throw refuse("wrong delimiter", 0, List.of(new Rejection(line, null,
                            "the header is separated by " + shown + "; the cohort CSV is comma-separated")));
                }
            }
        }
        List<Rejection> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        ColumnRule[] rules = new ColumnRule[width];
        for (int i = 0; i < width; i++) {
            if (names[i].isBlank()) {
                problems.add(new Rejection(line, null, "header column " + (i + 1) + " has no name"));
                continue;
            }
            rules[i] = ColumnRule.forHeader(names[i]);
            Integer before = seen.put(rules[i].name(), i);
            if (before != null) {
                problems.add(new Rejection(line, rules[i].name(), "column '" + rules[i].name()
                        + "' appears twice in the header (columns " + (before + 1) + " and " + (i + 1) + ")"));
            }
        }
        if (!seen.containsKey("patient_id")) {
            problems.add(new Rejection(line, "patient_id", "the header has no patient_id column"));
        }
        if (!problems.isEmpty()) {
            throw refuse("the header is not a cohort CSV header", 0, problems);
        }
        return rules;
    }

    private static int[] columns(Map<String, Integer> position, String... names) {
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = position.getOrDefault(names[i], -1);
        }
        return out;
    }

    private static void fill(double[] target, int[] columns, double[] number) {
        if (target != null) {
            for (int k = 0; k < columns.length; k++) {
                target[k] = columns[k] < 0 ? Double.NaN : number[columns[k]];
            }
        }
    }

    /** Parses field {@code i} into {@code number[i]} / {@code text[i]}, recording any problem. */
    private static void readValue(CsvReader reader, int i, ColumnRule rule, LevelCache known, long line,
            double[] number, String[] text, List<Rejection> problems) {
        number[i] = Double.NaN;
        text[i] = null;
        if (reader.isBlank(i) || readFast(reader, i, rule, known, number, text)) {
            return;
        }
        readChecked(reader, i, rule, known, line, number, text, problems);
    }

    /**
     * The fast path: reads an acceptable value from the record's bytes without making a String.
     * Returns false, having stored nothing, when the value is not plainly acceptable; then
     * {@link #readChecked} reads it again and says what is wrong.
     */
    private static boolean readFast(CsvReader reader, int i, ColumnRule rule, LevelCache known, double[] number,
            String[] text) {
        ColumnType type = rule.type();
        if (type == ColumnType.TEXT) {
            return false;
        }
        if (type == null || type == ColumnType.CATEGORICAL) {
            text[i] = known.find(reader, i);
            return text[i] != null;
        }
        if (type == ColumnType.DATE) {
            long day = reader.epochDay(i);
            if (day == Numbers.NOT_A_DATE) {
                return false;
            }
            number[i] = day;
            return true;
        }
        double v = reader.number(i);
        boolean fits = !Double.isNaN(v) && (type != ColumnType.BINARY || v == 0 || v == 1)
                && (type != ColumnType.INTEGER || v == Math.rint(v)) && v >= rule.min() && v <= rule.max();
        if (fits) {
            number[i] = v;
        }
        return fits;
    }

    /** Reads field {@code i} as a String and checks it, recording each problem in the user's words. */
    private static void readChecked(CsvReader reader, int i, ColumnRule rule, LevelCache known, long line,
            double[] number, String[] text, List<Rejection> problems) {
        String value;
        try {
            value = reader.field(i);
        } catch (CharacterCodingException e) {
            problems.add(new Rejection(line, rule.name(),
                    "the value is not valid UTF-8 (is the file in another encoding, such as Windows-1252?)"));
            return;
        }
        ColumnType type = rule.type();
        if (type == ColumnType.TEXT) {
            text[i] = value;
            return;
        }
        if (type == null) {
            text[i] = value;
            known.remember(reader, i, value);
            return;
        }
        switch (type) {
            case CATEGORICAL -> {
                String level = rule.levels() == null ? value : rule.canonicalLevel(value);
                if (level == null) {
                    problems.add(new Rejection(line, rule.name(), "'" + value + "' is not one of "
                            + String.join(", ", rule.levels())));
                } else {
                    known.remember(reader, i, level);
                }
                text[i] = level;
            }
            case DATE -> {
                try {
                    number[i] = Numbers.parseDate(value);
                } catch (IllegalArgumentException e) {
                    problems.add(new Rejection(line, rule.name(), e.getMessage()));
                }
            }
            default -> {
                double v = Numbers.parse(value);
                if (Double.isNaN(v)) {
                    problems.add(new Rejection(line, rule.name(), "'" + value + "' is not a number"));
                } else if (type == ColumnType.BINARY && v != 0 && v != 1) {
                    problems.add(new Rejection(line, rule.name(), "'" + value + "' must be 0 or 1"));
                } else if (type == ColumnType.INTEGER && v != Math.rint(v)) {
                    problems.add(new Rejection(line, rule.name(), "'" + value + "' is not a whole number"));
                } else if (v < rule.min() || v > rule.max()) {
                    problems.add(new Rejection(line, rule.name(), "'" + value + "' is outside "
                            + rule.rangeText()));
                } else {
                    number[i] = v;
                }
            }
        }
    }

    private static String rowText(CsvReader reader) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < reader.fieldCount(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String v;
            try {
                v = reader.field(i);
            } catch (CharacterCodingException e) {
                v = "(not UTF-8)";
            }
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                v = '"' + v.replace("\"", "\"\"") + '"';
            }
            b.append(v);
        }
        return b.toString();
    }

    /** Growing arrays of the derived endpoints. */
    private static final class EndpointColumns {
        double[] osTime = new double[1024];
        int[] osEvent = new int[1024];
        double[] dfsTime = new double[1024];
        int[] dfsEvent = new int[1024];
        int[] dfsCause = new int[1024];
        int size;

        void add(EndpointDerivation.Endpoints e) {
            if (size == osTime.length) {
                int n = size * 2;
                osTime = Arrays.copyOf(osTime, n);
                osEvent = Arrays.copyOf(osEvent, n);
                dfsTime = Arrays.copyOf(dfsTime, n);
                dfsEvent = Arrays.copyOf(dfsEvent, n);
                dfsCause = Arrays.copyOf(dfsCause, n);
            }
            osTime[size] = e.osTime();
            osEvent[size] = e.osEvent();
            dfsTime[size] = e.dfsTime();
            dfsEvent[size] = e.dfsEvent();
            dfsCause[size] = e.dfsCause();
            size++;
        }

        CohortData build(List<Column> columns) {
            return new CohortData(columns, Arrays.copyOf(osTime, size), Arrays.copyOf(osEvent, size),
                    Arrays.copyOf(dfsTime, size), Arrays.copyOf(dfsEvent, size), Arrays.copyOf(dfsCause, size));
        }
    }
}
