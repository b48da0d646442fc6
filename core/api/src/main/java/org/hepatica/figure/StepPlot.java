package org.hepatica.figure;

import java.util.ArrayList;
import java.util.List;
import org.hepatica.analysis.support.Labels;
import org.hepatica.cohort.TimeUnit;

/**
 * A Kaplan-Meier or cumulative incidence figure in the manner of survminer's {@code ggsurvplot}:
 * step curves (Okabe-Ito colours and a distinct dash per group), '+' censoring marks, stepped
 * confidence bands, median guides and landmark lines drawn under the curves, annotations such as
 * the test's p-value in the emptiest corner, a legend with each group's label as given (cut with an
 * ellipsis when a line cannot hold it) and its n, and a number-at-risk table whose cells sit under
 * the time ticks.
 *
 * <p>The time axis starts at 0 and ends at the first round tick (in the display unit) at or after
 * the last time any curve, median or landmark reaches; the value axis runs over 0-1 (or 0-100 %).
 * Machine-readable marks: the data region is {@code <g class="plot">} with {@code data-x0},
 * {@code data-x1} (pixel x at time 0 and at time {@code data-t1}, in the data unit) and
 * {@code data-y0}, {@code data-y1} (pixel y at value 0 and 1), so that time = (x - x0) / (x1 - x0)
 * * t1 and value = (y - y0) / (y1 - y0); each curve is {@code <path class="curve" data-curve="LABEL">}
 * of absolute M/H/V commands; each number at risk is {@code <text class="risk" data-curve="LABEL"
 * data-time="TICK_TIME_IN_DATA_UNIT">}.
 *
 * <p>A builder: set what applies, then {@link #draw()}; not for use by several threads at once.
 */
public final class StepPlot {
    private static final double PLOT_HEIGHT = 380;
    /** Gap between an axis line and the data region, so that the curves do not run on the axes. */
    private static final double INSET = 8;
    private static final double CENSOR_MARK = 6;
    private static final double LINE = 30;

    private final boolean incidence;
    private final String title;
    private String description;
    private final List<StepCurve> curves = new ArrayList<>();
    private TimeUnit dataUnit = TimeUnit.DAYS;
    private TimeScale displayUnit = TimeScale.MONTHS;
    private String timeLabel;
    private boolean percent;
    private Boolean bands;
    private final List<Landmark> landmarks = new ArrayList<>();
    private final List<String> annotations = new ArrayList<>();
    private String yLabel;

    private record Landmark(double time, String label) {
    }

    private StepPlot(boolean incidence, String title) {
        this.incidence = incidence;
        this.title = title == null ? "" : title;
    }

    /** Survival curves: the value axis labelled "Survival probability", curves starting at 1. */
    public static StepPlot survival(String title) {
        return new StepPlot(false, title);
    }

    /** Cumulative incidence curves: the value axis labelled "Cumulative incidence", curves starting at 0. */
    public static StepPlot cumulativeIncidence(String title) {
        return new StepPlot(true, title);
    }

    /** The figure's description (its {@code <desc>}); when never set, a sentence is made from the curves. */
    public StepPlot description(String text) {
        this.description = text;
        return this;
    }

    /** Adds a curve; curves are drawn, coloured and listed in the order added. A null curve is ignored. */
    public StepPlot curve(StepCurve curve) {
        if (curve != null) {
            curves.add(curve);
        }
        return this;
    }

    /** The unit of the curves' times (default days); null means days. */
    public StepPlot dataUnit(TimeUnit unit) {
        this.dataUnit = unit == null ? TimeUnit.DAYS : unit;
        return this;
    }

    /** The unit of the time axis (default months); null means months. */
    public StepPlot displayUnit(TimeScale scale) {
        this.displayUnit = scale == null ? TimeScale.MONTHS : scale;
        return this;
    }

    /** The time axis' label, instead of e.g. "Months since treatment". */
    public StepPlot timeLabel(String label) {
        this.timeLabel = label;
        return this;
    }

    /** Values in percent (0-100) on the value axis instead of 0-1. */
    public StepPlot percent(boolean percent) {
        this.percent = percent;
        return this;
    }

