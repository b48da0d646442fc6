package org.hepatica.figure;

import java.util.ArrayList;
import java.util.List;
import org.hepatica.analysis.support.Labels;

/**
 * A forest plot of hazard ratios: one row per term or subgroup with its label, n, events, the
 * hazard ratio as a square and its confidence interval as a line on a log axis (round ticks
 * 0.25, 0.5, 1, 2, 4 ... or decades for wide ranges, a dotted line at 1), the estimate written
 * out ("0.54 (0.42-0.71)") and its p-value. A reference level says "reference" and has no mark
 * (it never borrows another row's estimate); an interval past the axis ends in an arrow; rows
 * after a {@link #heading heading} are indented under it, up to the next heading.
 *
 * <p>Machine-readable marks: each row is {@code <g class="forest-row" data-kind="estimate|
 * reference|heading|not-estimable" data-label="..." data-hr="0.54" ...>}, its square
 * {@code <rect class="hr">}; the axis is {@code <g class="forest-axis" data-x-at-1="..."
 * data-x-at-2="...">}, so that log2(HR) = (x - x@1) / (x@2 - x@1).
 *
 * <p>A builder: add the rows in order, then {@link #draw()}; not for use by several threads at once.
 */
public final class ForestPlot {
    private static final double ROW = 36;
    private static final double SQUARE = 14;
    private static final double INDENT = 18;
    private static final double GAP = 14;
    private static final double MIN_AXIS = 160;
    /** Room at the axis ends for a square or an arrow. */
    private static final double PAD = 10;

    private enum Kind {
        HEADING, REFERENCE, ESTIMATE
    }

    private record Row(Kind kind, String label, Integer n, Integer events, Double hr, Double lower, Double upper,
            Double p) {
        boolean estimable() {
            return kind == Kind.ESTIMATE && positive(hr);
        }

        String kindName() {
            return switch (kind) {
                case HEADING -> "heading";
                case REFERENCE -> "reference";
                case ESTIMATE -> estimable() ? "estimate" : "not-estimable";
            };
        }
    }

    private final String title;
    private String description;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> footnotes = new ArrayList<>();
    private String effectLabel = "Hazard ratio (95% CI)";
    private String labelHeader = "Subgroup";

    private ForestPlot(String title) {
        this.title = title == null ? "" : title;
    }

    /** An empty forest plot with this title. */
    public static ForestPlot of(String title) {
        return new ForestPlot(title);
    }

    /** The figure's description (its {@code <desc>}); when never set, a sentence is made from the rows. */
    public ForestPlot description(String text) {
        this.description = text;
        return this;
    }

    /**
     * A row with its effect. {@code n}, {@code events} and {@code pValue} may be null (left blank);
     * a null, NaN or non-positive {@code hazardRatio} is drawn as "not estimable"; missing bounds
     * leave only the square.
     */
    public ForestPlot row(String label, Integer n, Integer events, Double hazardRatio, Double lower, Double upper,
            Double pValue) {
        rows.add(new Row(Kind.ESTIMATE, text(label), n, events, hazardRatio, lower, upper, pValue));
        return this;
    }

    /** A reference level: drawn as "reference", with no estimate. */
    public ForestPlot reference(String label, Integer n, Integer events) {
        rows.add(new Row(Kind.REFERENCE, text(label), n, events, null, null, null, null));
        return this;
    }

    /** A heading row without numbers (e.g. a covariate's name above its levels). */
    public ForestPlot heading(String label) {
        rows.add(new Row(Kind.HEADING, text(label), null, null, null, null, null, null));
        return this;
    }

    /** A line under the plot, e.g. "Interaction p = 0.88 (Wald, 1 df)"; several are stacked. */
    public ForestPlot footnote(String text) {
        if (text != null && !text.isBlank()) {
            footnotes.add(text);
        }
        return this;
    }

    /** The heading over the estimates, default "Hazard ratio (95% CI)". */
    public ForestPlot effectLabel(String label) {
        this.effectLabel = text(label);
        return this;
    }

    /** The heading over the labels, default "Subgroup" (e.g. "Term" for a Cox model). */
    public ForestPlot labelHeader(String label) {
        this.labelHeader = text(label);
        return this;
    }

