package org.hepatica.figure;

/**
 * The figures' look, in one place. Sizes are in viewBox units of a figure 720 wide: printed at a
 * journal's single column (85 mm = 241 pt) one unit is 0.335 pt, so the smallest text (21) is 7 pt.
 */
final class Theme {
    static final double WIDTH = 720;
    static final double MARGIN = 16;
    static final double FONT_SMALL = 21;
    static final double FONT_LABEL = 23;
    static final double FONT_TITLE = 25;
    static final String INK = "#222222";
    static final String GUIDE = "#555555";
    static final String MUTED = "#666666";
    static final String SHADE = "#f2f2f2";

    /** Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency. */
    private static final String[] COLOURS = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"};

    /** Solid, dashed, dotted, dash-dot, long dash, dash-dot-dot, short dash, long dash-dot: groups apart in greyscale. */
    private static final String[] DASHES = {
        null, "12 6", "3 5", "12 5 3 5", "22 6", "12 4 3 4 3 4", "6 5", "22 5 3 5"};

    private Theme() {
    }

    /** The colour of the {@code i}-th curve. */
    static String colour(int i) {
        return COLOURS[i % COLOURS.length];
    }

    /** The stroke-dasharray of the {@code i}-th curve, null for solid. */
    static String dash(int i) {
        return DASHES[i % DASHES.length];
    }
}