    /** Whether to draw the confidence bands of curves that have them (default: yes). */
    public StepPlot bands(boolean bands) {
        this.bands = bands;
        return this;
    }

    /** A vertical dotted line at {@code time} (data unit) with its label above the plot, e.g. "2 years". */
    public StepPlot landmark(double time, String label) {
        if (Double.isFinite(time) && time >= 0) {
            landmarks.add(new Landmark(time, label == null ? "" : label));
        }
        return this;
    }

    /** A line of text in the plot's emptiest corner, e.g. "Log-rank p &lt; 0.001"; several are stacked. */
    public StepPlot annotation(String text) {
        if (text != null && !text.isBlank()) {
            annotations.add(text);
        }
        return this;
    }

    /** The value axis' label, instead of "Survival probability" or "Cumulative incidence". */
    public StepPlot yLabel(String label) {
        this.yLabel = label;
        return this;
    }

    /** The figure. Never throws for odd data: empty or NaN arrays draw as far as they go. */
    public Figure draw() {
        return new Drawing().draw();
    }

    /** One drawing: the layout computed from the plot's settings, then the marks. */
    private final class Drawing {
        private final Svg svg = new Svg();
        private final double start = incidence ? 0 : 1;
        /** Data unit to display unit. */
        private final double factor = dataUnit.toDays(1) / displayUnit.unit().toDays(1);
        private final double tickStep;
        private final int tickCount;
        private final double t1;
        private final boolean drawBands = bands == null || bands;
        private final List<StepCurve> riskRows = curves.stream().filter(StepCurve::hasRiskTable).toList();
        private final String[] yTicks = new String[5];
        private final double axisX;
        private final double tickWidth;
        private final double x0;
        private final double x1;
        /** Where the number-at-risk row labels end, clear of the first cell. */
        private final double riskLabelEnd;
        private double plotTop;
        private double y0;
        private double y1;
        private double plotBottom;

        Drawing() {
            double max = 0;
            for (StepCurve c : curves) {
                max = Math.max(max, c.end());
                if (c.median() != null && Double.isFinite(c.median())) {
                    max = Math.max(max, c.median());
                }
            }
            for (Landmark l : landmarks) {
                max = Math.max(max, l.time());
            }
            double maxDisplay = max * factor;
            tickStep = displayUnit.tickStep(maxDisplay > 0 ? maxDisplay : 1);
            tickCount = (int) Math.max(1, Math.ceil(maxDisplay / tickStep - 1e-9));
            // rounded as written, so that data-t1 inverts the drawing exactly
            t1 = Svg.round(tickCount * tickStep / factor);

            double widest = 0;
            for (int i = 0; i < 5; i++) {
                yTicks[i] = percent ? Labels.number(25 * i) : Format.number(0.25 * i, 2);
                widest = Math.max(widest, Svg.width(yTicks[i], Theme.FONT_SMALL));
            }
            tickWidth = widest;
            double riskLabelWidth = 0;
            double halfCell = 0;
            for (StepCurve c : riskRows) {
                riskLabelWidth = Math.max(riskLabelWidth, Svg.width(c.label(), Theme.FONT_SMALL) * 1.08); // bold
                halfCell = Math.max(halfCell, Svg.width(Integer.toString(c.n()), Theme.FONT_SMALL) / 2);
            }
            double forAxis = Theme.MARGIN + Theme.FONT_LABEL + 12 + tickWidth + 10;
            double forRiskLabels = Theme.MARGIN + Math.min(riskLabelWidth, 170) + 12 + halfCell - INSET;
            axisX = Math.ceil(Math.max(forAxis, forRiskLabels));
            x0 = axisX + INSET;
            riskLabelEnd = x0 - halfCell - 12;
            x1 = Theme.WIDTH - Theme.MARGIN - 26;
        }

        Figure draw() {
            double top = titleLines(Theme.MARGIN);
            top = legend(top);
            if (!landmarks.isEmpty()) {
                top += 26;
            }
            plotTop = Math.round(top + 4);
            plotBottom = plotTop + PLOT_HEIGHT;
            y1 = plotTop + INSET;
            y0 = plotBottom - INSET;
            axes();
            plotArea();
            double bottom = riskTable(plotBottom + 64);
            return svg.figure(Theme.WIDTH, Math.ceil(bottom + Theme.MARGIN), title,
                    description != null ? description : describe());
        }

