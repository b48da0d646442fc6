package org.hepatica.stats;

/**
 * Weighted sums over a range of sorted subjects, the building block of the risk-set walk:
 * S0 = sum w_s, S1_i = sum w_s x_si, S2_ij = sum w_s x_si x_sj (lower triangle, j &lt;= i,
 * stored at [i * p + j]). Short ranges are summed subject by subject; long ranges in blocks
 * that stay in the L1 cache, each S2 element as a dot product with four partial sums.
 */
final class CoxRangeSums {

    /** Subjects per block of a long range. */
    static final int BLOCK = 256;
    /** Ranges shorter than this are summed subject by subject. */
    static final int SHORT = 24;

    private final double[] buffer = new double[BLOCK];
    /** blockDots' results: the sum of the buffer, then one dot product per column. */
    private double[] dots = new double[8];

    /**
     * Adds the sums over positions [lo, hi) to {@code s1} and {@code s2} and returns S0.
     *
     * @param w    weights by position (the risk scores)
     * @param cols covariate columns by position
     */
    double add(double[] w, int lo, int hi, double[][] cols, double[] s1, double[] s2) {
        return add(w, lo, hi, cols, s1, 0, s2, 0);
    }

    /** As {@link #add(double[], int, int, double[][], double[], double[])}, at offsets of s1 and s2. */
    double add(double[] w, int lo, int hi, double[][] cols, double[] s1, int off1, double[] s2, int off2) {
        int p = cols.length;
        double s0 = 0;
        if (hi - lo < SHORT) {
            for (int s = lo; s < hi; s++) {
                double r = w[s];
                s0 += r;
                for (int i = 0; i < p; i++) {
                    double rx = r * cols[i][s];
                    s1[off1 + i] += rx;
                    int row = off2 + i * p;
                    for (int j = 0; j <= i; j++) {
                        s2[row + j] += rx * cols[j][s];
                    }
                }
            }
            return s0;
        }
        for (int b0 = lo; b0 < hi; b0 += BLOCK) {
            s0 += block(w, b0, Math.min(BLOCK, hi - b0), cols, s1, off1, s2, off2, true);
        }
        return s0;
    }

    /**
     * One block of a long range: its S1 to {@code s1} from {@code off1} and its S2 (lower triangle)
     * to {@code s2} from {@code off2}, added to what is there or written over it; returns its S0.
     */
    private double block(double[] w, int b0, int len, double[][] cols, double[] s1, int off1, double[] s2, int off2,
            boolean accumulate) {
        int p = cols.length;
        if (p == 0) {
            return sum(w, b0, len);
        }
        double[] buf = buffer;
        // S0 of the block, formed as sum(w, b0, len) forms it, in the sweep that fills the buffer
        // for the first column
        double w0 = 0;
        double w1 = 0;
        double w2 = 0;
        double w3 = 0;
        for (int i = 0; i < p; i++) {
            double[] ci = cols[i];
            int t = 0;
            if (i == 0) {
                for (; t + 3 < len; t += 4) {
                    double r0 = w[b0 + t];
                    double r1 = w[b0 + t + 1];
                    double r2 = w[b0 + t + 2];
                    double r3 = w[b0 + t + 3];
                    w0 += r0;
                    w1 += r1;
                    w2 += r2;
                    w3 += r3;
                    buf[t] = r0 * ci[b0 + t];
                    buf[t + 1] = r1 * ci[b0 + t + 1];
                    buf[t + 2] = r2 * ci[b0 + t + 2];
                    buf[t + 3] = r3 * ci[b0 + t + 3];
                }
                for (; t < len; t++) {
                    double r = w[b0 + t];
                    w0 += r;
                    buf[t] = r * ci[b0 + t];
                }
            } else {
                for (; t < len; t++) {
                    buf[t] = w[b0 + t] * ci[b0 + t];
                }
            }
            double[] r = blockDots(cols, i, b0, len);
            int row = off2 + i * p;
            if (accumulate) {
                s1[off1 + i] += r[0];
                for (int j = 0; j <= i; j++) {
                    s2[row + j] += r[1 + j];
                }
            } else {
                s1[off1 + i] = r[0];
                for (int j = 0; j <= i; j++) {
                    s2[row + j] = r[1 + j];
                }
            }
        }
        return (w0 + w1) + (w2 + w3);
    }

    /** Number of blocks {@link #blocks} writes for a range of {@code len} subjects. */
    static int blockCount(int len) {
        return len < SHORT ? 0 : (len + BLOCK - 1) / BLOCK;
    }

    /**
     * The long-range branch of {@link #add} with the additions left to the caller: each block's
     * S1 and S2 are written to {@code out} (p + p * p values a block, from {@code off}), for
     * {@link #addBlocks} to add in block order, which gives exactly the sums {@code add} forms.
     * Requires hi - lo &gt;= {@link #SHORT}.
     *
     * @return S0 over the range, exactly as {@code add} returns it
     */
    double blocks(double[] w, int lo, int hi, double[][] cols, double[] out, int off) {
        int p = cols.length;
        int stride = p + p * p;
        double s0 = 0;
        for (int b0 = lo; b0 < hi; b0 += BLOCK, off += stride) {
            s0 += block(w, b0, Math.min(BLOCK, hi - b0), cols, out, off, out, off + p, false);
        }
        return s0;
    }

    /** Adds {@code nBlocks} blocks written by {@link #blocks} (from {@code off}) to s1 and s2, in order. */
    static void addBlocks(double[] in, int off, int nBlocks, int p, double[] s1, double[] s2) {
        int stride = p + p * p;
        for (int b = 0; b < nBlocks; b++, off += stride) {
            for (int i = 0; i < p; i++) {
                s1[i] += in[off + i];
                int row = i * p;
                for (int j = 0; j <= i; j++) {
                    s2[row + j] += in[off + p + row + j];
                }
            }
        }
    }

