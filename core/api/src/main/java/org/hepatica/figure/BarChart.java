package org.hepatica.figure;

import java.util.ArrayList;
import java.util.List;

/**
 * Stacked bars, one per group, each split into the same categories and drawn as percentages of
 * the group's total (e.g. mRECIST CR / PR / SD / PD of the assessed patients per arm): a legend of
 * the categories under the title, the count in each segment tall enough to hold it, up to a few
 * labels over each bar (rates with their intervals), the group's label and total under it, and
 * footnotes (the tests) below. Colours are Okabe-Ito in category order, as the curves of
 * {@link StepPlot}; every text is escaped and the figure is deterministic.
 *
 * <p>Each segment is a {@code rect class="segment"} with {@code data-bar}, {@code data-category},
 * {@code data-count} and {@code data-percent} (one decimal), so the plotted values can be read back.
 *
 * <pre>
 * Figure f = BarChart.stacked("Response by arm", "CR", "PR", "SD", "PD")
 *         .bar("RFA", new double[] {155, 15, 16, 7}, "ORR 88.1% (82.7-92.3)")
 *         .footnote("Fisher p = 0.018").draw();
 * </pre>
 * @since 1.1
 */
public final class BarChart {
    private static final double PLOT_HEIGHT = 320;
    private static final double AXIS_WIDTH = 96;
    private static final double LINE = 27;

    private record Bar(String label, double[] counts, List<String> notes) {
        double total() {
            double t = 0;
            for (double c : counts) {
                t += c;
            }
            return t;
        }
    }

    private final String title;
    private final List<String> categories;
    private final List<Bar> bars = new ArrayList<>();
    private final List<String> footnotes = new ArrayList<>();
    private String valueLabel = "Percent";
    private String description;

    private BarChart(String title, List<String> categories) {
        this.title = title == null ? "" : title;
        this.categories = List.copyOf(categories);
    }

    /**
     * A chart of bars split into {@code categories} (bottom to top, legend left to right).
     *
     * @throws IllegalArgumentException without a category
     */
    public static BarChart stacked(String title, String... categories) {
        if (categories.length == 0) {
            throw new IllegalArgumentException("a bar chart needs at least one category");
        }
        List<String> c = new ArrayList<>();
        for (String s : categories) {
            c.add(s == null ? "" : s);
        }
        return new BarChart(title, c);
    }

    /** The label of the value axis, default "Percent". */
    public BarChart valueLabel(String label) {
        this.valueLabel = label == null ? "" : label;
        return this;
    }

    /** The figure's description (its {@code <desc>}); by default one is written from the data. */
    public BarChart description(String text) {
        this.description = text;
        return this;
    }

    /**
     * A bar: its label, the count of each category (negative or non-finite counts are taken as 0)
     * and labels written over it (nulls left out).
     *
     * @throws IllegalArgumentException when there is not one count per category
     */
    public BarChart bar(String label, double[] counts, String... notes) {
        if (counts == null || counts.length != categories.size()) {
            throw new IllegalArgumentException("a bar needs one count per category (" + categories.size() + ")");
        }
        double[] c = new double[counts.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = Double.isFinite(counts[i]) && counts[i] > 0 ? counts[i] : 0;
        }
        List<String> n = new ArrayList<>();
        for (String s : notes) {
            if (s != null && !s.isBlank()) {
                n.add(s);
            }
        }
        bars.add(new Bar(label == null ? "" : label, c, n));
        return this;
    }

    /** A line under the chart (e.g. a test); several are stacked. */
    public BarChart footnote(String text) {
        if (text != null && !text.isBlank()) {
            footnotes.add(text);
        }
        return this;
    }

    /** The figure. Never throws for odd data: an empty bar is drawn as an outline with "n = 0". */
    public Figure draw() {
        Svg svg = new Svg();
        double width = Theme.WIDTH;
        double fs = Theme.FONT_SMALL;
        double y = Theme.MARGIN;
        for (String line : Svg.wrap(title, width - 2 * Theme.MARGIN, Theme.FONT_TITLE * 1.08)) {
            y += 30;
            svg.text(line, "class", "title", "x", Svg.num(Theme.MARGIN), "y", Svg.num(y - 6),
                    "font-size", Svg.num(Theme.FONT_TITLE), "font-weight", "bold", "fill", Theme.INK);
        }
        y = legend(svg, y + 12, fs);

        int notes = 0;
        for (Bar b : bars) {
            notes = Math.max(notes, b.notes().size());
        }
        double left = Theme.MARGIN + AXIS_WIDTH;
        double right = width - Theme.MARGIN;
        double top = y + 16 + notes * LINE;
        double bottom = top + PLOT_HEIGHT;
        axis(svg, left, right, top, bottom, fs);

        int k = Math.max(1, bars.size());
        double slot = (right - left) / k;
        double barWidth = Math.min(150, slot * 0.55);
        for (int b = 0; b < bars.size(); b++) {
            bar(svg, bars.get(b), left + slot * (b + 0.5), barWidth, slot, top, bottom, fs);
        }
        double end = bottom + 2 * LINE + 10;
        svg.open("g", "class", "footnotes", "font-size", Svg.num(fs), "fill", Theme.INK);
        for (String note : footnotes) {
            for (String line : Svg.wrap(note, width - 2 * Theme.MARGIN, fs)) {
                end += LINE;
                svg.text(line, "class", "footnote", "x", Svg.num(Theme.MARGIN), "y", Svg.num(end));
            }
        }
        svg.close("g");
        return svg.figure(width, Math.ceil(end + Theme.MARGIN), title, description != null ? description : describe());
    }

