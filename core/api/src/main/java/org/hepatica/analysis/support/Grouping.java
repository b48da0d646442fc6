package org.hepatica.analysis.support;

import java.util.List;

/**
 * A grouping of the subjects of a {@link SurvivalSample}: a code per subject into
 * {@link #labels()}, every label used by at least one subject.
 *
 * @param name   the variable (a column name, or a derived name such as {@code margin class})
 * @param codes  code of each subject of the sample, {@code 0..labels.size()-1}; the sample's own
 *               array, shared with the estimators: never modify it
 * @param labels the levels in the column's order (code point order for text, numeric order for
 *               numbers), only those present in the sample
 */
public record Grouping(String name, int[] codes, List<String> labels) {

    /** Copies the labels. */
    public Grouping {
        labels = List.copyOf(labels);
    }

    /** The labels as an array, as the estimators take them. */
    public String[] labelArray() {
        return labels.toArray(new String[0]);
    }

    /** Number of groups. */
    public int size() {
        return labels.size();
    }

    /** The label of each subject, as {@link org.hepatica.stats.CoxDesign} takes a categorical variable. */
    public String[] perSubject() {
        String[] out = new String[codes.length];
        String[] l = labelArray();
        for (int i = 0; i < codes.length; i++) {
            out[i] = l[codes[i]];
        }
        return out;
    }
}