    /** Adds the column sums over [lo, hi) to {@code out}. */
    static void columnSums(double[][] cols, int lo, int hi, double[] out) {
        for (int i = 0; i < cols.length; i++) {
            out[i] += sum(cols[i], lo, hi - lo);
        }
    }

    static double sum(double[] v, int from, int len) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        int t = 0;
        for (; t + 3 < len; t += 4) {
            a0 += v[from + t];
            a1 += v[from + t + 1];
            a2 += v[from + t + 2];
            a3 += v[from + t + 3];
        }
        for (; t < len; t++) {
            a0 += v[from + t];
        }
        return (a0 + a1) + (a2 + a3);
    }

    /**
     * Of the buffer (r_s x_i over a block): its sum, then its dot product with each column
     * j &lt;= i, into {@code dots[0]} and {@code dots[1 + j]}. Each value is formed exactly as
     * {@link #sum} and {@link #dot} form it (four partial sums over t mod 4, added pairwise); the
     * sum is taken in the sweep of the first column(s), and the columns two at a time, only so
     * that one sweep over the buffer feeds eight to twelve independent additions.
     */
    private double[] blockDots(double[][] cols, int i, int from, int len) {
        if (dots.length < i + 2) {
            dots = new double[2 * (i + 2)];
        }
        double[] r = dots;
        double[] buf = buffer;
        if (i == 0) {
            sumAndDot(buf, cols[0], from, len, r);
            return r;
        }
        sumAndPair(buf, cols[0], cols[1], from, len, r);
        int j = 2;
        for (; j + 1 <= i; j += 2) {
            double[] ca = cols[j];
            double[] cb = cols[j + 1];
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            double b0 = 0;
            double b1 = 0;
            double b2 = 0;
            double b3 = 0;
            int t = 0;
            for (; t + 3 < len; t += 4) {
                double x0 = buf[t];
                double x1 = buf[t + 1];
                double x2 = buf[t + 2];
                double x3 = buf[t + 3];
                a0 += x0 * ca[from + t];
                a1 += x1 * ca[from + t + 1];
                a2 += x2 * ca[from + t + 2];
                a3 += x3 * ca[from + t + 3];
                b0 += x0 * cb[from + t];
                b1 += x1 * cb[from + t + 1];
                b2 += x2 * cb[from + t + 2];
                b3 += x3 * cb[from + t + 3];
            }
            for (; t < len; t++) {
                a0 += buf[t] * ca[from + t];
                b0 += buf[t] * cb[from + t];
            }
            r[1 + j] = (a0 + a1) + (a2 + a3);
            r[2 + j] = (b0 + b1) + (b2 + b3);
        }
        if (j == i) {
            r[1 + j] = dot(buf, cols[j], from, len);
        }
        return r;
    }

    /** r[0] = sum_t buf[t], r[1] = sum_t buf[t] col[from + t], in one sweep, each as sum and dot form it. */
    private static void sumAndDot(double[] buf, double[] col, int from, int len, double[] r) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        int t = 0;
        for (; t + 3 < len; t += 4) {
            double x0 = buf[t];
            double x1 = buf[t + 1];
            double x2 = buf[t + 2];
            double x3 = buf[t + 3];
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
            a0 += x0 * col[from + t];
            a1 += x1 * col[from + t + 1];
            a2 += x2 * col[from + t + 2];
            a3 += x3 * col[from + t + 3];
        }
        for (; t < len; t++) {
            s0 += buf[t];
            a0 += buf[t] * col[from + t];
        }
        r[0] = (s0 + s1) + (s2 + s3);
        r[1] = (a0 + a1) + (a2 + a3);
    }

    /** r[0] = sum_t buf[t], r[1], r[2] its dot products with ca and cb, in one sweep. */
    private static void sumAndPair(double[] buf, double[] ca, double[] cb, int from, int len, double[] r) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        int t = 0;
        for (; t + 3 < len; t += 4) {
            double x0 = buf[t];
            double x1 = buf[t + 1];
            double x2 = buf[t + 2];
            double x3 = buf[t + 3];
            s0 += x0;
            s1 += x1;
            s2 += x2;
            s3 += x3;
            a0 += x0 * ca[from + t];
            a1 += x1 * ca[from + t + 1];
            a2 += x2 * ca[from + t + 2];
            a3 += x3 * ca[from + t + 3];
            b0 += x0 * cb[from + t];
            b1 += x1 * cb[from + t + 1];
            b2 += x2 * cb[from + t + 2];
            b3 += x3 * cb[from + t + 3];
        }
        for (; t < len; t++) {
            s0 += buf[t];
            a0 += buf[t] * ca[from + t];
            b0 += buf[t] * cb[from + t];
        }
        r[0] = (s0 + s1) + (s2 + s3);
        r[1] = (a0 + a1) + (a2 + a3);
        r[2] = (b0 + b1) + (b2 + b3);
    }

    /** sum_t buf[t] * col[from + t]. */
    private static double dot(double[] buf, double[] col, int from, int len) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        int t = 0;
        for (; t + 3 < len; t += 4) {
            a0 += buf[t] * col[from + t];
            a1 += buf[t + 1] * col[from + t + 1];
            a2 += buf[t + 2] * col[from + t + 2];
            a3 += buf[t + 3] * col[from + t + 3];
        }
        for (; t < len; t++) {
            a0 += buf[t] * col[from + t];
        }
        return (a0 + a1) + (a2 + a3);
    }
}