        private double x(double t) {
            return Math.min(x0 + t / t1 * (x1 - x0), x1 + INSET);
        }

        private double y(double v) {
            return y0 + Math.max(0, Math.min(1, v)) * (y1 - y0);
        }

        private double time(double x) {
            return (x - x0) / (x1 - x0) * t1;
        }

        private double titleLines(double top) {
            double y = top;
            for (String line : Svg.wrap(title, Theme.WIDTH - 2 * Theme.MARGIN, Theme.FONT_TITLE * 1.08) /* bold */) {
                y += LINE;
                svg.text(line, "class", "title", "x", Svg.num(Theme.MARGIN), "y", Svg.num(y - 6),
                        "font-size", Svg.num(Theme.FONT_TITLE), "font-weight", "bold", "fill", Theme.INK);
            }
            return y + 8;
        }

        private double legend(double top) {
            if (curves.isEmpty()) {
                return top;
            }
            svg.open("g", "class", "legend", "font-size", Svg.num(Theme.FONT_SMALL), "fill", Theme.INK);
            double x = axisX;
            double baseline = top + 22;
            for (int i = 0; i < curves.size(); i++) {
                String text = legendText(curves.get(i), Theme.WIDTH - Theme.MARGIN - axisX - 48);
                double w = 40 + 8 + Svg.width(text, Theme.FONT_SMALL);
                if (x > axisX && x + w > Theme.WIDTH - Theme.MARGIN) {
                    x = axisX;
                    baseline += LINE;
                }
                svg.empty("path", "d", new Svg.Path().move(x, baseline - 7).horizontal(x + 40).toString(),
                        "stroke", Theme.colour(i), "stroke-width", "3", "stroke-dasharray", Theme.dash(i), "fill", "none");
                svg.text(text, "x", Svg.num(x + 48), "y", Svg.num(baseline), "data-curve", curves.get(i).label());
                x += w + 26;
            }
            svg.close("g");
            return baseline + 12;
        }

        private void axes() {
            String small = Svg.num(Theme.FONT_SMALL);
            svg.open("g", "class", "axes", "font-size", small, "fill", Theme.INK);
            svg.empty("path", "d", new Svg.Path().move(axisX, plotTop).vertical(plotBottom).horizontal(x1 + INSET).toString(),
                    "stroke", Theme.INK, "stroke-width", "1.5", "fill", "none");
            Svg.Path ticks = new Svg.Path();
            for (int i = 0; i < 5; i++) {
                double y = y(0.25 * i);
                ticks.move(axisX, y).horizontal(axisX - 6);
                svg.text(yTicks[i], "class", "tick", "x", Svg.num(axisX - 10), "y", Svg.num(y + 7), "text-anchor", "end");
            }
            for (int k = 0; k <= tickCount; k++) {
                double x = x(k * tickStep / factor);
                ticks.move(x, plotBottom).vertical(plotBottom + 6);
                svg.text(Labels.number(k * tickStep), "class", "tick", "x", Svg.num(x), "y",
                        Svg.num(plotBottom + 8 + Theme.FONT_SMALL), "text-anchor", "middle");
            }
            svg.empty("path", "d", ticks.toString(), "stroke", Theme.INK, "stroke-width", "1.5");
            String label = Svg.num(Theme.FONT_LABEL);
            double yMid = (plotTop + plotBottom) / 2;
            double yLabelX = axisX - 10 - tickWidth - 12; // the rotated text's baseline, its glyphs to the left
            svg.text(valueLabel(), "class", "axis-label", "x", Svg.num(yLabelX), "y", Svg.num(yMid), "font-size", label,
                    "text-anchor", "middle", "transform", "rotate(-90 " + Svg.num(yLabelX) + " " + Svg.num(yMid) + ")");
            svg.text(timeAxisLabel(), "class", "axis-label", "x", Svg.num((x0 + x1) / 2), "y", Svg.num(plotBottom + 60),
                    "font-size", label, "text-anchor", "middle");
            svg.close("g");
        }

