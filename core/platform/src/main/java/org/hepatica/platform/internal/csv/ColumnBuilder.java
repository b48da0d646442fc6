package org.hepatica.platform.internal.csv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.cohort.ColumnType;
import org.hepatica.platform.internal.model.Column;

/** Collects one column's accepted values, growing primitive arrays; builds the stored {@link Column}. */
abstract class ColumnBuilder {
    final ColumnRule rule;

    ColumnBuilder(ColumnRule rule) {
        this.rule = rule;
    }

    /**
     * A builder for {@code rule}'s column with room for {@code capacity} values to start with: small
     * for the parts of an input (a wide file has few rows per part and many columns), the exact count
     * when the parts are put together.
     */
    static ColumnBuilder of(ColumnRule rule, int capacity) {
        if (rule.isExtra() || rule.type() == ColumnType.CATEGORICAL) {
            return new DictionaryColumn(rule, capacity);
        }
        if (rule.type() == ColumnType.TEXT) {
            return new TextColumn(rule, capacity);
        }
        return new NumberColumn(rule, capacity);
    }

    /** Appends the row value held in {@code number} or {@code text}. */
    abstract void add(double number, String text);

    abstract Column build();

    /**
     * Appends the first {@code rows} values of {@code part}, a builder of the same column filled
     * from a later part of the input, leaving out row {@code i} when {@code keep[i]} is false
     * ({@code keep} null = every row).
     */
    abstract void append(ColumnBuilder part, int rows, boolean[] keep);

    /** How many of the first {@code rows} rows {@code keep} keeps (null = all). */
    static int kept(int rows, boolean[] keep) {
        if (keep == null) {
            return rows;
        }
        int n = 0;
        for (int i = 0; i < rows; i++) {
            n += keep[i] ? 1 : 0;
        }
        return n;
    }

    /** Numbers, binary, integers and dates. */
    static final class NumberColumn extends ColumnBuilder {
        private double[] values;
        private int size;

        NumberColumn(ColumnRule rule, int capacity) {
            super(rule);
            values = new double[Math.max(1, capacity)];
        }

        @Override
        void add(double number, String text) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = number;
        }

        @Override
        Column build() {
            return Column.numeric(rule.name(), rule.type(), size == values.length ? values : Arrays.copyOf(values, size));
        }


        @Override
        void append(ColumnBuilder part, int rows, boolean[] keep) {
            double[] from = ((NumberColumn) part).values;
            int adding = kept(rows, keep);
            if (size + adding > values.length) {
                values = Arrays.copyOf(values, Math.max(size + adding, values.length * 2));
            }
            if (keep == null) {
                System.arraycopy(from, 0, values, size, rows);
                size += rows;
            } else {
                for (int i = 0; i < rows; i++) {
                    if (keep[i]) {
                        values[size++] = from[i];
                    }
                }
            }
        }
    }

    /** Free text kept as is. */
    static final class TextColumn extends ColumnBuilder {
        private final ArrayList<String> values;

        TextColumn(ColumnRule rule, int capacity) {
            super(rule);
            values = new ArrayList<>(capacity);
        }

        @Override
        void add(double number, String text) {
            values.add(text);
        }

        @Override
        Column build() {
            return Column.text(rule.name(), values.toArray(new String[0]));
        }


        @Override
        void append(ColumnBuilder part, int rows, boolean[] keep) {
            ArrayList<String> from = ((TextColumn) part).values;
            for (int i = 0; i < rows; i++) {
                if (keep == null || keep[i]) {
                    values.add(from.get(i));
                }
            }
        }
    }

    /**
     * Categorical values, and extra columns whose type is known only at the end: values are coded
     * through a dictionary; an extra column whose every distinct value is a number becomes numeric.
     */
    static final class DictionaryColumn extends ColumnBuilder {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> levels = new ArrayList<>();
        private int[] codes;
        private int size;

        DictionaryColumn(ColumnRule rule, int capacity) {
            super(rule);
            codes = new int[Math.max(1, capacity)];
        }

        @Override
        void add(double number, String text) {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size * 2);
            }
            codes[size++] = text == null ? -1 : code(text);
        }


        private int code(String level) {
            Integer known = index.get(level);
            if (known == null) {
                known = levels.size();
                index.put(level, known);
                levels.add(level);
            }
            return known;
        }

        @Override
        void append(ColumnBuilder part, int rows, boolean[] keep) {
            DictionaryColumn from = (DictionaryColumn) part;
            // the part's codes in this dictionary, looked up when first kept: a level seen only in
            // rows left out must not become a level of the column
            int[] remap = new int[from.levels.size()];
            Arrays.fill(remap, -1);
            int adding = kept(rows, keep);
            if (size + adding > codes.length) {
                codes = Arrays.copyOf(codes, Math.max(size + adding, codes.length * 2));
            }
            for (int i = 0; i < rows; i++) {
                if (keep == null || keep[i]) {
                    int c = from.codes[i];
                    if (c >= 0 && remap[c] < 0) {
                        remap[c] = code(from.levels.get(c));
                    }
                    codes[size++] = c < 0 ? -1 : remap[c];
                }
            }
        }

        @Override
        Column build() {
            if (rule.isExtra()) {
                double[] numbers = new double[levels.size()];
                boolean numeric = true;
                for (int i = 0; i < numbers.length && numeric; i++) {
                    numbers[i] = Numbers.parse(levels.get(i));
                    numeric = !Double.isNaN(numbers[i]);
                }
                if (numeric) {
                    double[] values = new double[size];
                    for (int i = 0; i < size; i++) {
                        values[i] = codes[i] < 0 ? Double.NaN : numbers[codes[i]];
                    }
                    return Column.numeric(rule.name(), ColumnType.NUMERIC, values);
                }
            }
            // levels in code point order, codes remapped
            Integer[] order = new Integer[levels.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> levels.get(a).compareTo(levels.get(b)));
            int[] remap = new int[order.length];
            List<String> sorted = new ArrayList<>(order.length);
            for (int i = 0; i < order.length; i++) {
                remap[order[i]] = i;
                sorted.add(levels.get(order[i]));
            }
            // remapped where they are when the array is exactly full (the merge sizes it so)
            int[] out = size == codes.length ? codes : new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = codes[i] < 0 ? -1 : remap[codes[i]];
            }
            return Column.categorical(rule.name(), out, sorted);
        }
    }
}
