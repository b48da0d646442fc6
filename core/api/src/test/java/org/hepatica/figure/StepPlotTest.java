package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.stats.KaplanMeierResult;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class StepPlotTest {
    private static final double NA = Double.NaN;

    /** The demo cohort's DFS by arm, drawn as the dfs analysis would. */
    static StepPlot dfsByArm() {
        StepPlot plot = StepPlot.survival("Disease-free survival by arm");
        for (KaplanMeierResult.Curve c : DemoCurves.dfsByArm()) {
            plot.curve(StepCurve.kaplanMeier(c));
        }
        return plot.landmark(730, "2 years").annotation("Log-rank " + Format.p(4.75093465141049e-06))
                .annotation("HR " + Format.ci(0.5444, 0.4179, 0.7090));
    }

    /** Pixel to data through the plot's data attributes. */
    private record Frame(double x0, double x1, double t1, double y0, double y1) {
        static Frame of(SvgDocument svg) {
            Element g = svg.byClass("plot").get(0);
            return new Frame(SvgDocument.num(g, "data-x0"), SvgDocument.num(g, "data-x1"), SvgDocument.num(g, "data-t1"),
                    SvgDocument.num(g, "data-y0"), SvgDocument.num(g, "data-y1"));
        }

        double x(double t) {
            return x0 + t / t1 * (x1 - x0);
        }

        double y(double v) {
            return y0 + v * (y1 - y0);
        }

        /** The time at pixel x, as the axis reads. */
        double time(double x) {
            return (x - x0) / (x1 - x0) * t1;
        }

        /** The value at pixel y, as the axis reads. */
        double value(double y) {
            return (y - y0) / (y1 - y0);
        }
    }

    /** The y of a step path at pixel x, right-continuous: the last vertex at or left of x. */
    private static double pathY(List<double[]> vertices, double x) {
        double y = NA;
        for (double[] v : vertices) {
            if (v[0] <= x + 0.01) {
                y = v[1];
            }
        }
        return y;
    }

    @Test
    void eachCurveStepsAtItsTimesToItsValues() {
        SvgDocument svg = SvgDocument.of(dfsByArm().draw());
        Frame f = Frame.of(svg);
        List<String> mismatches = new ArrayList<>();
        for (KaplanMeierResult.Curve c : DemoCurves.dfsByArm()) {
            List<double[]> path = SvgDocument.vertices(svg.one("curve", "data-curve", c.label()).getAttribute("d"));
            assertEquals(f.y(1), path.get(0)[1], 0.01, "starts at 1");
            assertEquals(f.x(0), path.get(0)[0], 0.01, "starts at time 0");
            double before = 1;
            double previousX = f.x(0);
            for (KaplanMeierResult.Row r : c.table()) {
                double x = f.x(r.time());
                // after the step: the row's survival, within half a pixel
                if (Math.abs(pathY(path, x) - f.y(r.survival())) > 0.5) {
                    mismatches.add(c.label() + " at " + r.time() + ": y " + pathY(path, x) + ", expected " + f.y(r.survival()));
                }
                // half a pixel before the step (where the previous step is further away): the previous value
                if (x - 0.5 > previousX && Math.abs(pathY(path, x - 0.5) - f.y(before)) > 0.5) {
                    mismatches.add(c.label() + " just before " + r.time() + ": y " + pathY(path, x - 0.5));
                }
                before = r.survival();
                previousX = x;
            }
            double[] last = path.get(path.size() - 1);
            assertEquals(f.x(c.table().get(c.table().size() - 1).time()), last[0], 0.01, "runs to the last follow-up");
        }
        assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
    }

    @Test
    void theNumberAtRiskIsTheTablesAtEachTick() {
        // 10 patients; table rows at days 100, 200, 400, 800
        StepCurve c = new StepCurve("Arm A", 10, new double[] {100, 400}, new double[] {0.9, 0.7}, null, null,
                new double[] {200, 800}, new double[] {100, 200, 400, 800}, new int[] {10, 8, 5, 2}, null);
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Risk").curve(c).draw());
        TreeMap<Double, Integer> cells = new TreeMap<>();
        for (Element e : svg.byClass("risk", "data-curve", "Arm A")) {
            cells.put(SvgDocument.num(e, "data-time"), Integer.valueOf(e.getTextContent()));
        }
        // 800 days = 26.3 months: ticks every 3 months up to 27
        assertEquals(10, cells.size(), cells.toString());
        for (var cell : cells.entrySet()) {
            double t = cell.getKey();
            int expected = t == 0 ? 10 : t <= 100 ? 10 : t <= 200 ? 8 : t <= 400 ? 5 : t <= 800 ? 2 : 0;
            assertEquals(expected, cell.getValue(), "at risk at day " + t);
        }
        assertEquals(8, cells.get(182.63), "6 months = 182.63 days: the row of day 200");
        assertEquals(0, cells.lastEntry().getValue(), "after the last row nobody is at risk");
    }

    @Test
    void theRiskCellsSitUnderTheTimeTicks() {
        SvgDocument svg = SvgDocument.of(dfsByArm().draw());
        Frame f = Frame.of(svg);
        List<Element> cells = svg.byClass("risk", "data-curve", "RFA");
        assertEquals(9, cells.size(), "last follow-up 2890 days = 95 months: 0-96 every 12");
        for (Element cell : cells) {
            assertEquals(f.x(SvgDocument.num(cell, "data-time")), SvgDocument.num(cell, "x"), 0.02);
        }
        List<Double> tickX = new ArrayList<>();
        for (Element t : svg.byClass("tick")) {
            if ("middle".equals(t.getAttribute("text-anchor"))) {
                tickX.add(SvgDocument.num(t, "x"));
            }
        }
        assertEquals(tickX, cells.stream().map(e -> SvgDocument.num(e, "x")).toList());
        assertEquals("188", cells.get(0).getTextContent(), "n at time 0");
        KaplanMeierResult.Curve rfa = DemoCurves.dfsByArm().get(0);
        for (Element cell : cells.subList(1, cells.size())) {
            double t = SvgDocument.num(cell, "data-time");
            int expected = rfa.table().stream().filter(r -> r.time() >= t).mapToInt(KaplanMeierResult.Row::nRisk)
                    .findFirst().orElse(0);
            assertEquals(Integer.toString(expected), cell.getTextContent(), "RFA at risk at day " + t);
        }
    }

    @Test
    void theLegendShowsTheLabelsAsGivenWithTheirN() {
        SvgDocument svg = SvgDocument.of(dfsByArm().draw());
        String svgText = svg.figure.svg();
        assertTrue(svgText.contains(">RFA (n = 188)</text>"), "legend");
        assertTrue(svgText.contains(">RFA+RT (n = 212)</text>"), "legend");
        assertFalse(svgText.contains("arm="), "no variable=level labels");
    }

    @Test
    void medianGuidesAndLandmarksAreUnderTheCurves() {
        SvgDocument svg = SvgDocument.of(dfsByArm().draw());
        int firstCurve = svg.position(svg.byClass("curve").get(0));
        for (String guide : List.of("median", "landmark", "band")) {
            for (Element e : svg.byClass(guide)) {
                assertTrue(svg.position(e) < firstCurve, guide + " drawn before the curves");
            }
        }
        Frame f = Frame.of(svg);
        List<double[]> median = SvgDocument.vertices(svg.one("median", "data-curve", "RFA").getAttribute("d"));
        assertEquals(f.y(0.5), median.get(0)[1], 0.01, "horizontal at 0.5");
        assertEquals(f.x(1052), median.get(1)[0], 0.01, "to the median");
        assertEquals(f.y(0), median.get(2)[1], 0.01, "then down");
        assertEquals(f.x(730), SvgDocument.vertices(svg.byClass("landmark").get(0).getAttribute("d")).get(0)[0], 0.01);
        assertEquals("2 years", svg.byClass("landmark-label").get(0).getTextContent());
    }

    @Test
    void thePValueSitsWhereNoCurveRuns() {
        SvgDocument svg = SvgDocument.of(dfsByArm().draw());
        Element box = svg.byClass("annotation").get(0);
        double bx = SvgDocument.num(box, "x");
        double by = SvgDocument.num(box, "y");
        double bw = SvgDocument.num(box, "width");
        double bh = SvgDocument.num(box, "height");
        for (Element curve : svg.byClass("curve")) {
            for (double[] v : SvgDocument.vertices(curve.getAttribute("d"))) {
                boolean inside = v[0] > bx && v[0] < bx + bw && v[1] > by && v[1] < by + bh;
                assertFalse(inside, curve.getAttribute("data-curve") + " runs through the annotation at " + v[0] + "," + v[1]);
            }
        }
        assertTrue(svg.figure.svg().contains(">Log-rank p &lt; 0.001</text>"));
    }

    @Test
    void theDescriptionSaysWhatTheFigureShows() {
        Figure f = dfsByArm().draw();
        assertEquals("Disease-free survival by arm: survival probability against months since treatment for "
                + "RFA (n = 188, median 34.6 months) and RFA+RT (n = 212, median 49.9 months), with shaded confidence "
                + "bands. Dotted line: 2 years. Log-rank p < 0.001. HR 0.54 (0.42-0.71).", f.description());
        assertEquals("My words.", StepPlot.survival("t").description("My words.").draw().description());
    }

    @Test
    void theTimeAxisIsInTheDisplayUnit() {
        SvgDocument years = SvgDocument.of(dfsByArm().displayUnit(TimeScale.YEARS).timeLabel("Years since RFA").draw());
        List<String> ticks = years.byClass("tick").stream().filter(t -> "middle".equals(t.getAttribute("text-anchor")))
                .map(Element::getTextContent).toList();
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8"), ticks);
        assertTrue(years.figure.svg().contains(">Years since RFA</text>"));
        // data in months: 24 months at the 2-year tick
        StepCurve c = new StepCurve("A", 5, new double[] {24}, new double[] {0.5}, null, null, null, null, null, 24.0);
        SvgDocument months = SvgDocument.of(StepPlot.survival("m").dataUnit(TimeUnit.MONTHS)
                .displayUnit(TimeScale.YEARS).curve(c).draw());
        assertEquals(24, Frame.of(months).t1(), 1e-9, "axis end in the data's unit");
        assertTrue(months.figure.description().contains("median 2.0 years"), months.figure.description());
    }

    @Test
    void percentAndIncidence() {
        StepCurve c = new StepCurve("Recurrence", 50, new double[] {100, 400}, new double[] {0.2, 0.6}, null, null,
                null, null, null, null);
        SvgDocument svg = SvgDocument.of(StepPlot.cumulativeIncidence("CIF").percent(true).curve(c).draw());
        List<String> yTicks = svg.byClass("tick").stream().filter(t -> "end".equals(t.getAttribute("text-anchor")))
                .map(Element::getTextContent).toList();
        assertEquals(List.of("0", "25", "50", "75", "100"), yTicks);
        assertTrue(svg.figure.svg().contains(">Cumulative incidence (%)</text>"));
        Frame f = Frame.of(svg);
        List<double[]> path = SvgDocument.vertices(svg.byClass("curve").get(0).getAttribute("d"));
        assertEquals(f.y(0), path.get(0)[1], 0.01, "incidence starts at 0");
        assertEquals(f.y(0.6), pathY(path, f.x(400)), 0.5);
        assertTrue(svg.byClass("risk").isEmpty(), "no table without numbers at risk");
    }

    @Test
    void eightGroupsHaveEightColoursAndEightDashes() {
        StepPlot plot = StepPlot.survival("Eight");
        for (int g = 0; g < 8; g++) {
            plot.curve(new StepCurve("Group " + g, 20, new double[] {100 * (g + 1)}, new double[] {0.5}, null, null, null,
                    new double[] {100 * (g + 1)}, new int[] {20}, null));
        }
        SvgDocument svg = SvgDocument.of(plot.draw());
        List<Element> curves = svg.byClass("curve");
        assertEquals(8, curves.stream().map(e -> e.getAttribute("stroke")).distinct().count());
        assertEquals(8, curves.stream().map(e -> e.getAttribute("stroke-dasharray")).distinct().count());
        assertEquals("#0072B2", curves.get(0).getAttribute("stroke"));
        assertEquals(8, svg.byClass("risk-label").size());
    }

    @Test
    void oddDataDrawsAValidFigure() {
        List<StepPlot> plots = List.of(
                StepPlot.survival("empty"),
                StepPlot.survival("empty arrays").curve(new StepCurve(null, 0, null, null, null, null, null, null, null, null)),
                StepPlot.survival("all 1").curve(new StepCurve("A", 3, new double[] {10, 20}, new double[] {1, 1},
                        new double[] {1, 1}, new double[] {1, 1}, new double[] {10, 20}, new double[] {10, 20},
                        new int[] {3, 2}, null)),
                StepPlot.survival("NaN").curve(new StepCurve("A", 3, new double[] {10, NA, 30}, new double[] {0.8, 0.6, NA},
                        new double[] {NA, 0.5, 0.4}, new double[] {NA, 0.9}, new double[] {NA, 5}, new double[] {10},
                        new int[] {3, 2, 1}, NA)).annotation("p").landmark(NA, "x"),
                StepPlot.survival("short bounds").curve(new StepCurve("A", 3, new double[] {10, 20, 30},
                        new double[] {0.8, 0.6, 0.4}, new double[] {0.7}, new double[] {0.9, 0.7}, null, null, null, null))
                        .annotation("p"),
                StepPlot.cumulativeIncidence("one group, percent, no bands").percent(true).bands(false)
                        .curve(StepCurve.kaplanMeier(DemoCurves.dfsByArm().get(0))).displayUnit(TimeScale.DAYS));
        for (StepPlot p : plots) {
            SvgDocument.of(p.draw());
        }
    }

    @Test
    void labelsFromUserDataAreEscaped() {
        String label = "<10 mm & \"close\" 'margin'";
        StepCurve c = new StepCurve(label, 4, new double[] {5}, new double[] {0.5}, null, null, null,
                new double[] {5}, new int[] {4}, null);
        SvgDocument svg = SvgDocument.of(StepPlot.survival("A & B <C>").curve(c).annotation("p < 0.001").draw());
        assertEquals(label, svg.byClass("curve").get(0).getAttribute("data-curve"));
        assertEquals(label, svg.byClass("risk-label").get(0).getAttribute("data-curve"));
        assertEquals(label + " (n = 4)", svg.byClass("legend").get(0).getElementsByTagNameNS(SvgDocument.SVG_NS, "text")
                .item(0).getTextContent());
        assertEquals("A & B <C>", svg.figure.title());
        assertTrue(svg.figure.svg().contains("&lt;10 mm &amp; &quot;close&quot; &apos;margin&apos;"));
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        assertEquals(dfsByArm().draw().svg(), dfsByArm().draw().svg());
    }

    @Test
    void writesTheExample() throws IOException {
        Path dir = Path.of("target", "figures");
        Files.createDirectories(dir);
        Figure f = dfsByArm().draw();
        Files.writeString(dir.resolve("example-km.svg"), f.svg(), StandardCharsets.UTF_8);
        assertTrue(Files.size(dir.resolve("example-km.svg")) > 1000);
    }

    private static List<Element> childElements(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        var nodes = parent.getElementsByTagNameNS(SvgDocument.SVG_NS, tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    private static List<double[]> d(Element path) {
        return SvgDocument.vertices(path.getAttribute("d"));
    }

    /** The text's right edge as {@link Svg#width} estimates it (start-anchored, 21 units). */
    private static double rightEdge(Element text) {
        return SvgDocument.num(text, "x") + Svg.width(text.getTextContent(), Theme.FONT_SMALL);
    }

    /** Days 100-300 with a step that cannot be drawn; censorings at 0, 250 and 500, and two that cannot be drawn. */
    private static StepCurve stepsAndCensorings() {
        return new StepCurve("A", 20, new double[] {100, NA, 200, 300}, new double[] {0.8, 0.1, 0.6, 0.5}, null, null,
                new double[] {0, 250, NA, -5, 500}, null, null, null);
    }

    @Test
    void theCurveReadsBackAsItsStepsThroughTheAxes() {
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Steps").curve(stepsAndCensorings()).draw());
        Frame f = Frame.of(svg);
        List<double[]> path = d(svg.one("curve", "data-curve", "A"));
        // from (0, 1): across to each step, down to its value; on to the last censoring at 500
        double[][] expected = {{0, 1}, {100, 1}, {100, 0.8}, {200, 0.8}, {200, 0.6}, {300, 0.6}, {300, 0.5}, {500, 0.5}};
        assertEquals(expected.length, path.size(), svg.one("curve", "data-curve", "A").getAttribute("d"));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], f.time(path.get(i)[0]), 0.05, "time of vertex " + i);
            assertEquals(expected[i][1], f.value(path.get(i)[1]), 1e-4, "value of vertex " + i);
        }
        svg.assertDrawnWithin(Theme.MARGIN);
    }

    @Test
    void censoringsAreCrossesOnTheCurveAtTheirTimes() {
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Censored").curve(stepsAndCensorings()).draw());
        Frame f = Frame.of(svg);
        Element censor = svg.one("censor", "data-curve", "A");
        assertEquals(svg.one("curve", "data-curve", "A").getAttribute("stroke"), censor.getAttribute("stroke"));
        List<double[]> marks = d(censor);
        double[][] expected = {{0, 1}, {250, 0.6}, {500, 0.5}}; // the NaN and the negative time are left out
        assertEquals(4 * expected.length, marks.size(), censor.getAttribute("d"));
        for (int m = 0; m < expected.length; m++) {
            double x = f.x(expected[m][0]);
            double y = f.y(expected[m][1]);
            List<double[]> arms = marks.subList(4 * m, 4 * m + 4);
            // a '+': a horizontal arm through the point, then a vertical one, 6 each side
            assertEquals(x - 6, arms.get(0)[0], 0.02);
            assertEquals(y, arms.get(0)[1], 0.02);
            assertEquals(x + 6, arms.get(1)[0], 0.02);
            assertEquals(y, arms.get(1)[1], 0.02);
            assertEquals(x, arms.get(2)[0], 0.02);
            assertEquals(y - 6, arms.get(2)[1], 0.02);
            assertEquals(x, arms.get(3)[0], 0.02);
            assertEquals(y + 6, arms.get(3)[1], 0.02);
        }
        StepCurve none = new StepCurve("B", 2, new double[] {10}, new double[] {0.5}, null, null, new double[] {NA, -1},
                null, null, null);
        assertTrue(SvgDocument.of(StepPlot.survival("x").curve(none).draw()).byClass("censor").isEmpty(),
                "no marks when no censoring can be drawn");
    }

    /** Bounds with gaps: a step that cannot be drawn, a missing lower bound, bounds past 0 and 1. */
    private static StepCurve bandWithGaps() {
        return new StepCurve("A", 20, new double[] {100, NA, 200, 300, 400, 450},
                new double[] {0.8, 0.7, 0.6, 0.5, 0.4, 0.35},
                new double[] {0.7, 0.6, 0.5, NA, 0.3, -0.05},
                new double[] {1.3, 0.8, 0.7, 0.6, 0.5, 0.45},
                new double[] {500}, null, null, null);
    }

    @Test
    void theBandIsSteppedBetweenTheBoundsAndBrokenWhereOneIsMissing() {
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Band").curve(bandWithGaps()).draw());
        Frame f = Frame.of(svg);
        Element band = svg.one("band", "data-curve", "A");
        assertEquals(svg.one("curve", "data-curve", "A").getAttribute("stroke"), band.getAttribute("fill"));
        assertEquals(3, band.getAttribute("d").split("Z", -1).length - 1, "three closed runs: " + band.getAttribute("d"));
        List<double[]> v = d(band);
        // along the upper bound to where each step ends, down, back along the lower bound; clamped to 0-1
        double[][] expected = {
            {100, 1}, {200, 1}, {200, 0.7}, {100, 0.7},
            {200, 0.7}, {300, 0.7}, {300, 0.5}, {200, 0.5},
            {400, 0.5}, {450, 0.5}, {450, 0.45}, {500, 0.45}, {500, 0}, {450, 0}, {450, 0.3}, {400, 0.3}};
        assertEquals(expected.length, v.size(), band.getAttribute("d"));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], f.time(v.get(i)[0]), 0.05, "time of vertex " + i);
            assertEquals(expected[i][1], f.value(v.get(i)[1]), 1e-4, "value of vertex " + i);
        }
        svg.assertDrawnWithin(Theme.MARGIN);
        assertTrue(svg.figure.description().contains("with shaded confidence bands"));
        assertEquals(1, SvgDocument.of(StepPlot.survival("Band").bands(true).curve(bandWithGaps()).draw())
                .byClass("band").size(), "bands asked for");
        Figure off = StepPlot.survival("Band").bands(false).curve(bandWithGaps()).draw();
        assertTrue(SvgDocument.of(off).byClass("band").isEmpty(), "bands turned off");
        assertFalse(off.description().contains("band"), off.description());
        StepCurve undefined = new StepCurve("A", 2, new double[] {10, 20}, new double[] {0.5, 0.4},
                new double[] {NA, NA}, new double[] {0.6, NA}, null, null, null, null);
        assertTrue(SvgDocument.of(StepPlot.survival("x").curve(undefined).draw()).byClass("band").isEmpty(),
                "no band where no step has both bounds");
    }

    @Test
    void theAxesFrameTheDataWithTicksAndLabelsOutside() {
        SvgDocument svg = SvgDocument.of(dfsByArm().draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        Frame f = Frame.of(svg);
        assertTrue(f.y0() > f.y1() + 300, "value 1 well above value 0");
        Element axes = svg.byClass("axes").get(0);
        List<Element> paths = childElements(axes, "path");
        List<double[]> line = d(paths.get(0));
        double axisX = line.get(0)[0];
        double axisY = line.get(1)[1];
        assertEquals(3, line.size());
        assertTrue(axisX < f.x0() && axisX > 0, "the value axis left of time 0");
        assertTrue(line.get(0)[1] < f.y1(), "the value axis reaches above 1");
        assertTrue(axisY > f.y0(), "the time axis below 0");
        assertEquals(axisX, line.get(1)[0]);
        assertEquals(axisY, line.get(2)[1]);
        assertTrue(line.get(2)[0] > f.x1(), "the time axis reaches past its last tick");
        List<double[]> marks = d(paths.get(1));
        List<Element> yTicks = svg.byClass("tick").stream().filter(t -> "end".equals(t.getAttribute("text-anchor"))).toList();
        List<Element> tTicks = svg.byClass("tick").stream().filter(t -> "middle".equals(t.getAttribute("text-anchor"))).toList();
        assertEquals(List.of("0.00", "0.25", "0.50", "0.75", "1.00"), yTicks.stream().map(Element::getTextContent).toList());
        // 2890 days = 95 months: 0 to 96 every 12
        assertEquals(List.of("0", "12", "24", "36", "48", "60", "72", "84", "96"),
                tTicks.stream().map(Element::getTextContent).toList());
        assertEquals(2 * (yTicks.size() + tTicks.size()), marks.size());
        for (int i = 0; i < yTicks.size(); i++) {
            double y = f.y(0.25 * i);
            assertEquals(axisX, marks.get(2 * i)[0], 0.01);
            assertEquals(y, marks.get(2 * i)[1], 0.01, "value tick " + i);
            assertTrue(marks.get(2 * i + 1)[0] < axisX, "the tick points out of the plot");
            assertEquals(y, marks.get(2 * i + 1)[1], 0.01);
            Element label = yTicks.get(i);
            double below = SvgDocument.num(label, "y") - y;
            assertTrue(below > 0 && below < Theme.FONT_SMALL * 0.7, "label centred on its tick: " + below);
            assertTrue(SvgDocument.num(label, "x") < marks.get(2 * i + 1)[0], "label left of its tick");
        }
        for (int k = 0; k < tTicks.size(); k++) {
            double x = f.x(12 * k * 30.4375);
            double[] from = marks.get(2 * yTicks.size() + 2 * k);
            double[] to = marks.get(2 * yTicks.size() + 2 * k + 1);
            assertEquals(x, SvgDocument.num(tTicks.get(k), "x"), 0.02, "tick label at month " + 12 * k);
            assertEquals(x, from[0], 0.02);
            assertEquals(x, to[0], 0.02);
            assertEquals(axisY, from[1], 0.01);
            assertTrue(to[1] > axisY, "the tick points down");
            assertTrue(SvgDocument.num(tTicks.get(k), "y") - Theme.FONT_SMALL * 0.7 > to[1], "label under its tick");
        }
        List<Element> labels = svg.byClass("axis-label");
        Element value = labels.get(0);
        double vx = SvgDocument.num(value, "x");
        double vy = SvgDocument.num(value, "y");
        assertEquals("Survival probability", value.getTextContent());
        assertEquals((f.y0() + f.y1()) / 2, vy, 0.01, "centred on the value axis");
        assertEquals("rotate(-90 " + Svg.num(vx) + " " + Svg.num(vy) + ")", value.getAttribute("transform"));
        for (Element t : yTicks) {
            double left = SvgDocument.num(t, "x") - Svg.width(t.getTextContent(), Theme.FONT_SMALL);
            assertTrue(vx < left, "the axis label left of the tick labels");
        }
        assertTrue(vx - Theme.FONT_LABEL >= Theme.MARGIN - 0.01, "the axis label within the figure");
        Element time = labels.get(1);
        assertEquals("Months since treatment", time.getTextContent());
        assertEquals((f.x0() + f.x1()) / 2, SvgDocument.num(time, "x"), 0.01, "centred under the data");
        double tickY = SvgDocument.num(tTicks.get(0), "y");
        assertTrue(SvgDocument.num(time, "y") - Theme.FONT_LABEL * 0.7 > tickY, "under the tick labels");
        Element heading = svg.byClass("risk-heading").get(0);
        assertTrue(SvgDocument.num(heading, "y") - Theme.FONT_LABEL * 0.7 > SvgDocument.num(time, "y"),
                "the table under the axis label");
        assertEquals(Theme.MARGIN, SvgDocument.num(heading, "x"));
    }

    @Test
    void withoutATableTheValueAxisLabelSitsInTheMargin() {
        StepCurve c = new StepCurve("Recurrence", 50, new double[] {100, 400}, new double[] {0.2, 0.6}, null, null,
                null, null, null, null);
        SvgDocument svg = SvgDocument.of(StepPlot.survival("S").curve(c).yLabel("Alive").draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        Element value = svg.byClass("axis-label").get(0);
        assertEquals("Alive", value.getTextContent(), "the label as given");
        double glyphs = SvgDocument.num(value, "x") - Theme.FONT_LABEL;
        assertTrue(glyphs >= Theme.MARGIN - 0.01 && glyphs < Theme.MARGIN + 2, "from the left margin: " + glyphs);
        Element last = svg.byClass("axis-label").get(1);
        double bottom = SvgDocument.num(last, "y");
        assertTrue(svg.height() >= bottom + Theme.MARGIN && svg.height() <= bottom + 2 * Theme.MARGIN,
                "the figure ends a margin under its last text: " + svg.height() + " for " + bottom);
        assertTrue(SvgDocument.of(StepPlot.survival("S").percent(true).yLabel("Alive").curve(c).draw())
                .figure.svg().contains(">Alive</text>"), "a label as given has no (%) added");
    }

    @Test
    void theRiskTableRowsAreLabelledInTheCurvesColoursBesideTheirNumbers() {
        StepCurve noTable = new StepCurve("No table", 5, new double[] {100}, new double[] {0.5}, null, null, null,
                null, null, null);
        StepCurve a = new StepCurve("Resection", 120, new double[] {100}, new double[] {0.5}, null, null,
                null, new double[] {100, 200}, new int[] {120, 60}, null);
        StepCurve b = new StepCurve("B", 7, new double[] {50}, new double[] {0.5}, null, null, null,
                new double[] {50}, new int[] {7}, null);
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Table").curve(noTable).curve(a).curve(b).draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        Frame f = Frame.of(svg);
        List<Element> labels = svg.byClass("risk-label");
        assertEquals(List.of("Resection", "B"), labels.stream().map(Element::getTextContent).toList(),
                "a row per curve with a table, the label whole");
        assertEquals(Theme.colour(1), labels.get(0).getAttribute("fill"), "the colour of its curve");
        assertEquals(Theme.colour(2), labels.get(1).getAttribute("fill"));
        assertEquals(svg.one("curve", "data-curve", "B").getAttribute("stroke"), labels.get(1).getAttribute("fill"));
        double end = SvgDocument.num(labels.get(0), "x");
        assertEquals(end, SvgDocument.num(labels.get(1), "x"), "right-aligned together");
        double left = end - Svg.width(labels.get(0).getTextContent(), Theme.FONT_SMALL) * 1.08;
        assertTrue(left >= Theme.MARGIN - 0.5 && left <= Theme.MARGIN + 1.5, "the longest label starts at the margin: " + left);
        Element heading = svg.byClass("risk-heading").get(0);
        double previous = SvgDocument.num(heading, "y");
        for (Element label : labels) {
            double y = SvgDocument.num(label, "y");
            assertTrue(y - Theme.FONT_SMALL > previous, "rows a line apart");
            previous = y;
            List<Element> cells = svg.byClass("risk", "data-curve", label.getTextContent());
            for (Element cell : cells) {
                assertEquals(y, SvgDocument.num(cell, "y"), "cells on their label's line");
            }
            Element first = cells.get(0);
            assertEquals(f.x(0), SvgDocument.num(first, "x"), 0.01);
            double gap = SvgDocument.num(first, "x") - Svg.width("120", Theme.FONT_SMALL) / 2 - end;
            assertTrue(gap >= 6 && gap <= 20, "the label close to, and clear of, the widest first number: " + gap);
        }
        double last = SvgDocument.num(labels.get(1), "y");
        assertTrue(svg.height() >= last + Theme.MARGIN && svg.height() <= last + 2 * Theme.MARGIN, "ends under the table");
        List<Element> cells = svg.byClass("risk", "data-curve", "Resection");
        for (Element cell : cells) {
            double t = SvgDocument.num(cell, "data-time");
            int expected = t == 0 ? 120 : t <= 100 ? 120 : t <= 200 ? 60 : 0;
            assertEquals(Integer.toString(expected), cell.getTextContent(), "at risk at day " + t);
        }
        assertEquals("0", cells.get(cells.size() - 1).getTextContent());
    }

    @Test
    void aLongRiskLabelIsCutToTheRoomLeftOfTheNumbers() {
        String label = "Radiofrequency ablation with adjuvant stereotactic body radiotherapy";
        StepCurve c = new StepCurve(label, 40, new double[] {100}, new double[] {0.5}, null, null, null,
                new double[] {100}, new int[] {40}, null);
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Long").curve(c).draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        Element cut = svg.byClass("risk-label").get(0);
        assertEquals(label, cut.getAttribute("data-curve"));
        String shown = cut.getTextContent();
        assertTrue(shown.endsWith("\u2026") && label.startsWith(shown.substring(0, shown.length() - 1)), shown);
        double w = Svg.width(shown, Theme.FONT_SMALL * 1.08);
        assertTrue(w > 150 && w <= 170.3, "up to 170 units of label: " + w);
        double left = SvgDocument.num(cut, "x") - w;
        assertTrue(left >= Theme.MARGIN - 0.01, "within the margin: " + left);
        Element legend = childElements(svg.byClass("legend").get(0), "text").get(0);
        assertTrue(legend.getTextContent().endsWith("\u2026 (n = 40)"), "the legend entry cut to the line, its n kept: "
                + legend.getTextContent());
        assertTrue(rightEdge(legend) <= Theme.WIDTH - Theme.MARGIN, "within the margin");
    }

    @Test
    void legendEntriesAreSwatchesOfTheCurvesBesideTheirLabelsWrappedToTheWidth() {
        StepPlot plot = StepPlot.survival("Legend");
        String[] labels = {"Radiofrequency ablation", "Surgical resection", "Transarterial chemoembolisation",
            "Microwave ablation", "None"};
        for (int g = 0; g < labels.length; g++) {
            plot.curve(new StepCurve(labels[g], g == 4 ? 0 : 10 * (g + 1), new double[] {100}, new double[] {0.5}, null,
                    null, null, null, null, null));
        }
        SvgDocument svg = SvgDocument.of(plot.draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        Element legend = svg.byClass("legend").get(0);
        List<Element> swatches = childElements(legend, "path");
        List<Element> texts = childElements(legend, "text");
        assertEquals(labels.length, texts.size());
        double axisX = d(childElements(svg.byClass("axes").get(0), "path").get(0)).get(0)[0];
        double title = SvgDocument.num(svg.byClass("title").get(0), "y");
        double lineY = SvgDocument.num(texts.get(0), "y");
        assertTrue(lineY - Theme.FONT_SMALL * 0.7 > title, "under the title");
        int lines = 1;
        for (int g = 0; g < labels.length; g++) {
            Element text = texts.get(g);
            String expected = g == 4 ? "None" : labels[g] + " (n = " + 10 * (g + 1) + ")";
            assertEquals(expected, text.getTextContent(), "the label and its n (none when 0)");
            assertEquals(labels[g], text.getAttribute("data-curve"));
            Element curve = svg.one("curve", "data-curve", labels[g]);
            Element swatch = swatches.get(g);
            assertEquals(curve.getAttribute("stroke"), swatch.getAttribute("stroke"), "swatch in the curve's colour");
            assertEquals(curve.getAttribute("stroke-dasharray"), swatch.getAttribute("stroke-dasharray"), "and dash");
            List<double[]> sv = d(swatch);
            double y = SvgDocument.num(text, "y");
            double x = SvgDocument.num(text, "x");
            assertTrue(sv.get(1)[0] - sv.get(0)[0] >= 30, "a swatch long enough to show the dash");
            assertTrue(x - sv.get(1)[0] > 0 && x - sv.get(1)[0] <= 12, "the swatch just left of its label");
            assertTrue(sv.get(0)[1] < y && sv.get(0)[1] > y - Theme.FONT_SMALL * 0.7, "at the label's mid-height");
            if (g > 0) {
                Element previous = texts.get(g - 1);
                double prevY = SvgDocument.num(previous, "y");
                if (y == prevY) {
                    assertTrue(sv.get(0)[0] >= rightEdge(previous) + 10, "entries apart on a line");
                } else {
                    lines++;
                    assertTrue(y - prevY > Theme.FONT_SMALL, "the next line under the last");
                    double wouldEnd = rightEdge(previous) + 26 + 48 + Svg.width(expected, Theme.FONT_SMALL);
                    assertTrue(wouldEnd > Theme.WIDTH - Theme.MARGIN, "wrapped only when the entry did not fit");
                }
            }
            if (g == 0 || y != SvgDocument.num(texts.get(g - 1), "y")) {
                assertEquals(axisX, sv.get(0)[0], 0.01, "a line starts at the value axis");
            }
        }
        assertTrue(lines >= 2, "five long entries take more than one line");
        double lastLine = SvgDocument.num(texts.get(texts.size() - 1), "y");
        double plotTop = d(childElements(svg.byClass("axes").get(0), "path").get(0)).get(0)[1];
        assertTrue(plotTop > lastLine + 4, "the plot under the legend");
    }

    @Test
    void aLongTitleIsWrappedAndEverythingElseMovesDown() {
        String title = "Disease-free survival by arm in the per-protocol population, patients with a first "
                + "recurrence of hepatocellular carcinoma";
        SvgDocument svg = SvgDocument.of(StepPlot.survival(title).curve(stepsAndCensorings()).draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        List<Element> lines = svg.byClass("title");
        assertTrue(lines.size() >= 2);
        assertEquals(title, String.join(" ", lines.stream().map(Element::getTextContent).toList()));
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(SvgDocument.num(lines.get(i), "y") - SvgDocument.num(lines.get(i - 1), "y") >= Theme.FONT_TITLE,
                    "title lines apart");
        }
        double last = SvgDocument.num(lines.get(lines.size() - 1), "y");
        Element legend = childElements(svg.byClass("legend").get(0), "text").get(0);
        assertTrue(SvgDocument.num(legend, "y") - Theme.FONT_SMALL * 0.7 > last + 4, "the legend under the title");
        SvgDocument empty = SvgDocument.of(StepPlot.survival(title).draw());
        double plotTop = d(childElements(empty.byClass("axes").get(0), "path").get(0)).get(0)[1];
        assertTrue(plotTop > SvgDocument.num(empty.byClass("title").get(lines.size() - 1), "y") + 4,
                "without curves the plot sits under the title");
        assertEquals(Theme.MARGIN, SvgDocument.num(lines.get(0), "x"));
    }

    @Test
    void landmarksAreDottedLinesLabelledAboveThePlotAndKeptInside() {
        StepCurve c = new StepCurve("A", 10, new double[] {100, 600}, new double[] {0.8, 0.4}, null, null,
                new double[] {730}, null, null, null);
        String wide = "Start of follow-up for everyone";
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Landmarks").curve(c)
                .landmark(0, wide).landmark(365, "1 year").landmark(730, wide + "!").landmark(-1, "before")
                .landmark(Double.POSITIVE_INFINITY, "never").draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        Frame f = Frame.of(svg);
        List<Element> lines = svg.byClass("landmark");
        List<Element> labels = svg.byClass("landmark-label");
        assertEquals(3, lines.size(), "negative and infinite times are left out; 0 is kept");
        double[] times = {0, 365, 730};
        double plotTop = d(childElements(svg.byClass("axes").get(0), "path").get(0)).get(0)[1];
        Element legend = childElements(svg.byClass("legend").get(0), "text").get(0);
        for (int i = 0; i < 3; i++) {
            List<double[]> v = d(lines.get(i));
            assertEquals(f.x(times[i]), v.get(0)[0], 0.01, "at its time");
            assertEquals(v.get(0)[0], v.get(1)[0]);
            assertTrue(v.get(0)[1] < f.y1() && v.get(1)[1] > f.y0(), "across the whole plot");
            double y = SvgDocument.num(labels.get(i), "y");
            assertTrue(y < plotTop, "label above the plot");
            assertTrue(y - Theme.FONT_SMALL * 0.7 > SvgDocument.num(legend, "y"), "and under the legend");
        }
        assertEquals(f.x(365), SvgDocument.num(labels.get(1), "x"), 0.01, "a label centred on its line");
        double half0 = Svg.width(wide, Theme.FONT_SMALL) / 2;
        assertEquals(Theme.MARGIN, SvgDocument.num(labels.get(0), "x") - half0, 0.01, "pushed in from the left edge");
        double half2 = Svg.width(wide + "!", Theme.FONT_SMALL) / 2;
        assertEquals(Theme.WIDTH - Theme.MARGIN, SvgDocument.num(labels.get(2), "x") + half2, 0.01,
                "and from the right edge");
        assertTrue(svg.figure.description().contains("Dotted line: 1 year."));
    }

    @Test
    void aMedianGuideRunsAcrossAtOneHalfAndDownToTheTimeAxis() {
        StepCurve late = new StepCurve("A", 10, new double[] {100}, new double[] {0.6}, null, null, new double[] {300},
                null, null, 900.0);
        SvgDocument svg = SvgDocument.of(StepPlot.survival("Median").curve(late).draw());
        Frame f = Frame.of(svg);
        assertTrue(f.t1() >= 900, "a median later than the curve widens the axis");
        List<double[]> m = d(svg.one("median", "data-curve", "A"));
        assertEquals(f.x(0), m.get(0)[0], 0.01);
        assertEquals(f.x(900), m.get(1)[0], 0.01);
        assertEquals(f.y(0), m.get(2)[1], 0.01);
        StepCurve zero = new StepCurve("A", 10, new double[] {0}, new double[] {0.4}, null, null, null, null, null, 0.0);
        List<double[]> atZero = d(SvgDocument.of(StepPlot.survival("Median").curve(zero).draw()).one("median", "data-curve", "A"));
        assertEquals(2, atZero.size(), "a median of 0 is a line down at time 0");
        for (Double none : new Double[] {null, NA, -3.0, Double.POSITIVE_INFINITY}) {
            StepCurve c = new StepCurve("A", 10, new double[] {100}, new double[] {0.4}, null, null, null, null, null, none);
            SvgDocument s = SvgDocument.of(StepPlot.survival("Median").curve(c).draw());
            assertTrue(s.byClass("median").isEmpty(), "no guide for " + none);
            assertTrue(Frame.of(s).t1() < 200, "and no wider axis for " + none);
        }
    }

    /** Where the annotation box is: "top-right", "bottom-left", ... by the plot's corners. */
    private static String corner(SvgDocument svg) {
        Frame f = Frame.of(svg);
        Element box = svg.byClass("annotation").get(0);
        double bx = SvgDocument.num(box, "x");
        double by = SvgDocument.num(box, "y");
        double w = SvgDocument.num(box, "width");
        double h = SvgDocument.num(box, "height");
        assertTrue(bx >= f.x0() && bx + w <= f.x1() + 8.01, "within the data region: " + bx + " + " + w);
        assertTrue(by >= f.y1() - 0.01 && by + h <= f.y0() + 0.01, "within the data region: " + by + " + " + h);
        String side = Math.abs(bx - (f.x0() + 8)) < 0.01 ? "left" : Math.abs(bx + w - f.x1()) < 0.01 ? "right" : "x " + bx;
        String level = Math.abs(by - f.y1()) < 0.01 ? "top" : Math.abs(by + h - f.y0()) < 0.01 ? "bottom" : "y " + by;
        return level + "-" + side;
    }

    /** Asserts that no curve runs through the annotation box (sampled every pixel). */
    private static void assertClearOfCurves(SvgDocument svg) {
        Element box = svg.byClass("annotation").get(0);
        double bx = SvgDocument.num(box, "x");
        double by = SvgDocument.num(box, "y");
        double w = SvgDocument.num(box, "width");
        double h = SvgDocument.num(box, "height");
        for (Element curve : svg.byClass("curve")) {
            List<double[]> path = d(curve);
            double end = path.get(path.size() - 1)[0];
            for (double x = Math.ceil(bx); x <= Math.min(bx + w, end); x++) {
                double y = pathY(path, x);
                assertFalse(y > by && y < by + h, curve.getAttribute("data-curve") + " runs through the box at " + x);
            }
        }
    }

    private static StepCurve flat(String label, double end) {
        return new StepCurve(label, 10, null, null, null, null, new double[] {end}, null, null, null);
    }

    private static StepCurve dropsAt(String label, double t, double v, double end, Double median) {
        return new StepCurve(label, 10, new double[] {t}, new double[] {v}, null, null, new double[] {end}, null, null,
                median);
    }

    @Test
    void theAnnotationBoxHoldsItsLinesInTheCornerTheCurvesLeaveFree() {
        SvgDocument svg = SvgDocument.of(dfsByArm().draw());
        Element box = svg.byClass("annotation").get(0);
        double bx = SvgDocument.num(box, "x");
        double by = SvgDocument.num(box, "y");
        List<Element> lines = childElements(svg.byClass("annotations").get(0), "text");
        assertEquals(List.of("Log-rank p < 0.001", "HR 0.54 (0.42-0.71)"), lines.stream().map(Element::getTextContent).toList());
        double font = Double.parseDouble(SvgDocument.inherited(lines.get(0), "font-size"));
        double previous = by;
        for (Element line : lines) {
            double x = SvgDocument.num(line, "x");
            double y = SvgDocument.num(line, "y");
            assertTrue(x >= bx + 5 && x + Svg.width(line.getTextContent(), font) <= bx + SvgDocument.num(box, "width") - 5,
                    "the line inside the box, with room: " + line.getTextContent());
            assertTrue(y - font * 0.7 >= previous + 2, "under the box top or the line before");
            assertTrue(y <= by + SvgDocument.num(box, "height") - 5, "above the box bottom");
            previous = y;
        }
        assertClearOfCurves(svg);
        assertEquals("top-right", corner(svg), "survival curves fall away from the top right");
    }

    @Test
    void theAnnotationBoxAvoidsCurvesBandsGuidesAndLandmarks() {
        String p = "p = 0.04";
        assertEquals("top-right", corner(SvgDocument.of(StepPlot.survival("none").annotation(p).draw())),
                "survival: top right when nothing is in the way");
        assertEquals("top-left", corner(SvgDocument.of(StepPlot.cumulativeIncidence("none").annotation(p).draw())),
                "incidence: top left");
        SvgDocument high = SvgDocument.of(StepPlot.survival("flat").curve(flat("A", 1000)).annotation(p).draw());
        assertEquals("bottom-left", corner(high), "a curve along the top");
        assertClearOfCurves(high);
        SvgDocument rising = SvgDocument.of(StepPlot.cumulativeIncidence("rises").curve(dropsAt("A", 1, 0.95, 1000, null))
                .annotation(p).draw());
        assertEquals("bottom-right", corner(rising), "an incidence curve along the top");
        assertClearOfCurves(rising);

        StepCurve banded = new StepCurve("A", 10, new double[] {1}, new double[] {0.5}, new double[] {0.2},
                new double[] {1.0}, new double[] {1000}, null, null, null);
        assertEquals("bottom-left", corner(SvgDocument.of(StepPlot.survival("band").curve(banded).annotation(p).draw())),
                "a band reaching the top");
        assertEquals("top-right", corner(SvgDocument.of(StepPlot.survival("band").bands(false).curve(banded).annotation(p)
                .draw())), "no band drawn, none avoided");

        // A along the top; B at 1 until day 150, then 0.4: the bottom left is free unless a guide crosses it
        assertEquals("bottom-left", corner(SvgDocument.of(StepPlot.survival("guides").curve(flat("A", 1000))
                .curve(dropsAt("B", 150, 0.4, 1000, null)).annotation(p).draw())));
        assertEquals("bottom-right", corner(SvgDocument.of(StepPlot.survival("guides").curve(flat("A", 1000))
                .curve(dropsAt("B", 150, 0.4, 1000, 150.0)).annotation(p).draw())), "the median guide down at day 150");
        assertEquals("bottom-right", corner(SvgDocument.of(StepPlot.survival("guides").curve(flat("A", 1000))
                .curve(dropsAt("B", 150, 0.4, 1000, null)).landmark(150, "").annotation(p).draw())), "a landmark at day 150");

        // B at 1 until day 850, just left of the top-right box, then at the bottom: the top right is free
        assertEquals("top-right", corner(SvgDocument.of(StepPlot.survival("late drop").curve(dropsAt("B", 850, 0.05, 1000, null))
                .annotation(p).draw())), "sampled where the box is");
        // A along the top only until day 100; B low throughout: past A's end the top right is free
        assertEquals("top-right", corner(SvgDocument.of(StepPlot.survival("ends").curve(flat("A", 100))
                .curve(dropsAt("B", 1, 0.3, 1000, null)).annotation(p).draw())), "a curve is not drawn past its end");

        String wide = "Log-rank test stratified by centre and by microvascular invasion status at baseline: p = 0.04";
        SvgDocument capped = SvgDocument.of(StepPlot.survival("wide").annotation(wide).draw());
        Frame f = Frame.of(capped);
        Element box = capped.byClass("annotation").get(0);
        assertEquals(f.x1() - f.x0(), SvgDocument.num(box, "width"), 0.01, "no wider than the data region");
        corner(capped);
    }

    @Test
    void theDescriptionNamesEachGroupsMedianOrThatItIsNotReached() {
        StepCurve notReached = new StepCurve("A", 5, new double[] {10, 20}, new double[] {0.8, 0.6}, null, null, null,
                null, null, null);
        StepCurve half = new StepCurve("B", 6, new double[] {10}, new double[] {0.5}, null, null, null, null, null, null);
        StepCurve hidden = new StepCurve("C", 7, new double[] {NA}, new double[] {0.3}, null, null, null, null, null, null);
        StepCurve empty = new StepCurve("D", 0, null, null, null, null, null, null, null, null);
        assertEquals("survival probability against months since treatment for A (n = 5, median not reached), "
                + "B (n = 6), C (n = 7, median not reached) and D (n = 0).",
                StepPlot.survival(" ").curve(notReached).curve(half).curve(hidden).curve(empty).draw().description());
        StepCurve rises = new StepCurve("A", 5, new double[] {10}, new double[] {0.5}, null, null, null, null, null, null);
        StepCurve low = new StepCurve("B", 5, new double[] {10}, new double[] {0.4}, null, null, null, null, null, null);
        assertEquals("CIF: cumulative incidence (%) against days since treatment for A (n = 5) and B (n = 5, median "
                + "not reached). Dotted line: landmark. Dotted line: day 30. Gray's p = 0.2. Done.",
                StepPlot.cumulativeIncidence("CIF").percent(true).displayUnit(TimeScale.DAYS).curve(rises).curve(low)
                        .landmark(5, " ").landmark(30, "day 30").annotation("Gray's p = 0.2").annotation("Done.")
                        .annotation(" ").annotation(null).draw().description());
        StepCurve median = new StepCurve("A", 5, new double[] {1052}, new double[] {0.4}, null, null, null, null, null,
                1052.4);
        assertEquals("m: OS against days since RFA for A (n = 5, median 1052 days).", StepPlot.survival("m")
                .displayUnit(TimeScale.DAYS).yLabel("OS").timeLabel("Days since RFA").curve(median).draw().description());
        assertEquals("t: no curves to show.", StepPlot.survival("t").draw().description());
        assertEquals("no curves to show.", StepPlot.survival(null).draw().description());
        assertTrue(SvgDocument.of(StepPlot.survival("t").timeLabel(null).displayUnit(null).draw()).figure.svg()
                .contains(">Months since treatment</text>"), "null settings are the defaults");
        assertEquals(TimeUnit.DAYS.name().toLowerCase(java.util.Locale.ROOT), SvgDocument.of(StepPlot.survival("t")
                .dataUnit(null).draw()).byClass("plot").get(0).getAttribute("data-time-unit"));
    }
}