        private void plotArea() {
            svg.open("g", "class", "plot", "data-x0", Svg.num(x0), "data-x1", Svg.num(x1), "data-t1", Svg.num(t1),
                    "data-y0", Svg.num(y0), "data-y1", Svg.num(y1), "data-time-unit", dataUnit.name().toLowerCase(java.util.Locale.ROOT));
            // under the curves: bands, then the thin guides, so that nothing covers a curve
            for (int i = 0; i < curves.size(); i++) {
                if (drawBands && curves.get(i).hasBand()) {
                    band(curves.get(i), i);
                }
            }
            for (StepCurve c : curves) {
                medianGuides(c);
            }
            for (Landmark l : landmarks) {
                double x = x(l.time());
                svg.empty("path", "class", "landmark", "d", new Svg.Path().move(x, plotTop).vertical(plotBottom).toString(),
                        "stroke", Theme.INK, "stroke-width", "1.5", "stroke-dasharray", "2 4", "fill", "none");
                double w = Svg.width(l.label(), Theme.FONT_SMALL) / 2;
                double cx = Math.max(Theme.MARGIN + w, Math.min(Theme.WIDTH - Theme.MARGIN - w, x));
                svg.text(l.label(), "class", "landmark-label", "x", Svg.num(cx), "y", Svg.num(plotTop - 8),
                        "font-size", Svg.num(Theme.FONT_SMALL), "text-anchor", "middle", "fill", Theme.INK);
            }
            for (int i = 0; i < curves.size(); i++) {
                curve(curves.get(i), i);
            }
            annotations();
            svg.close("g");
        }

        private void curve(StepCurve c, int i) {
            Svg.Path p = new Svg.Path().move(x(0), y(start));
            for (int k = 0; k < c.steps(); k++) {
                if (c.isStep(k)) {
                    p.horizontal(x(c.time()[k])).vertical(y(c.value()[k]));
                }
            }
            p.horizontal(x(c.end()));
            svg.empty("path", "class", "curve", "data-curve", c.label(), "d", p.toString(), "fill", "none",
                    "stroke", Theme.colour(i), "stroke-width", "3", "stroke-dasharray", Theme.dash(i),
                    "stroke-linejoin", "miter");
            if (c.censorTimes() == null) {
                return;
            }
            Svg.Path marks = new Svg.Path();
            for (double t : c.censorTimes()) {
                if (Double.isFinite(t) && t >= 0) {
                    double x = x(t);
                    double y = y(c.valueAt(t, start));
                    marks.move(x - CENSOR_MARK, y).horizontal(x + CENSOR_MARK).move(x, y - CENSOR_MARK).vertical(y + CENSOR_MARK);
                }
            }
            if (!marks.isEmpty()) {
                svg.empty("path", "class", "censor", "data-curve", c.label(), "d", marks.toString(), "fill", "none",
                        "stroke", Theme.colour(i), "stroke-width", "2");
            }
        }

        /** The band as closed stepped polygons, one per run of steps with both bounds defined. */
        private void band(StepCurve c, int i) {
            int m = Math.min(c.steps(), Math.min(c.lower().length, c.upper().length));
            Svg.Path p = new Svg.Path();
            int k = 0;
            while (k < m) {
                if (!hasBounds(c, k)) {
                    k++;
                    continue;
                }
                int first = k;
                while (k + 1 < m && hasBounds(c, k + 1)) {
                    k++;
                }
                int last = k;
                p.move(x(c.time()[first]), y(c.upper()[first]));
                for (int j = first; j <= last; j++) {
                    p.horizontal(x(stepEnd(c, j)));
                    if (j < last) {
                        p.vertical(y(c.upper()[j + 1]));
                    }
                }
                p.vertical(y(c.lower()[last]));
                for (int j = last; j >= first; j--) {
                    p.horizontal(x(c.time()[j]));
                    if (j > first) {
                        p.vertical(y(c.lower()[j - 1]));
                    }
                }
                p.closePath();
                k++;
            }
            if (!p.isEmpty()) {
                svg.empty("path", "class", "band", "data-curve", c.label(), "d", p.toString(), "fill", Theme.colour(i),
                        "fill-opacity", "0.18", "stroke", "none");
            }
        }

