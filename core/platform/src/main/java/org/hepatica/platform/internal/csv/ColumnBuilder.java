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

    static ColumnBuilder of(ColumnRule rule) {
        if (rule.isExtra() || rule.type() == ColumnType.CATEGORICAL) {
            return new DictionaryColumn(rule);
        }
        if (rule.type() == ColumnType.TEXT) {
            return new TextColumn(rule);
        }
        return new NumberColumn(rule);
    }

    /** Appends the row value held in {@code number} or {@code text}. */
    abstract void add(double number, String text);

    abstract Column build();

    /** Numbers, binary, integers and dates. */
    static final class NumberColumn extends ColumnBuilder {
        private double[] values = new double[1024];
        private int size;

        NumberColumn(ColumnRule rule) {
            super(rule);
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
            return Column.numeric(rule.name(), rule.type(), Arrays.copyOf(values, size));
        }
    }

    /** Free text kept as is. */
    static final class TextColumn extends ColumnBuilder {
        private final List<String> values = new ArrayList<>();

        TextColumn(ColumnRule rule) {
            super(rule);
        }

        @Override
        void add(double number, String text) {
            values.add(text);
        }

        @Override
        Column build() {
            return Column.text(rule.name(), values.toArray(new String[0]));
        }
    }

    /**
     * Categorical values, and extra columns whose type is known only at the end: values are coded
     * through a dictionary; an extra column whose every distinct value is a number becomes numeric.
     */
    static final class DictionaryColumn extends ColumnBuilder {
        private final Map<String, Integer> index = new HashMap<>();
        private final List<String> levels = new ArrayList<>();
        private int[] codes = new int[1024];
        private int size;

        DictionaryColumn(ColumnRule rule) {
            super(rule);
        }

        @Override
        void add(double number, String text) {
            if (size == codes.length) {
                codes = Arrays.copyOf(codes, size * 2);
            }
            int code = -1;
            if (text != null) {
                Integer known = index.get(text);
                if (known == null) {
                    known = levels.size();
                    index.put(text, known);
                    levels.add(text);
                }
                code = known;
            }
            codes[size++] = code;
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
            int[] out = new int[size];
            for (int i = 0; i < size; i++) {
                out[i] = codes[i] < 0 ? -1 : remap[codes[i]];
            }
            return Column.categorical(rule.name(), out, sorted);
        }
    }
}
