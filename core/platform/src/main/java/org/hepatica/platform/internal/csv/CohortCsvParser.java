package org.hepatica.platform.internal.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.hepatica.cohort.CohortColumns;
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
 *
 * <p>The input is read once, by the calling thread, and cut into parts of whole records
 * ({@link Chunker}); the parts are parsed on a small pool of threads while the next part is read, and
 * merged in input order, so the result, including the order of the rejections and which of two rows
 * with the same patient id is refused, is the same as reading row by row. An input of one part is
 * parsed on the calling thread.
 *
 * <p>Cohorts stay pseudonymised: an extra column that looks like a direct identifier, by its name or
 * by its values ({@link DirectIdentifiers}), refuses the input, unless the import drops it
 * ({@link #withDroppedColumns}). A dropped column is neither checked nor stored, and the text kept of
 * a rejected row leaves it out.
 */
public final class CohortCsvParser {

    /** Bytes per part of the input handed to a parser thread. */
    static final int PART_SIZE = 1 << 20;

    private final TimeUnit unit;
    private final int partSize;
    private final int threads;
    /** Columns left out, by their trimmed lower-case names, in the order the import named them. */
    private final Set<String> dropped;

    public CohortCsvParser(TimeUnit unit) {
        this(unit, PART_SIZE, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
    }

    /** A parser cutting the input into parts of about {@code partSize} bytes, read on {@code threads} threads. */
    CohortCsvParser(TimeUnit unit, int partSize, int threads) {
        this(unit, partSize, threads, Set.of());
    }

    private CohortCsvParser(TimeUnit unit, int partSize, int threads, Set<String> dropped) {
        this.unit = unit;
        this.partSize = partSize;
        this.threads = threads;
        this.dropped = dropped;
    }

    /**
     * This parser leaving out the columns {@code names} (matched like header names: trimmed,
     * case-insensitive): they are neither checked nor stored, and the text kept of a rejected row
     * leaves them out. Each must be in the header, and patient_id cannot be dropped, or the input is
     * refused. This is how an import keeps a column that looks like a direct identifier out of the
     * cohort.
     */
    public CohortCsvParser withDroppedColumns(Set<String> names) {
        Set<String> normalised = new LinkedHashSet<>();
        for (String name : names) {
            if (name != null && !name.isBlank()) {
                normalised.add(name.trim().toLowerCase(Locale.ROOT));
            }
        }
        return new CohortCsvParser(unit, partSize, threads, java.util.Collections.unmodifiableSet(normalised));
    }

    public ParsedCohort parse(InputStream in) throws IOException, CohortImportException {
        try {
            return parse(new Chunker(in, partSize));
        } catch (CsvFormatException e) {
            throw refuse(e.getMessage(), 0, List.of(new Rejection(e.line(), null, e.getMessage())));
        }
    }

    private static CohortImportException refuse(String message, long rowsRead, List<Rejection> problems) {
        return new CohortImportException(message, rowsRead, problems);
    }

    private ParsedCohort parse(Chunker chunker) throws IOException, CsvFormatException, CohortImportException {
        // the header: the first record of the input
        Chunker.Chunk first;
        CsvReader reader;
        do {
            first = chunker.next();
            if (first == null) {
                throw refuse("the input is empty", 0, List.of(
                        new Rejection(0, null, "the input is empty: a header row with patient_id is required")));
            }
            reader = first.reader();
        } while (!reader.next());
        Layout layout = header(reader);
        Merge merge = new Merge(layout);

        // the rows: part by part, parsed on the pool while the next part is read, merged in input order
        Chunker.Chunk current = new Chunker.Chunk(first.bytes(), reader.offset(), first.to(), reader.nextLine());
        ArrayDeque<Future<Part>> parsing = new ArrayDeque<>();
        ExecutorService pool = null;
        boolean parsed = false;
        try {
            while (current != null) {
                Chunker.Chunk following = chunker.next();
                if (pool == null && following == null) {
                    merge.add(layout.parse(current));
                } else {
                    if (pool == null) {
                        pool = Executors.newFixedThreadPool(threads, PARSER_THREADS);
                    }
                    Chunker.Chunk part = current;
                    parsing.add(pool.submit(() -> layout.parse(part)));
                    while (parsing.size() > 2 * threads) {
                        merge.add(take(parsing.poll()));
                    }
                }
                current = following;
            }
            while (!parsing.isEmpty()) {
                merge.add(take(parsing.poll()));
            }
            parsed = true;
        } finally {
            if (pool != null) {
                parsing.forEach(f -> f.cancel(true));
                pool.shutdownNow();
            }
            if (!parsed) {
                merge.rejections.discard();
            }
        }
        return merge.result();
    }

    private static final ThreadFactory PARSER_THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "hepatica-csv-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    };

    private static Part take(Future<Part> part) throws IOException, CsvFormatException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the import was interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CsvFormatException f) {
                throw f;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** A refused row: its line, every problem found in it, and its text. */
    record RejectedRow(long line, List<Rejection> problems, String text) {
    }

    /** The rows of one part of the input: accepted rows column by column, refused rows as they were. */
    private static final class Part {
        Chunker.Chunk chunk;
        final ColumnBuilder[] builders;
        EndpointColumns endpoints = new EndpointColumns(64);
        /** Which accepted rows the merge keeps (null = all): a repeated patient id is refused. */
        boolean[] keep;
        final List<RejectedRow> rejected = new ArrayList<>();
        /** Per accepted row: patient id and its hash code, line, and where its record lies in the chunk. */
        String[] ids = new String[256];
        int[] hashes = new int[256];
        long[] lines = new long[256];
        int[] starts = new int[256];
        int[] ends = new int[256];
        int accepted;
        long rowsRead;

        Part(Chunker.Chunk chunk, ColumnRule[] rules) {
            this.chunk = chunk;
            builders = new ColumnBuilder[rules.length];
            for (int i = 0; i < rules.length; i++) {
                builders[i] = ColumnBuilder.of(rules[i], 64);
            }
        }

        void accept(String id, long line, int start, int end) {
            if (accepted == ids.length) {
                int n = accepted * 2;
                ids = Arrays.copyOf(ids, n);
                hashes = Arrays.copyOf(hashes, n);
                lines = Arrays.copyOf(lines, n);
                starts = Arrays.copyOf(starts, n);
                ends = Arrays.copyOf(ends, n);
            }
            ids[accepted] = id;
            // hashed here, on a parser thread, rather than by the merge
            hashes[accepted] = id.hashCode();
            lines[accepted] = line;
            starts[accepted] = start;
            ends[accepted] = end;
            accepted++;
        }

        /**
         * Drops the rows the merge refused (repeated patient ids) from the columns and endpoints now,
         * so that a file of one id repeated millions of times holds one row in memory, not millions.
         */
        void compact(ColumnRule[] rules) {
            int kept = ColumnBuilder.kept(accepted, keep);
            for (int c = 0; c < builders.length; c++) {
                ColumnBuilder compacted = ColumnBuilder.of(rules[c], Math.max(1, kept));
                compacted.append(builders[c], accepted, keep);
                builders[c] = compacted;
            }
            EndpointColumns compactedEndpoints = new EndpointColumns(Math.max(1, kept));
            compactedEndpoints.append(endpoints, keep);
            endpoints = compactedEndpoints;
            accepted = kept;
            keep = null;
        }

        /** Merged: only the columns, the endpoints and {@link #keep} are needed from now on. */
        void done() {
            chunk = null;
            rejected.clear(); // handed to the rejection report, which keeps the first ones and spills the rest
            ids = null;
            hashes = null;
            lines = null;
            starts = null;
            ends = null;
        }

        /** The text of accepted row {@code i}, read again from the chunk, without dropped columns. */
        String text(int i, Layout layout) throws IOException, CsvFormatException {
            CsvReader reader = new CsvReader(chunk.bytes(), starts[i], ends[i], lines[i]);
            reader.next();
            return layout.rowText(reader);
        }
    }

    /** The header's columns and what the rows are checked against; shared, read-only, by the threads. */
    private static final class Layout {
        /** The columns kept, in header order. */
        final ColumnRule[] rules;
        /** How many columns are kept. */
        final int width;
        /** The input's field of each kept column. */
        final int[] fields;
        /** How many fields the header has, dropped columns included. */
        final int fieldCount;
        /** Whether the header has dropped columns, so {@link #fields} is not the identity. */
        final boolean dropping;
        final int idColumn;
        final int[] dateColumns;
        final int[] durationColumns;
        final boolean hasDates;
        final boolean hasDurations;
        final TimeUnit unit;

        Layout(ColumnRule[] rules, int[] fields, int fieldCount, TimeUnit unit) {
            this.rules = rules;
            this.fields = fields;
            this.fieldCount = fieldCount;
            this.unit = unit;
            width = rules.length;
            dropping = width != fieldCount;
            Map<String, Integer> position = new HashMap<>();
            for (int i = 0; i < width; i++) {
                position.put(rules[i].name(), i);
            }
            idColumn = position.get("patient_id");
            dateColumns = columns(position, EndpointDerivation.TREATMENT, EndpointDerivation.RECURRENCE,
                    EndpointDerivation.DEATH, EndpointDerivation.LAST_FOLLOWUP);
            durationColumns = columns(position, EndpointDerivation.OS_TIME, EndpointDerivation.OS_EVENT,
                    EndpointDerivation.DFS_TIME, EndpointDerivation.DFS_EVENT);
            hasDates = dateColumns[0] >= 0;
            hasDurations = Arrays.stream(durationColumns).anyMatch(c -> c >= 0);
        }

        /**
         * Reads and checks every row of {@code chunk}. Whether an accepted row's patient id repeats
         * an earlier one is decided when the parts are merged in input order.
         */
        Part parse(Chunker.Chunk chunk) throws IOException, CsvFormatException {
            Part part = new Part(chunk, rules);
            CsvReader reader = chunk.reader();
            LevelCache[] known = new LevelCache[width];
            for (int i = 0; i < width; i++) {
                known[i] = new LevelCache();
            }
            double[] number = new double[width];
            String[] text = new String[width];
            double[] dates = hasDates ? new double[4] : null;
            double[] durations = hasDurations ? new double[4] : null;
            List<Rejection> rowProblems = new ArrayList<>();
            while (reader.next()) {
                part.rowsRead++;
                long line = reader.line();
                rowProblems.clear();
                if (reader.recordProblem() != null) {
                    rowProblems.add(new Rejection(line, null, reader.recordProblem()));
                }
                if (reader.fieldCount() != fieldCount) {
                    rowProblems.add(new Rejection(line, null, "the row has " + reader.fieldCount()
                            + " fields but the header has " + fieldCount));
                } else {
                    for (int i = 0; i < width; i++) {
                        readValue(reader, fields[i], i, rules[i], known[i], line, number, text, rowProblems);
                    }
                    if (text[idColumn] == null && rowProblems.stream().noneMatch(r -> "patient_id".equals(r.column()))) {
                        rowProblems.add(new Rejection(line, "patient_id", "patient_id is empty"));
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
                    part.rejected.add(new RejectedRow(line, List.copyOf(rowProblems), rowText(reader)));
                    continue;
                }
                part.accept(text[idColumn], line, reader.recordOffset(), reader.offset());
                for (int i = 0; i < width; i++) {
                    part.builders[i].add(number[i], text[i]);
                }
                part.endpoints.add(derived);
            }
            return part;
        }

        /**
         * The text of the current record as kept with a rejected row: without the dropped columns.
         * When columns are dropped and the record's fields do not line up with the header, which of
         * them are the dropped ones is unknown, so none of its text is kept.
         */
        String rowText(CsvReader reader) {
            if (!dropping) {
                return CohortCsvParser.rowText(reader, null);
            }
            if (reader.fieldCount() != fieldCount) {
                return "(not kept: the row has " + reader.fieldCount() + " fields but the header has " + fieldCount
                        + ", and the import drops columns)";
            }
            return CohortCsvParser.rowText(reader, fields);
        }
    }

    /**
     * Joins the parts in input order, refusing each accepted row whose patient id was accepted
     * before. The columns are put together once every part is in, into arrays of the exact size, so
     * each value is copied once.
     */
    private static final class Merge {
        final Layout layout;
        final IdIndex seenIds = new IdIndex();
        final List<Part> parts = new ArrayList<>();
        final RejectionReport rejections = new RejectionReport();
        long rowsRead;
        long rowsRejected;
        int accepted;

        Merge(Layout layout) {
            this.layout = layout;
        }

        void add(Part part) throws IOException, CsvFormatException {
            rowsRead += part.rowsRead;
            List<RejectedRow> duplicates = List.of();
            for (int i = 0; i < part.accepted; i++) {
                String id = part.ids[i];
                long first = seenIds.putIfAbsent(id, part.hashes[i], part.lines[i]);
                if (first >= 0) {
                    if (part.keep == null) {
                        part.keep = new boolean[part.accepted];
                        Arrays.fill(part.keep, true);
                        duplicates = new ArrayList<>();
                    }
                    part.keep[i] = false;
                    long line = part.lines[i];
                    duplicates.add(new RejectedRow(line, List.of(new Rejection(line, "patient_id",
                            "duplicate patient_id '" + id + "' (first on line " + first + ")")), part.text(i, layout)));
                }
            }
            accepted += ColumnBuilder.kept(part.accepted, part.keep);
            if (part.keep != null) {
                part.compact(layout.rules);
            }
            // refused rows in line order: those refused by the part, and the duplicates
            int a = 0;
            int b = 0;
            while (a < part.rejected.size() || b < duplicates.size()) {
                boolean fromPart = b == duplicates.size()
                        || (a < part.rejected.size() && part.rejected.get(a).line() < duplicates.get(b).line());
                reject(fromPart ? part.rejected.get(a++) : duplicates.get(b++));
            }
            part.done();
            parts.add(part);
        }

        private void reject(RejectedRow row) throws IOException {
            rowsRejected++;
            rejections.add(row);
        }

        ParsedCohort result() throws CohortImportException, IOException {
            if (accepted == 0) {
                rejections.discard();
                String why = rowsRead == 0 ? "the input has a header but no data rows" : "no row is acceptable";
                if (rejections.count() > rejections.first().size()) {
                    why += " (" + rejections.count() + " problems; the first " + rejections.first().size() + " listed)";
                }
                List<Rejection> problems = rowsRead == 0 ? List.of(new Rejection(0, null, why)) : rejections.first();
                throw refuse(why, rowsRead, problems);
            }
            List<Column> columns = new ArrayList<>(layout.width);
            for (int c = 0; c < layout.width; c++) {
                ColumnBuilder column = ColumnBuilder.of(layout.rules[c], accepted);
                for (Part part : parts) {
                    column.append(part.builders[c], part.accepted, part.keep);
                    part.builders[c] = null;
                }
                columns.add(column.build());
            }
            List<Rejection> identifiers = new ArrayList<>();
            for (int c = 0; c < layout.width; c++) {
                String what = layout.rules[c].isExtra() ? DirectIdentifiers.byContent(columns.get(c)) : null;
                if (what != null) {
                    identifiers.add(new Rejection(0, layout.rules[c].name(),
                            DirectIdentifiers.reason(layout.rules[c].name(), what)));
                }
            }
            if (!identifiers.isEmpty()) {
                rejections.discard();
                throw identifiersRefused(identifiers, rowsRead);
            }
            EndpointColumns endpoints = new EndpointColumns(accepted);
            for (Part part : parts) {
                endpoints.append(part.endpoints, part.keep);
            }
            // patient_id first, as the stored model expects
            columns.add(0, columns.remove(layout.idColumn));
            return new ParsedCohort(endpoints.build(columns), rowsRead, rowsRejected, rejections.first(),
                    rejections.firstRows(), rejections.count(), rejections.finish());
        }
    }

    /** The refusal of columns that look like direct identifiers, naming each and why. */
    private static CohortImportException identifiersRefused(List<Rejection> problems, long rowsRead) {
        if (problems.size() == 1) {
            return refuse(problems.get(0).reason(), rowsRead, problems);
        }
        List<String> names = problems.stream().map(Rejection::column).toList();
        return refuse(problems.size() + " columns look like direct identifiers ('" + String.join("', '", names)
                + "'): drop them before import, or import with dropColumns=" + String.join(",", names), rowsRead,
                problems);
    }

    private Layout header(CsvReader reader) throws CharacterCodingException, CohortImportException {
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
        List<ColumnRule> kept = new ArrayList<>(width);
        int[] fields = new int[width];
        Set<String> found = new java.util.HashSet<>();
        for (int i = 0; i < width; i++) {
            if (names[i].isBlank()) {
                problems.add(new Rejection(line, null, "header column " + (i + 1) + " has no name"));
                continue;
            }
            ColumnRule rule = ColumnRule.forHeader(names[i]);
            if (dropped.contains(rule.name())) {
                found.add(rule.name());
                continue;
            }
            fields[kept.size()] = i;
            kept.add(rule);
            Integer before = seen.put(rule.name(), i);
            if (before != null) {
                problems.add(new Rejection(line, rule.name(), "column '" + rule.name()
                        + "' appears twice in the header (columns " + (before + 1) + " and " + (i + 1) + ")"));
            }
        }
        if (!seen.containsKey("patient_id") && !dropped.contains(CohortColumns.PATIENT_ID)) {
            problems.add(new Rejection(line, "patient_id", "the header has no patient_id column"));
        }
        if (!problems.isEmpty()) {
            throw refuse("the header is not a cohort CSV header", 0, problems);
        }
        // the columns the import drops: each in the header, and never the patient id
        List<Rejection> drops = new ArrayList<>();
        for (String name : dropped) {
            if (name.equals(CohortColumns.PATIENT_ID)) {
                drops.add(new Rejection(line, name, "patient_id cannot be dropped: it is the cohort's pseudonym"));
            } else if (!found.contains(name)) {
                drops.add(new Rejection(line, name, "dropColumns names column '" + name
                        + "', which the header does not have"));
            }
        }
        if (!drops.isEmpty()) {
            throw refuse(drops.size() == 1 ? drops.get(0).reason() : "dropColumns names columns that cannot be dropped",
                    0, drops);
        }
        // an extra column whose name says it is a direct identifier
        List<Rejection> identifiers = new ArrayList<>();
        for (ColumnRule rule : kept) {
            String what = rule.isExtra() ? DirectIdentifiers.byHeader(rule.name()) : null;
            if (what != null) {
                identifiers.add(new Rejection(line, rule.name(),
                        DirectIdentifiers.reason(rule.name(), "its name says it holds " + what)));
            }
        }
        if (!identifiers.isEmpty()) {
            throw identifiersRefused(identifiers, 0);
        }
        return new Layout(kept.toArray(new ColumnRule[0]), Arrays.copyOf(fields, kept.size()), width, unit);
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

    /** Parses field {@code f} into {@code number[i]} / {@code text[i]}, recording any problem. */
    private static void readValue(CsvReader reader, int f, int i, ColumnRule rule, LevelCache known, long line,
            double[] number, String[] text, List<Rejection> problems) {
        number[i] = Double.NaN;
        text[i] = null;
        if (reader.isBlank(f) || readFast(reader, f, i, rule, known, number, text)) {
            return;
        }
        readChecked(reader, f, i, rule, known, line, number, text, problems);
    }

    /**
     * The fast path: reads an acceptable value from the record's bytes without making a String.
     * Returns false, having stored nothing, when the value is not plainly acceptable; then
     * {@link #readChecked} reads it again and says what is wrong.
     */
    private static boolean readFast(CsvReader reader, int f, int i, ColumnRule rule, LevelCache known,
            double[] number, String[] text) {
        ColumnType type = rule.type();
        if (type == ColumnType.TEXT) {
            return false;
        }
        if (type == null || type == ColumnType.CATEGORICAL) {
            text[i] = known.find(reader, f);
            return text[i] != null;
        }
        if (type == ColumnType.DATE) {
            long day = reader.epochDay(f);
            if (day == Numbers.NOT_A_DATE) {
                return false;
            }
            number[i] = day;
            return true;
        }
        double v = reader.number(f);
        boolean fits = !Double.isNaN(v) && (type != ColumnType.BINARY || v == 0 || v == 1)
                && (type != ColumnType.INTEGER || v == Math.rint(v)) && v >= rule.min() && v <= rule.max();
        if (fits) {
            number[i] = v;
        }
        return fits;
    }

    /** The most UTF-8 bytes a text value may take in the stored cohort. */
    static final int MAX_VALUE_BYTES = 65_535;

    /**
     * Why a text value cannot be stored, or null when it can: a control character (in an
     * identifier or a level any; in free text any but tab, line feed and carriage return), or
     * more than {@value #MAX_VALUE_BYTES} bytes of UTF-8.
     */
    static String storable(String value, boolean freeText) {
        long bytes = 0;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (Character.isISOControl(c) && !(freeText && (c == '\t' || c == '\n' || c == '\r'))) {
                return "the value contains the control character U+" + String.format("%04X", (int) c)
                        + " at position " + (k + 1) + (freeText ? "" : "; identifiers and levels must be plain text");
            }
            // modified UTF-8, as the stored format writes it: U+0000 and U+0080..U+07FF in 2 bytes, above in 3
            bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        if (bytes > MAX_VALUE_BYTES) {
            return "the value is " + bytes + " bytes long; a cell holds at most " + MAX_VALUE_BYTES + " bytes of UTF-8";
        }
        return null;
    }

    /** A value as a message quotes it: whole when short, else its start and its length. */
    static String quoted(String value) {
        return value.length() <= 60 ? "'" + value + "'"
                : "'" + value.substring(0, 40) + "...' (" + value.length() + " characters)";
    }

    /** Reads field {@code f} as a String and checks it, recording each problem in the user's words. */
    private static void readChecked(CsvReader reader, int f, int i, ColumnRule rule, LevelCache known, long line,
            double[] number, String[] text, List<Rejection> problems) {
        String value;
        try {
            value = reader.field(f);
        } catch (CharacterCodingException e) {
            problems.add(new Rejection(line, rule.name(),
                    "the value is not valid UTF-8 (is the file in another encoding, such as Windows-1252?)"));
            return;
        }
        ColumnType type = rule.type();
        boolean freeText = type == null || (type == ColumnType.TEXT && !rule.name().equals(CohortColumns.PATIENT_ID));
        String unfit = storable(value, freeText);
        if (unfit != null) {
            problems.add(new Rejection(line, rule.name(), unfit));
            text[i] = null;
            return;
        }
        if (type == ColumnType.TEXT) {
            text[i] = value;
            return;
        }
        if (type == null) {
            text[i] = value;
            known.remember(reader, f, value);
            return;
        }
        switch (type) {
            case CATEGORICAL -> {
                String level = rule.levels() == null ? value : rule.canonicalLevel(value);
                if (level == null) {
                    problems.add(new Rejection(line, rule.name(), quoted(value) + " is not one of "
                            + String.join(", ", rule.levels())));
                } else {
                    known.remember(reader, f, level);
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
                    problems.add(new Rejection(line, rule.name(), quoted(value) + " is not a number"));
                } else if (type == ColumnType.BINARY && v != 0 && v != 1) {
                    problems.add(new Rejection(line, rule.name(), quoted(value) + " must be 0 or 1"));
                } else if (type == ColumnType.INTEGER && v != Math.rint(v)) {
                    problems.add(new Rejection(line, rule.name(), quoted(value) + " is not a whole number"));
                } else if (v < rule.min() || v > rule.max()) {
                    problems.add(new Rejection(line, rule.name(), quoted(value) + " is outside "
                            + rule.rangeText()));
                } else {
                    number[i] = v;
                }
            }
        }
    }

    /** The record's text, of the fields {@code fields} (null = every field). */
    private static String rowText(CsvReader reader, int[] fields) {
        StringBuilder b = new StringBuilder();
        int count = fields == null ? reader.fieldCount() : fields.length;
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                b.append(',');
            }
            String v;
            try {
                v = reader.field(fields == null ? k : fields[k]);
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
        double[] osTime;
        int[] osEvent;
        double[] dfsTime;
        int[] dfsEvent;
        int[] dfsCause;
        int size;

        EndpointColumns(int capacity) {
            osTime = new double[capacity];
            osEvent = new int[capacity];
            dfsTime = new double[capacity];
            dfsEvent = new int[capacity];
            dfsCause = new int[capacity];
        }

        void add(EndpointDerivation.Endpoints e) {
            if (size == osTime.length) {
                grow();
            }
            osTime[size] = e.osTime();
            osEvent[size] = e.osEvent();
            dfsTime[size] = e.dfsTime();
            dfsEvent[size] = e.dfsEvent();
            dfsCause[size] = e.dfsCause();
            size++;
        }

        private void grow() {
            int n = Math.max(16, size * 2);
            osTime = Arrays.copyOf(osTime, n);
            osEvent = Arrays.copyOf(osEvent, n);
            dfsTime = Arrays.copyOf(dfsTime, n);
            dfsEvent = Arrays.copyOf(dfsEvent, n);
            dfsCause = Arrays.copyOf(dfsCause, n);
        }

        void append(EndpointColumns part, boolean[] keep) {
            for (int i = 0; i < part.size; i++) {
                if (keep == null || keep[i]) {
                    if (size == osTime.length) {
                        grow();
                    }
                    osTime[size] = part.osTime[i];
                    osEvent[size] = part.osEvent[i];
                    dfsTime[size] = part.dfsTime[i];
                    dfsEvent[size] = part.dfsEvent[i];
                    dfsCause[size] = part.dfsCause[i];
                    size++;
                }
            }
        }

        CohortData build(List<Column> columns) {
            if (size == osTime.length) {
                return new CohortData(columns, osTime, osEvent, dfsTime, dfsEvent, dfsCause);
            }
            return new CohortData(columns, Arrays.copyOf(osTime, size), Arrays.copyOf(osEvent, size),
                    Arrays.copyOf(dfsTime, size), Arrays.copyOf(dfsEvent, size), Arrays.copyOf(dfsCause, size));
        }
    }
}