        private boolean hasBounds(StepCurve c, int k) {
            return c.isStep(k) && Double.isFinite(c.lower()[k]) && Double.isFinite(c.upper()[k]);
        }

        /** Where step {@code k} ends: the next drawn step, or the curve's end. */
        private double stepEnd(StepCurve c, int k) {
            for (int j = k + 1; j < c.steps(); j++) {
                if (c.isStep(j)) {
                    return c.time()[j];
                }
            }
            return c.end();
        }

        private void medianGuides(StepCurve c) {
            Double m = c.median();
            if (m == null || !Double.isFinite(m) || m < 0) {
                return;
            }
            double x = x(m);
            double y = y(0.5);
            svg.empty("path", "class", "median", "data-curve", c.label(),
                    "d", new Svg.Path().move(x(0), y).horizontal(x).vertical(y0).toString(),
                    "fill", "none", "stroke", Theme.GUIDE, "stroke-width", "1.2", "stroke-dasharray", "6 4");
        }

        /** The annotations in a white-backed box, in the corner their text covers least of. */
        private void annotations() {
            if (annotations.isEmpty()) {
                return;
            }
            double font = Theme.FONT_SMALL + 1;
            double w = 0;
            for (String a : annotations) {
                w = Math.max(w, Svg.width(a, font));
            }
            w = Math.min(w + 20, x1 - x0);
            double h = annotations.size() * 28 + 12;
            double left = x0 + 8;
            double right = x1 - w;
            double high = y1;
            double low = y0 - h;
            double[][] corners = incidence
                    ? new double[][] {{left, high}, {right, low}, {right, high}, {left, low}}
                    : new double[][] {{right, high}, {left, low}, {right, low}, {left, high}};
            double[] best = corners[0];
            int bestScore = Integer.MAX_VALUE;
            for (double[] corner : corners) {
                int score = covered(corner[0], corner[1], w, h);
                if (score < bestScore) {
                    best = corner;
                    bestScore = score;
                }
            }
            svg.open("g", "class", "annotations", "font-size", Svg.num(font), "fill", Theme.INK);
            svg.empty("rect", "class", "annotation", "x", Svg.num(best[0]), "y", Svg.num(best[1]), "width", Svg.num(w),
                    "height", Svg.num(h), "fill", "#ffffff", "fill-opacity", "0.85");
            for (int i = 0; i < annotations.size(); i++) {
                svg.text(annotations.get(i), "x", Svg.num(best[0] + 10), "y", Svg.num(best[1] + 6 + 28 * (i + 1) - 6));
            }
            svg.close("g");
        }

        /** How much of the curves, bands and guides a box at (bx, by) of w x h would cover. */
        private int covered(double bx, double by, double w, double h) {
            int score = 0;
            double pad = 4;
            for (StepCurve c : curves) {
                for (int s = 0; s <= 40; s++) {
                    double t = time(bx + w * s / 40.0);
                    if (t < 0 || t > c.end()) {
                        continue;
                    }
                    int k = c.stepAt(t);
                    double lo = c.valueAt(t, start);
                    double hi = lo;
                    if (drawBands && c.hasBand() && k >= 0 && k < c.lower().length && k < c.upper().length
                            && Double.isFinite(c.lower()[k]) && Double.isFinite(c.upper()[k])) {
                        lo = Math.min(lo, c.lower()[k]);
                        hi = Math.max(hi, c.upper()[k]);
                    }
                    // pixel y grows downwards: the high value is the top
                    if (y(hi) <= by + h + pad && y(lo) >= by - pad) {
                        score++;
                    }
                }
                Double m = c.median();
                if (m != null && Double.isFinite(m)) {
                    double x = x(m);
                    boolean crossesVertical = x >= bx && x <= bx + w && by + h > y(0.5);
                    boolean crossesHorizontal = y(0.5) >= by && y(0.5) <= by + h && bx < x;
                    score += crossesVertical || crossesHorizontal ? 5 : 0;
                }
            }
            for (Landmark l : landmarks) {
                double x = x(l.time());
                score += x >= bx && x <= bx + w ? 3 : 0;
            }
            return score;
        }