    /** The categories' swatches, wrapped onto lines; returns the y under them. */
    private double legend(Svg svg, double y, double fs) {
        svg.open("g", "class", "legend", "font-size", Svg.num(fs), "fill", Theme.INK);
        double x = Theme.MARGIN;
        double baseline = y + fs;
        for (int i = 0; i < categories.size(); i++) {
            String name = categories.get(i);
            double w = 22 + 8 + Svg.width(name, fs) + 24;
            if (x + w > Theme.WIDTH - Theme.MARGIN && x > Theme.MARGIN) {
                x = Theme.MARGIN;
                baseline += LINE;
            }
            svg.empty("rect", "class", "swatch", "x", Svg.num(x), "y", Svg.num(baseline - fs + 2), "width", "22",
                    "height", Svg.num(fs - 2), "fill", Theme.colour(i));
            svg.text(name, "x", Svg.num(x + 30), "y", Svg.num(baseline));
            x += w;
        }
        svg.close("g");
        return baseline + 8;
    }

    private void axis(Svg svg, double left, double right, double top, double bottom, double fs) {
        svg.open("g", "class", "value-axis", "font-size", Svg.num(fs), "fill", Theme.INK);
        for (int t = 0; t <= 100; t += 25) {
            double ty = bottom - t / 100.0 * (bottom - top);
            svg.empty("path", "class", "grid", "d", new Svg.Path().move(left, ty).horizontal(right).toString(),
                    "stroke", t == 0 ? Theme.INK : Theme.SHADE, "stroke-width", t == 0 ? "1.5" : "1.5");
            svg.text(t + "%", "x", Svg.num(left - 8), "y", Svg.num(ty + 7), "text-anchor", "end");
        }
        double mid = (top + bottom) / 2;
        svg.text(valueLabel, "class", "axis-label", "x", Svg.num(Theme.MARGIN + fs * 0.8), "y", Svg.num(mid),
                "text-anchor", "middle", "transform", "rotate(-90 " + Svg.num(Theme.MARGIN + fs * 0.8) + " "
                        + Svg.num(mid) + ")");
        svg.close("g");
    }

    private void bar(Svg svg, Bar bar, double centre, double barWidth, double slot, double top, double bottom,
            double fs) {
        double total = bar.total();
        double x = centre - barWidth / 2;
        svg.open("g", "class", "bar", "data-bar", bar.label(), "data-total", Format.number(total, 0),
                "font-size", Svg.num(fs));
        double at = bottom;
        if (total > 0) {
            for (int i = 0; i < categories.size(); i++) {
                double share = bar.counts()[i] / total;
                double h = share * (bottom - top);
                svg.empty("rect", "class", "segment", "x", Svg.num(x), "y", Svg.num(at - h), "width", Svg.num(barWidth),
                        "height", Svg.num(h), "fill", Theme.colour(i), "data-bar", bar.label(),
                        "data-category", categories.get(i), "data-count", Format.number(bar.counts()[i], 0),
                        "data-percent", Format.number(100 * share, 1));
                if (h >= fs + 4 && bar.counts()[i] > 0) {
                    svg.text(Format.number(bar.counts()[i], 0), "class", "count", "x", Svg.num(centre),
                            "y", Svg.num(at - h / 2 + fs * 0.35), "text-anchor", "middle",
                            "fill", i < 3 ? "#ffffff" : Theme.INK);
                }
                at -= h;
            }
        } else {
            svg.empty("rect", "class", "empty", "x", Svg.num(x), "y", Svg.num(top), "width", Svg.num(barWidth),
                    "height", Svg.num(bottom - top), "fill", "none", "stroke", Theme.MUTED, "stroke-dasharray", "3 5");
        }
        double ny = top - 10 - (bar.notes().size() - 1) * LINE;
        for (String note : bar.notes()) {
            svg.text(Svg.truncate(note, slot - 8, fs), "class", "note", "x", Svg.num(centre), "y", Svg.num(ny),
                    "text-anchor", "middle", "fill", Theme.INK);
            ny += LINE;
        }
        svg.text(Svg.truncate(bar.label(), slot - 8, Theme.FONT_LABEL * 1.08 /* bold */), "class", "label", "x", Svg.num(centre),
                "y", Svg.num(bottom + LINE), "text-anchor", "middle", "font-size", Svg.num(Theme.FONT_LABEL),
                "font-weight", "bold", "fill", Theme.INK);
        svg.text("n = " + Format.number(total, 0), "class", "total", "x", Svg.num(centre), "y",
                Svg.num(bottom + 2 * LINE), "text-anchor", "middle", "fill", Theme.MUTED);
        svg.close("g");
    }

    /** "Stacked bars of CR, PR, SD, PD (percent of each bar's total): RFA (n = 193): CR 155 (80.3%), ...". */
    private String describe() {
        StringBuilder d = new StringBuilder("Stacked bars of " + String.join(", ", categories)
                + " (percent of each bar's total)");
        for (Bar b : bars) {
            double total = b.total();
            d.append(". ").append(b.label()).append(" (n = ").append(Format.number(total, 0)).append("): ");
            for (int i = 0; i < categories.size(); i++) {
                d.append(i > 0 ? ", " : "").append(categories.get(i)).append(' ')
                        .append(Format.number(b.counts()[i], 0));
                if (total > 0) {
                    d.append(" (").append(Format.number(100 * b.counts()[i] / total, 1)).append("%)");
                }
            }
            if (!b.notes().isEmpty()) {
                d.append("; ").append(String.join("; ", b.notes()));
            }
        }
        footnotes.forEach(f -> d.append(". ").append(f));
        return d.append('.').toString();
    }
}
