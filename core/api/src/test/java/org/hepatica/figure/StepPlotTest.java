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
}