        /** The number-at-risk table below {@code top}; returns its bottom (or {@code top} without one). */
        private double riskTable(double top) {
            if (riskRows.isEmpty()) {
                return top;
            }
            double heading = top + 44;
            svg.open("g", "class", "risk-table", "font-size", Svg.num(Theme.FONT_SMALL), "fill", Theme.INK);
            svg.text("Number at risk", "class", "risk-heading", "x", Svg.num(Theme.MARGIN), "y", Svg.num(heading),
                    "font-size", Svg.num(Theme.FONT_LABEL), "font-weight", "bold");
            double baseline = heading;
            for (StepCurve c : riskRows) {
                baseline += LINE + 2;
                int i = curves.indexOf(c);
                String label = Svg.truncate(c.label(), riskLabelEnd - Theme.MARGIN, Theme.FONT_SMALL * 1.08);
                svg.text(label, "class", "risk-label", "data-curve", c.label(), "x", Svg.num(riskLabelEnd),
                        "y", Svg.num(baseline), "text-anchor", "end", "font-weight", "bold", "fill", Theme.colour(i));
                for (int k = 0; k <= tickCount; k++) {
                    double t = k * tickStep / factor;
                    svg.text(Integer.toString(c.atRisk(t)), "class", "risk", "data-curve", c.label(), "data-time",
                            Svg.num(t), "x", Svg.num(x(t)), "y", Svg.num(baseline), "text-anchor", "middle");
                }
            }
            svg.close("g");
            return baseline + 8;
        }

        private String valueLabel() {
            String label = yLabel != null ? yLabel : incidence ? "Cumulative incidence" : "Survival probability";
            return percent && yLabel == null ? label + " (%)" : label;
        }

        private String timeAxisLabel() {
            if (timeLabel != null) {
                return timeLabel;
            }
            String word = displayUnit.word();
            return Character.toUpperCase(word.charAt(0)) + word.substring(1) + " since treatment";
        }

        /** "Title: survival probability against months since treatment for A (n = 10, median 21.6 months) and B ...". */
        private String describe() {
            StringBuilder d = new StringBuilder();
            if (!title.isBlank()) {
                d.append(title).append(": ");
            }
            if (curves.isEmpty()) {
                return d.append("no curves to show.").toString();
            }
            d.append(Prose.lowerFirst(valueLabel())).append(" against ").append(Prose.lowerFirst(timeAxisLabel())).append(" for ");
            List<String> groups = new ArrayList<>();
            for (StepCurve c : curves) {
                groups.add(c.label() + " (" + String.join(", ", groupFacts(c)) + ")");
            }
            d.append(Prose.joinAnd(groups));
            if (drawBands && curves.stream().anyMatch(StepCurve::hasBand)) {
                d.append(", with shaded confidence bands");
            }
            d.append('.');
            for (Landmark l : landmarks) {
                d.append(" Dotted line: ").append(l.label().isBlank() ? "landmark" : l.label()).append('.');
            }
            for (String a : annotations) {
                d.append(' ').append(Prose.sentence(a));
            }
            return d.toString();
        }

        private List<String> groupFacts(StepCurve c) {
            List<String> facts = new ArrayList<>();
            facts.add("n = " + c.n());
            Double m = c.median();
            if (m != null && Double.isFinite(m)) {
                facts.add("median " + Format.number(m * factor, displayUnit == TimeScale.DAYS ? 0 : 1) + " "
                        + displayUnit.word());
            } else if (c.steps() > 0 && !reachesHalf(c)) {
                facts.add("median not reached");
            }
            return facts;
        }

        private boolean reachesHalf(StepCurve c) {
            for (int k = 0; k < c.steps(); k++) {
                if (c.isStep(k) && (incidence ? c.value()[k] >= 0.5 : c.value()[k] <= 0.5)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** "label (n = 10)", the label cut so that the entry is at most {@code maxWidth} wide. */
    private static String legendText(StepCurve c, double maxWidth) {
        String n = c.n() > 0 ? " (n = " + c.n() + ")" : "";
        return Svg.truncate(c.label(), maxWidth - Svg.width(n, Theme.FONT_SMALL), Theme.FONT_SMALL) + n;
    }
}