    /** The figure. Never throws for odd data: missing or extreme estimates are drawn as such. */
    public Figure draw() {
        return new Drawing().draw();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static boolean positive(Double v) {
        return v != null && Double.isFinite(v) && v > 0;
    }

    /** A row's estimate as written: "0.54 (0.42-0.71)", "reference", "not estimable" or blank. */
    private String estimateText(Row r) {
        return switch (r.kind()) {
            case HEADING -> "";
            case REFERENCE -> "reference";
            case ESTIMATE -> r.estimable()
                    ? Format.ci(r.hr(), positive(r.lower()) ? r.lower() : Double.NaN, positive(r.upper()) ? r.upper() : Double.NaN)
                    : "not estimable";
        };
    }

    private static String pText(Row r) {
        return r.kind() == Kind.ESTIMATE && r.p() != null ? Format.pValue(r.p()) : "";
    }

    private static String count(Integer n) {
        return n == null ? "" : Integer.toString(n);
    }

    /** Whether row {@code i} sits under a heading. */
    private boolean indented(int i) {
        if (rows.get(i).kind() == Kind.HEADING) {
            return false;
        }
        for (int j = i - 1; j >= 0; j--) {
            if (rows.get(j).kind() == Kind.HEADING) {
                return true;
            }
        }
        return false;
    }

    /**
     * One drawing: columns sized to their text, the axis to the data. When the text leaves the
     * axis less than {@code MIN_AXIS} of a 720-wide figure, the figure is made wider and every
     * text and row larger by the same factor {@code s}, so that text stays 7 pt at 85 mm.
     */
    private final class Drawing {
        private final Svg svg = new Svg();
        private final double s;
        private final double fs;
        private final double width;
        private final double labelWidth;
        private final double nRight;
        private final double eventsRight;
        private final double axisLeft;
        private final double axisRight;
        private final double estimateX;
        private final double pRight;
        private final double base;
        private final int lowExp;
        private final int highExp;
        private final int tickEvery;

        Drawing() {
            // text widths at the base font size
            double f = Theme.FONT_SMALL;
            double lw = Svg.width(labelHeader, f * 1.08);
            double nw = Svg.width("n", f * 1.08);
            double ew = Svg.width("Events", f * 1.08);
            double hw = 0;
            double pw = Svg.width("p", f * 1.08);
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                if (r.kind() != Kind.HEADING) { // a heading runs over the empty n and events cells
                    lw = Math.max(lw, (indented(i) ? INDENT : 0) + Svg.width(r.label(), f));
                }
                nw = Math.max(nw, Svg.width(count(r.n()), f));
                ew = Math.max(ew, Svg.width(count(r.events()), f));
                hw = Math.max(hw, Svg.width(estimateText(r), f));
                pw = Math.max(pw, Svg.width(pText(r), f));
            }
            double fixed = 2 * Theme.MARGIN + 5 * GAP + MIN_AXIS;
            lw = Math.min(lw, Math.max(90, Theme.WIDTH - 120 - (nw + ew + hw + pw)));
            double text = lw + nw + ew + hw + pw;
            s = text + fixed <= Theme.WIDTH ? 1 : Math.ceil(fixed / Math.max(60, Theme.WIDTH - text) * 100) / 100;
            fs = f * s;
            width = Theme.WIDTH * s;
            labelWidth = lw * s;
            nRight = Theme.MARGIN + labelWidth + GAP + nw * s;
            eventsRight = nRight + GAP + ew * s;
            axisLeft = eventsRight + GAP;
            pRight = width - Theme.MARGIN;
            estimateX = pRight - pw * s - GAP - hw * s;
            axisRight = estimateX - GAP;

            double lo = 1;
            double hi = 1;
            for (Row r : rows) {
                if (r.estimable()) {
                    lo = Math.min(lo, Math.min(r.hr(), positive(r.lower()) ? r.lower() : r.hr()));
                    hi = Math.max(hi, Math.max(r.hr(), positive(r.upper()) ? r.upper() : r.hr()));
                }
            }
            // powers of two while the data stay within 1/8-8, else decades up to 0.01-100; past them, arrows
            base = lo >= 0.125 && hi <= 8 ? 2 : 10;
            int limit = base == 2 ? 3 : 2;
            lowExp = Math.max(-limit, Math.min(-1, (int) Math.floor(log(lo) + 1e-9)));
            highExp = Math.min(limit, Math.max(1, (int) Math.ceil(log(hi) - 1e-9)));
            int maxTicks = Math.max(3, (int) ((axisRight - axisLeft) / (50 * s)) + 1);
            int every = 1;
            while (ticks(every) > maxTicks) {
                every++;
            }
            tickEvery = every;
        }

        private double log(double v) {
            return Math.log(v) / Math.log(base);
        }

        private int ticks(int every) {
            int count = 0;
            for (int e = lowExp; e <= highExp; e++) {
                count += e % every == 0 ? 1 : 0;
            }
            return count;
        }

        /** Pixel x of a hazard ratio, clamped to the axis. */
        private double x(double hr) {
            double f = (log(hr) - lowExp) / (highExp - lowExp);
            return axisLeft + PAD + Math.max(0, Math.min(1, f)) * (axisRight - axisLeft - 2 * PAD);
        }

        private boolean onAxis(double v) {
            double e = log(v);
            return e >= lowExp - 1e-9 && e <= highExp + 1e-9;
        }

        Figure draw() {
            double y = Theme.MARGIN;
            for (String line : Svg.wrap(title, width - 2 * Theme.MARGIN, Theme.FONT_TITLE * s * 1.08)) {
                y += 30 * s;
                svg.text(line, "class", "title", "x", Svg.num(Theme.MARGIN), "y", Svg.num(y - 6),
                        "font-size", Svg.num(Theme.FONT_TITLE * s), "font-weight", "bold", "fill", Theme.INK);
            }
            double header = y + 36 * s;
            header(header);
            double rowsTop = header + 12 * s;
            double axisY = rowsTop + rows.size() * ROW * s + 6;
            shading(rowsTop);
            referenceLine(rowsTop, axisY);
            for (int i = 0; i < rows.size(); i++) {
                row(i, rowsTop + i * ROW * s);
            }
            axis(axisY);
            double bottom = axisY + 6 + fs + 8 * s;
            svg.open("g", "class", "footnotes", "font-size", Svg.num(fs), "fill", Theme.INK);
            for (String note : footnotes) {
                for (String line : Svg.wrap(note, width - 2 * Theme.MARGIN, fs)) {
                    bottom += 28 * s;
                    svg.text(line, "class", "footnote", "x", Svg.num(Theme.MARGIN), "y", Svg.num(bottom));
                }
            }
            svg.close("g");
            return svg.figure(width, Math.ceil(bottom + Theme.MARGIN), title,
                    description != null ? description : describe());
        }

        private void header(double baseline) {
            String yb = Svg.num(baseline);
            svg.open("g", "class", "forest-header", "font-size", Svg.num(fs), "font-weight", "bold", "fill", Theme.INK);
            svg.text(labelHeader, "x", Svg.num(Theme.MARGIN), "y", yb);
            svg.text("n", "x", Svg.num(nRight), "y", yb, "text-anchor", "end");
            svg.text("Events", "x", Svg.num(eventsRight), "y", yb, "text-anchor", "end");
            svg.text(effectLabel, "x", Svg.num((axisLeft + pRight - Svg.width("p", fs) - GAP) / 2), "y", yb,
                    "text-anchor", "middle");
            svg.text("p", "x", Svg.num(pRight), "y", yb, "text-anchor", "end");
            svg.close("g");
            svg.empty("path", "d", new Svg.Path().move(Theme.MARGIN, baseline + 10).horizontal(width - Theme.MARGIN).toString(),
                    "stroke", Theme.INK, "stroke-width", "1.5");
        }

        /** The dotted line at 1, broken where a heading's text runs across it. */
        private void referenceLine(double rowsTop, double axisY) {
            Svg.Path p = new Svg.Path();
            double x = x(1);
            double from = rowsTop;
            for (int i = 0; i <= rows.size(); i++) {
                double top = rowsTop + i * ROW * s;
                boolean crossed = i < rows.size() && rows.get(i).kind() == Kind.HEADING
                        && Theme.MARGIN + Svg.width(headingText(rows.get(i)), fs * 1.08) > x - 6;
                if (i == rows.size() || crossed) {
                    double to = i == rows.size() ? axisY : top;
                    if (to > from) {
                        p.move(x, from).vertical(to);
                    }
                    from = top + ROW * s;
                }
            }
            svg.empty("path", "class", "reference-line", "d", p.toString(),
                    "stroke", Theme.GUIDE, "stroke-width", "1.5", "stroke-dasharray", "3 4", "fill", "none");
        }

        /** A heading as drawn: it may run over the n, events and axis columns, up to the estimates. */
        private String headingText(Row r) {
            return Svg.truncate(r.label(), estimateX - GAP - Theme.MARGIN, fs * 1.08);
        }

        private void shading(double rowsTop) {
            svg.open("g", "class", "shading", "fill", Theme.SHADE);
            for (int i = 1; i < rows.size(); i += 2) {
                svg.empty("rect", "x", Svg.num(Theme.MARGIN / 2), "y", Svg.num(rowsTop + i * ROW * s),
                        "width", Svg.num(width - Theme.MARGIN), "height", Svg.num(ROW * s));
            }
            svg.close("g");
        }

        private void row(int i, double top) {
            Row r = rows.get(i);
            double centre = top + ROW * s / 2;
            String baseline = Svg.num(centre + 7 * s);
            svg.open("g", "class", "forest-row", "data-kind", r.kindName(), "data-label", r.label(),
                    "data-n", r.n() == null ? null : count(r.n()), "data-events", r.events() == null ? null : count(r.events()),
                    "data-hr", r.estimable() ? Format.estimate(r.hr()) : null,
                    "data-lower", r.estimable() && positive(r.lower()) ? Format.estimate(r.lower()) : null,
                    "data-upper", r.estimable() && positive(r.upper()) ? Format.estimate(r.upper()) : null,
                    "data-p", pText(r).isEmpty() ? null : pText(r),
                    "font-size", Svg.num(fs), "fill", Theme.INK);
            double indent = indented(i) ? INDENT * s : 0;
            String label = r.kind() == Kind.HEADING ? headingText(r) : Svg.truncate(r.label(), labelWidth - indent, fs);
            svg.text(label, "class", "label", "x", Svg.num(Theme.MARGIN + indent), "y", baseline,
                    "font-weight", r.kind() == Kind.HEADING ? "bold" : null);
            if (r.kind() != Kind.HEADING) {
                svg.text(count(r.n()), "class", "n", "x", Svg.num(nRight), "y", baseline, "text-anchor", "end");
                svg.text(count(r.events()), "class", "events", "x", Svg.num(eventsRight), "y", baseline, "text-anchor", "end");
                boolean muted = !r.estimable();
                svg.text(estimateText(r), "class", "estimate", "x", Svg.num(estimateX), "y", baseline,
                        "font-style", muted ? "italic" : null, "fill", muted ? Theme.MUTED : null);
                svg.text(pText(r), "class", "p", "x", Svg.num(pRight), "y", baseline, "text-anchor", "end");
            }
            if (r.estimable()) {
                interval(r, centre);
            }
            svg.close("g");
        }

        /** The confidence interval as a line (with an arrow where it runs past the axis) and the square. */
        private void interval(Row r, double centre) {
            double hr = r.hr();
            double lo = positive(r.lower()) ? Math.min(r.lower(), hr) : hr;
            double hi = positive(r.upper()) ? Math.max(r.upper(), hr) : hr;
            double left = x(lo);
            double right = x(hi);
            if (right > left) {
                svg.empty("path", "class", "ci", "d", new Svg.Path().move(left, centre).horizontal(right).toString(),
                        "stroke", Theme.INK, "stroke-width", "2");
            }
            Svg.Path arrows = new Svg.Path();
            if (log(lo) < lowExp - 1e-9) {
                arrows.move(left - 2, centre).line(left + 8, centre - 6).line(left + 8, centre + 6).closePath();
            }
            if (log(hi) > highExp + 1e-9) {
                arrows.move(right + 2, centre).line(right - 8, centre - 6).line(right - 8, centre + 6).closePath();
            }
            if (!arrows.isEmpty()) {
                svg.empty("path", "class", "arrow", "d", arrows.toString(), "fill", Theme.INK);
            }
            if (onAxis(hr)) {
                double side = SQUARE * s;
                svg.empty("rect", "class", "hr", "x", Svg.num(x(hr) - side / 2), "y", Svg.num(centre - side / 2),
                        "width", Svg.num(side), "height", Svg.num(side), "fill", Theme.INK);
            }
        }

        private void axis(double y) {
            svg.open("g", "class", "forest-axis", "data-x-at-1", Svg.num(x(1)), "data-x-at-2", Svg.num(x(2)),
                    "font-size", Svg.num(fs), "fill", Theme.INK);
            Svg.Path p = new Svg.Path().move(axisLeft, y).horizontal(axisRight);
            for (int e = lowExp; e <= highExp; e++) {
                if (e % tickEvery == 0) {
                    double v = Math.pow(base, e);
                    p.move(x(v), y).vertical(y + 6);
                    svg.text(Labels.number(v), "class", "tick", "x", Svg.num(x(v)), "y", Svg.num(y + 6 + fs),
                            "text-anchor", "middle");
                }
            }
            svg.empty("path", "d", p.toString(), "stroke", Theme.INK, "stroke-width", "1.5", "fill", "none");
            svg.close("g");
        }

        /** "Title: hazard ratio (95% CI) on a log scale. RFA+RT 0.54 (0.42-0.71), p &lt; 0.001; MVI: no reference; ...". */
        private String describe() {
            StringBuilder d = new StringBuilder();
            if (!title.isBlank()) {
                d.append(title).append(": ");
            }
            d.append(Prose.lowerFirst(effectLabel)).append(" on a log scale");
            List<String> items = new ArrayList<>();
            String heading = null;
            for (Row r : rows) {
                if (r.kind() == Kind.HEADING) {
                    heading = r.label();
                    continue;
                }
                String item = (heading == null ? "" : heading + " ") + r.label() + " " + estimateText(r);
                if (r.estimable() && r.p() != null) {
                    item += ", " + Format.p(r.p());
                }
                items.add(item);
            }
            d.append(items.isEmpty() ? ", no rows." : ". " + String.join("; ", items) + ".");
            for (String note : footnotes) {
                d.append(' ').append(Prose.sentence(note));
            }
            return d.toString();
        }
    }
}
