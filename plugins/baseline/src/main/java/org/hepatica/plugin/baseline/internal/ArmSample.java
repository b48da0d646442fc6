package org.hepatica.plugin.baseline.internal;

import java.util.ArrayList;
import java.util.List;
import org.hepatica.cohort.Categorical;

/**
 * The patients of a "Table 1": those whose arm is known, with their arm among the arms present
 * (in the column's level order).
 *
 * @param arm      arm code 0..k-1 of each cohort row, -1 when the arm is missing
 * @param labels   the arms present
 * @param sizes    patients per arm
 * @param nDropped patients without an arm
 */
record ArmSample(int[] arm, List<String> labels, int[] sizes, int nDropped) {

    static ArmSample of(Categorical arms) {
        int[] codes = arms.codes();
        int[] count = new int[arms.levels().size()];
        int dropped = 0;
        for (int c : codes) {
            if (c < 0) {
                dropped++;
            } else {
                count[c]++;
            }
        }
        int[] recode = new int[count.length];
        List<String> labels = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        for (int l = 0; l < count.length; l++) {
            recode[l] = count[l] > 0 ? labels.size() : -1;
            if (count[l] > 0) {
                labels.add(arms.levels().get(l));
                sizes.add(count[l]);
            }
        }
        int[] arm = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            arm[i] = codes[i] < 0 ? -1 : recode[codes[i]];
        }
        return new ArmSample(arm, List.copyOf(labels), sizes.stream().mapToInt(Integer::intValue).toArray(), dropped);
    }

    /** Patients with an arm. */
    int n() {
        return arm.length - nDropped;
    }

    /** The non-missing values of each arm. */
    double[][] split(double[] values) {
        int k = labels.size();
        double[][] out = new double[k][];
        int[] n = new int[k];
        for (int i = 0; i < values.length; i++) {
            if (arm[i] >= 0 && !Double.isNaN(values[i])) {
                n[arm[i]]++;
            }
        }
        for (int a = 0; a < k; a++) {
            out[a] = new double[n[a]];
            n[a] = 0;
        }
        for (int i = 0; i < values.length; i++) {
            if (arm[i] >= 0 && !Double.isNaN(values[i])) {
                out[arm[i]][n[arm[i]]++] = values[i];
            }
        }
        return out;
    }

    /** arm x level counts of level codes (-1 = missing, not counted). */
    int[][] table(int[] codes, int levels) {
        int[][] t = new int[labels.size()][levels];
        for (int i = 0; i < codes.length; i++) {
            if (arm[i] >= 0 && codes[i] >= 0) {
                t[arm[i]][codes[i]]++;
            }
        }
        return t;
    }

    /** Whether every arm has a patient for whom {@code present} is true. */
    boolean hasValuesInEachArm(boolean[] present) {
        boolean[] seen = new boolean[labels.size()];
        for (int i = 0; i < present.length; i++) {
            if (arm[i] >= 0 && present[i]) {
                seen[arm[i]] = true;
            }
        }
        for (boolean s : seen) {
            if (!s) {
                return false;
            }
        }
        return true;
    }
}
