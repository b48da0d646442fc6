package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ForestPlotTest {

    /** DFS, RFA+RT against RFA within MVI subgroups (mvi-subgroups result of the demo cohort), and the Cox model of OS. */
    static ForestPlot demo() {
        return ForestPlot.of("Disease-free survival: RFA+RT against RFA")
                .heading("All patients")
                .reference("RFA", 188, 126)
                .row("RFA+RT", 212, 108, 0.544372855304865, 0.41794271594882154, 0.7090488583345943, 6.48889596818528e-06)
                .heading("No microvascular invasion")
                .row("RFA+RT", 280, 150, 0.5179388172559626, 0.3716370514181744, 0.7218349661230425, 1.0249233159862301E-4)
                .heading("Microvascular invasion")
                .row("RFA+RT", 104, 72, 0.5919193637127902, 0.36663553391282394, 0.9556316852295681, 0.03190016824778266)
                .footnote("Interaction " + Format.p(0.8751650155794419) + " (Wald, 1 df)")
                .footnote("16 of 400 patients left out for a missing MVI status.");
    }

    private static double xAt(SvgDocument svg, double hr) {
        Element axis = svg.byClass("forest-axis").get(0);
        double x1 = SvgDocument.num(axis, "data-x-at-1");
        double x2 = SvgDocument.num(axis, "data-x-at-2");
        return x1 + Math.log(hr) / Math.log(2) * (x2 - x1);
    }

    private static double squareCentre(Element row) {
        Element square = (Element) row.getElementsByTagNameNS(SvgDocument.SVG_NS, "rect").item(0);
        return SvgDocument.num(square, "x") + SvgDocument.num(square, "width") / 2;
    }

    @Test
    void aReferenceLevelCarriesNoHazardRatio() {
        SvgDocument svg = SvgDocument.of(ForestPlot.of("Cox")
                .heading("Arm").reference("RFA", 200, 130).row("RFA+RT", 200, 114, 0.58, 0.45, 0.74, 0.00001)
                .draw());
        Element ref = svg.one("forest-row", "data-label", "RFA");
        assertEquals("reference", ref.getAttribute("data-kind"));
        assertFalse(ref.hasAttribute("data-hr"), "no hazard ratio on the reference row");
        assertEquals(0, ref.getElementsByTagNameNS(SvgDocument.SVG_NS, "rect").getLength(), "no square");
        assertEquals(0, ref.getElementsByTagNameNS(SvgDocument.SVG_NS, "path").getLength(), "no interval");
        assertTrue(ref.getTextContent().contains("reference"));
        assertFalse(ref.getTextContent().contains("0.58"), "the other level's estimate is not borrowed");
        Element rt = svg.one("forest-row", "data-label", "RFA+RT");
        assertEquals("0.58", rt.getAttribute("data-hr"));
        assertTrue(rt.getTextContent().contains("0.58 (0.45-0.74)"));
        assertTrue(rt.getTextContent().contains("< 0.001"));
    }

    @Test
    void eachSquareSitsAtItsHazardRatioOnTheLogAxis() {
        SvgDocument svg = SvgDocument.of(demo().draw());
        double[] hr = {0.544372855304865, 0.5179388172559626, 0.5919193637127902};
        List<Element> rows = svg.byClass("forest-row", "data-kind", "estimate");
        assertEquals(3, rows.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(xAt(svg, hr[i]), squareCentre(rows.get(i)), 0.05, "square of row " + i);
        }
        Element line = svg.byClass("reference-line").get(0);
        assertEquals(xAt(svg, 1), SvgDocument.vertices(line.getAttribute("d")).get(0)[0], 0.01, "reference line at 1");
        List<String> ticks = svg.byClass("tick").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("0.25", "0.5", "1", "2"), ticks, "round ticks covering 0.37-1");
        for (Element t : svg.byClass("tick")) {
            assertEquals(xAt(svg, Double.parseDouble(t.getTextContent())), SvgDocument.num(t, "x"), 0.05);
        }
    }

    @Test
    void labelsAreEscaped() {
        String label = "margin < 10 mm & MVI";
        SvgDocument svg = SvgDocument.of(ForestPlot.of("A & B").heading("Tom's \"group\"")
                .row(label, 10, 5, 1.5, 0.8, 2.8, 0.2).draw());
        assertEquals(label, svg.byClass("forest-row", "data-kind", "estimate").get(0).getAttribute("data-label"));
        assertTrue(svg.figure.svg().contains(">margin &lt; 10 mm &amp; MVI</text>"));
        assertTrue(svg.figure.svg().contains("Tom&apos;s &quot;group&quot;"));
    }

    @Test
    void missingAndExtremeEstimatesAreDrawnAsSuch() {
        SvgDocument svg = SvgDocument.of(ForestPlot.of("Extremes")
                .row("no estimate", 12, 0, null, null, null, null)
                .row("tiny", 30, 2, 0.01, 0.001, 0.09, 0.0001)
                .row("huge", 30, 25, 50.0, 12.0, 210.0, 0.002)
                .row("no bounds", 30, 25, 1.3, Double.NaN, null, null)
                .row("no n", null, null, 0.9, 0.5, 1.6, 0.7)
                .draw());
        Element none = svg.one("forest-row", "data-label", "no estimate");
        assertEquals("not-estimable", none.getAttribute("data-kind"));
        assertTrue(none.getTextContent().contains("not estimable"));
        assertEquals(1, svg.one("forest-row", "data-label", "tiny").getElementsByTagNameNS(SvgDocument.SVG_NS, "path")
                .getLength() - 1, "a line and an arrow");
        assertEquals(1, svg.byClass("arrow").stream().filter(a -> a.getParentNode() == svg.one("forest-row", "data-label", "huge"))
                .count());
        List<String> ticks = svg.byClass("tick").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("0.01", "1", "100"), ticks, "decades (every other one, to fit) from 0.01 to 100");
        Element noBounds = svg.one("forest-row", "data-label", "no bounds");
        assertEquals(xAt(svg, 1.3), squareCentre(noBounds), 0.05);
        SvgDocument.of(ForestPlot.of("empty").draw());
    }

    @Test
    void theDescriptionListsEveryRow() {
        assertEquals("Disease-free survival: RFA+RT against RFA: hazard ratio (95% CI) on a log scale. "
                + "All patients RFA reference; All patients RFA+RT 0.54 (0.42-0.71), p < 0.001; "
                + "No microvascular invasion RFA+RT 0.52 (0.37-0.72), p < 0.001; "
                + "Microvascular invasion RFA+RT 0.59 (0.37-0.96), p = 0.032. "
                + "Interaction p = 0.88 (Wald, 1 df). 16 of 400 patients left out for a missing MVI status.",
                demo().draw().description());
    }

    @Test
    void theSameInputGivesTheSameBytes() {
        assertEquals(demo().draw().svg(), demo().draw().svg());
    }

    @Test
    void writesTheExample() throws IOException {
        Path dir = Path.of("target", "figures");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("example-forest.svg"), demo().draw().svg(), StandardCharsets.UTF_8);
        assertTrue(Files.size(dir.resolve("example-forest.svg")) > 1000);
    }

    /** A Cox model: a row before any heading, a reference level, a row without n, one not estimable. */
    static ForestPlot cox() {
        return ForestPlot.of("Cox model of overall survival").labelHeader("Term").effectLabel("HR (95% CI)")
                .row("Age (per 10 years)", 400, 210, 1.21, 1.05, 1.39, 0.008)
                .heading("Arm")
                .reference("RFA", 188, 126)
                .row("RFA+RT", 212, 108, 0.544, 0.418, 0.709, 6.5e-6)
                .heading("Tumour size")
                .row("> 3 cm", null, null, 1.6, 1.1, 2.3, 0.012)
                .row("unknown", 12, 0, null, null, null, null)
                .footnote("Wald tests; 16 patients left out for missing covariates.");
    }

    private static List<Element> in(Element parent, String tag) {
        return SvgDocument.descendants(parent, tag);
    }

    private static Element cell(Element row, String cls) {
        return in(row, "text").stream().filter(t -> cls.equals(t.getAttribute("class"))).findFirst().orElseThrow();
    }

    private static double fontSize(Element e) {
        return Double.parseDouble(SvgDocument.inherited(e, "font-size"));
    }

    /** The estimated left edge of a text anchored at its end. */
    private static double leftOfEnd(Element text, double bold) {
        return SvgDocument.num(text, "x") - Svg.width(text.getTextContent(), fontSize(text)) * bold;
    }

    private static double rightOfStart(Element text, double bold) {
        return SvgDocument.num(text, "x") + Svg.width(text.getTextContent(), fontSize(text)) * bold;
    }

    private static List<double[]> d(Element path) {
        return SvgDocument.vertices(path.getAttribute("d"));
    }

    @Test
    void columnsStandLeftToRightUnderTheirHeaders() {
        SvgDocument svg = SvgDocument.of(cox().draw());
        svg.assertDrawnWithin(Theme.MARGIN / 2);
        List<Element> header = in(svg.byClass("forest-header").get(0), "text");
        assertEquals(List.of("Term", "n", "Events", "HR (95% CI)", "p"), header.stream().map(Element::getTextContent).toList());
        assertEquals(Theme.MARGIN, SvgDocument.num(header.get(0), "x"));
        double nX = SvgDocument.num(header.get(1), "x");
        double eventsX = SvgDocument.num(header.get(2), "x");
        double pX = SvgDocument.num(header.get(4), "x");
        assertEquals(svg.width() - Theme.MARGIN, pX, 0.01, "p at the right margin");
        Element axis = svg.byClass("forest-axis").get(0);
        List<double[]> axisLine = d(in(axis, "path").get(0));
        double axisLeft = axisLine.get(0)[0];
        double axisRight = axisLine.get(1)[0];
        double axisY = axisLine.get(0)[1];
        assertTrue(leftOfEnd(header.get(1), 1.08) > rightOfStart(header.get(0), 1.08), "n right of the label header");
        assertTrue(leftOfEnd(header.get(2), 1.08) > nX, "Events right of n");
        assertTrue(axisLeft > eventsX, "the axis right of the events");
        Element effect = header.get(3);
        double half = Svg.width(effect.getTextContent(), fontSize(effect)) * 1.08 / 2;
        assertTrue(SvgDocument.num(effect, "x") - half >= axisLeft && SvgDocument.num(effect, "x") + half < leftOfEnd(header.get(4), 1.08),
                "the effect header over the axis and the estimates");
        List<double[]> rule = d(in(svg.doc.getDocumentElement(), "path").get(0)); // the first line drawn
        assertEquals(Theme.MARGIN, rule.get(0)[0], 0.01, "a rule under the header across the figure");
        assertEquals(svg.width() - Theme.MARGIN, rule.get(1)[0], 0.01);
        double headerY = SvgDocument.num(header.get(0), "y");
        assertTrue(rule.get(0)[1] > headerY && rule.get(0)[1] < headerY + Theme.FONT_SMALL, "just under the header");

        List<Element> rows = svg.byClass("forest-row");
        assertEquals(7, rows.size());
        double s = svg.width() / Theme.WIDTH;
        double previous = headerY;
        for (int i = 0; i < rows.size(); i++) {
            Element row = rows.get(i);
            Element label = cell(row, "label");
            double y = SvgDocument.num(label, "y");
            assertEquals((i == 0 ? 37 : 36) * s, y - previous, 0.02, "rows 36 apart under the header");
            previous = y;
            boolean heading = "heading".equals(row.getAttribute("data-kind"));
            boolean indented = i > 1 && !heading;
            assertEquals(Theme.MARGIN + (indented ? 18 * s : 0), SvgDocument.num(label, "x"), 0.01,
                    "indented under a heading: " + label.getTextContent());
            assertEquals(heading ? "bold" : "", label.getAttribute("font-weight"));
            if (heading) {
                assertEquals(1, in(row, "text").size(), "a heading has only its label");
                assertFalse(row.hasAttribute("data-n") || row.hasAttribute("data-hr") || row.hasAttribute("data-p"));
                continue;
            }
            Element n = cell(row, "n");
            Element events = cell(row, "events");
            Element estimate = cell(row, "estimate");
            Element p = cell(row, "p");
            for (Element c : List.of(n, events, estimate, p)) {
                assertEquals(y, SvgDocument.num(c, "y"), "cells on the row's baseline");
            }
            assertEquals(nX, SvgDocument.num(n, "x"), "n under its header");
            assertEquals(eventsX, SvgDocument.num(events, "x"), "events under theirs");
            assertEquals(pX, SvgDocument.num(p, "x"), "p under its header");
            assertTrue(rightOfStart(label, 1) < leftOfEnd(n, 1), "label clear of n");
            assertTrue(SvgDocument.num(estimate, "x") > axisRight, "the estimate right of the axis");
            assertTrue(rightOfStart(estimate, 1) < leftOfEnd(p, 1), "the estimate clear of p");
            boolean estimable = "estimate".equals(row.getAttribute("data-kind"));
            assertEquals(estimable ? "" : "italic", estimate.getAttribute("font-style"), "a row without estimate is muted");
            assertEquals(estimable ? "" : Theme.MUTED, estimate.getAttribute("fill"));
        }
        assertTrue(axisY > previous, "the axis under the last row");
        Element age = svg.one("forest-row", "data-label", "Age (per 10 years)");
        assertEquals("400", age.getAttribute("data-n"));
        assertEquals("210", age.getAttribute("data-events"));
        assertEquals("1.21", age.getAttribute("data-hr"));
        assertEquals("1.05", age.getAttribute("data-lower"));
        assertEquals("1.39", age.getAttribute("data-upper"));
        assertEquals("0.008", age.getAttribute("data-p"));
        assertEquals("1.21 (1.05-1.39)", cell(age, "estimate").getTextContent());
        assertEquals("0.008", cell(age, "p").getTextContent());
        Element big = svg.one("forest-row", "data-label", "> 3 cm");
        assertFalse(big.hasAttribute("data-n") || big.hasAttribute("data-events"), "no n, no attribute");
        assertEquals("", cell(big, "n").getTextContent());
        Element unknown = svg.one("forest-row", "data-label", "unknown");
        assertEquals("not-estimable", unknown.getAttribute("data-kind"));
        assertFalse(unknown.hasAttribute("data-hr") || unknown.hasAttribute("data-p"));
        assertEquals("0", unknown.getAttribute("data-events"));
        assertEquals(0, in(unknown, "rect").size() + in(unknown, "path").size(), "no mark");
        Element footnote = svg.byClass("footnote").get(0);
        double last = SvgDocument.num(footnote, "y");
        assertTrue(last - Theme.FONT_SMALL * s * 0.7 > axisY + 6 + Theme.FONT_SMALL * s, "the footnote under the tick labels");
        assertTrue(svg.height() >= last + Theme.MARGIN && svg.height() <= last + 2 * Theme.MARGIN, "the figure ends under it");
        assertEquals(Theme.MARGIN, SvgDocument.num(footnote, "x"));
    }

    @Test
    void everyOtherRowIsShaded() {
        SvgDocument svg = SvgDocument.of(cox().draw());
        List<Element> shades = in(svg.byClass("shading").get(0), "rect");
        List<Element> rows = svg.byClass("forest-row");
        assertEquals(rows.size() / 2, shades.size());
        for (int i = 0; i < rows.size(); i++) {
            double y = SvgDocument.num(cell(rows.get(i), "label"), "y");
            long under = shades.stream().filter(r -> SvgDocument.num(r, "y") < y - Theme.FONT_SMALL * 0.7
                    && SvgDocument.num(r, "y") + SvgDocument.num(r, "height") > y).count();
            assertEquals(i % 2 == 1 ? 1 : 0, under, "row " + i + " shaded: " + (i % 2 == 1));
        }
        double s = svg.width() / Theme.WIDTH;
        for (Element r : shades) {
            assertEquals(Theme.MARGIN / 2, SvgDocument.num(r, "x"), 0.01);
            assertEquals(svg.width() - Theme.MARGIN, SvgDocument.num(r, "width"), 0.01, "across the figure");
            assertEquals(36 * s, SvgDocument.num(r, "height"), 0.01, "a row high");
        }
    }

    @Test
    void intervalsAndSquaresSitOnTheLogAxisAtTheirBounds() {
        SvgDocument svg = SvgDocument.of(cox().row("bounds the wrong way", 50, 20, 1.5, 1.8, 1.2, 0.3)
                .row("no lower bound", 50, 20, 0.8, null, 1.9, 0.3).draw());
        double[][] est = {{1.21, 1.05, 1.39}, {0.544, 0.418, 0.709}, {1.6, 1.1, 2.3}, {1.5, 1.5, 1.5}, {0.8, 0.8, 1.9}};
        String[] labels = {"Age (per 10 years)", "RFA+RT", "> 3 cm", "bounds the wrong way", "no lower bound"};
        double s = svg.width() / Theme.WIDTH;
        for (int i = 0; i < labels.length; i++) {
            Element row = svg.one("forest-row", "data-label", labels[i]);
            Element square = in(row, "rect").get(0);
            double side = SvgDocument.num(square, "width");
            assertEquals(14 * s, side, 0.01);
            assertEquals(side, SvgDocument.num(square, "height"), 0.01);
            assertEquals(xAt(svg, est[i][0]), squareCentre(row), 0.05, "square at the HR of " + labels[i]);
            double centreY = SvgDocument.num(square, "y") + side / 2;
            double baseline = SvgDocument.num(cell(row, "label"), "y");
            assertTrue(centreY < baseline && centreY > baseline - Theme.FONT_SMALL * s * 0.7, "mid-height of the row's text");
            List<Element> ci = in(row, "path");
            if (i == 3) {
                assertTrue(ci.isEmpty(), "bounds on the wrong side of the HR leave only the square");
                continue;
            }
            List<double[]> line = d(ci.get(0));
            assertEquals(xAt(svg, est[i][1]), line.get(0)[0], 0.05, "from the lower bound of " + labels[i]);
            assertEquals(xAt(svg, est[i][2]), line.get(1)[0], 0.05, "to the upper bound");
            assertEquals(centreY, line.get(0)[1], 0.01, "through the square");
            assertEquals(centreY, line.get(1)[1], 0.01);
        }
        Element axis = svg.byClass("forest-axis").get(0);
        List<double[]> marks = d(in(axis, "path").get(0));
        double axisY = marks.get(0)[1];
        List<Element> ticks = svg.byClass("tick");
        assertEquals(List.of("0.25", "1", "4"), ticks.stream().map(Element::getTextContent).toList(),
                "0.25-4 (the data 0.42-2.3), every other power of 2 to fit the axis");
        for (int k = 0; k < ticks.size(); k++) {
            double x = xAt(svg, Double.parseDouble(ticks.get(k).getTextContent()));
            assertEquals(x, SvgDocument.num(ticks.get(k), "x"), 0.05);
            assertEquals(x, marks.get(2 + 2 * k)[0], 0.05, "tick mark under its label");
            assertEquals(axisY, marks.get(2 + 2 * k)[1], 0.01);
            assertTrue(marks.get(3 + 2 * k)[1] > axisY, "pointing down");
            assertTrue(SvgDocument.num(ticks.get(k), "y") - Theme.FONT_SMALL * s * 0.7 > marks.get(3 + 2 * k)[1], "label under it");
        }
        assertTrue(xAt(svg, 0.25) > marks.get(0)[0] && xAt(svg, 4) < marks.get(1)[0], "the end ticks within the axis line");
        List<double[]> ref = d(svg.byClass("reference-line").get(0));
        assertEquals(xAt(svg, 1), ref.get(0)[0], 0.01);
        assertEquals(axisY, ref.get(ref.size() - 1)[1], 0.01, "the line at 1 runs down to the axis");
        double firstBaseline = SvgDocument.num(cell(svg.byClass("forest-row").get(0), "label"), "y");
        assertEquals(firstBaseline - (7 + 18) * s, ref.get(0)[1], 0.02, "from the top of the first row");
        assertEquals(2, ref.size(), "unbroken: no heading reaches the line");
    }

    @Test
    void theAxisEndsAtTheRoundTickAtOrPastTheData() {
        assertEquals(List.of("0.5", "1", "2"), ticks(1.1, 0.9, 1.3), "at least 0.5-2");
        assertEquals(List.of("0.25", "0.5", "1", "2", "4"), ticks(1, 0.25, 4), "bounds on a tick end the axis there");
        assertEquals(List.of("0.25", "1", "4"), ticks(1, 0.125, 8), "powers of two up to 1/8-8, every other one to fit");
        assertEquals(List.of("0.1", "1", "10"), ticks(1, 0.125, 9), "past 8: decades");
        assertEquals(List.of("0.1", "1", "10"), ticks(1, 0.12, 2), "decades below 1/8");
        assertEquals(List.of("0.1", "1", "10"), ticks(1, 0.5, 8.1), "and above 8");
        assertEquals(List.of("0.01", "1", "100"), ticks(1, 0.001, 1000), "decades stop at 0.01-100, every other one to fit");
    }

    @Test
    void boundsOnTheAxisEndsNeedNoArrowAndAnHrThereKeepsItsSquare() {
        for (double[] r : new double[][] {{1, 0.01, 100}, {1, 0.125, 8}, {100, 50, 100}, {0.01, 0.01, 0.5}}) {
            SvgDocument svg = SvgDocument.of(ForestPlot.of("t").row("x", 10, 5, r[0], r[1], r[2], 0.5).draw());
            assertTrue(svg.byClass("arrow").isEmpty(), "no arrow for " + r[1] + "-" + r[2]);
            assertEquals(1, svg.byClass("hr").size(), "a square for " + r[0]);
        }
    }

    @Test
    void aZeroHazardRatioIsNotEstimableAndAZeroBoundIsMissing() {
        SvgDocument svg = SvgDocument.of(ForestPlot.of("t").row("zero", 10, 0, 0.0, 0.0, 1.0, 0.5)
                .row("zero bound", 10, 5, 0.5, 0.0, 0.9, 0.5).draw());
        assertEquals("not-estimable", svg.one("forest-row", "data-label", "zero").getAttribute("data-kind"));
        Element bound = svg.one("forest-row", "data-label", "zero bound");
        assertFalse(bound.hasAttribute("data-lower"));
        assertEquals("0.50", cell(bound, "estimate").getTextContent(), "an interval needs both bounds written");
        assertEquals(xAt(svg, 0.5), d(in(bound, "path").get(0)).get(0)[0], 0.05, "the line from the HR");
    }

    @Test
    void columnsAreAGapApartEvenWhenOnlyTheirHeadersFillThem() {
        String heading = "Patients treated at the three centres of the trial between 2015 and 2022, by arm and stage";
        SvgDocument svg = SvgDocument.of(ForestPlot.of("Disease-free survival by arm in the per-protocol population, "
                + "patients with a first recurrence").heading(heading)
                .row("a", null, null, 0.5, 0.3, 0.8, null).row("b", null, null, 2.0, 1.1, 3.0, null).draw());
        svg.assertDrawnWithin(Theme.MARGIN / 2);
        List<Element> header = in(svg.byClass("forest-header").get(0), "text");
        double labelEnd = Math.max(rightOfStart(header.get(0), 1.08), svg.byClass("forest-row").stream()
                .filter(r -> !"heading".equals(r.getAttribute("data-kind"))).mapToDouble(r -> rightOfStart(cell(r, "label"), 1))
                .max().orElseThrow());
        assertTrue(leftOfEnd(header.get(1), 1.08) - labelEnd >= 14 - 0.01, "n a gap right of the labels");
        assertTrue(leftOfEnd(header.get(2), 1.08) - SvgDocument.num(header.get(1), "x") >= 14 - 0.01, "Events a gap right of n");
        double estimateEnd = svg.byClass("forest-row").stream().filter(r -> !"heading".equals(r.getAttribute("data-kind")))
                .mapToDouble(r -> rightOfStart(cell(r, "estimate"), 1)).max().orElseThrow();
        assertTrue(leftOfEnd(header.get(4), 1.08) - estimateEnd >= 14 - 0.01, "p a gap right of the estimates");
        Element title = svg.byClass("title").get(svg.byClass("title").size() - 1);
        assertTrue(svg.byClass("title").size() > 1, "a long title is wrapped");
        assertTrue(SvgDocument.num(header.get(0), "y") - Theme.FONT_SMALL * 0.7 > SvgDocument.num(title, "y")
                + 0.2 * Theme.FONT_TITLE, "the header under the title");
        Element cut = cell(svg.byClass("forest-row", "data-kind", "heading").get(0), "label");
        assertTrue(cut.getTextContent().endsWith("\u2026"), "a heading longer than the room is cut: " + cut.getTextContent());
        double estimateX = SvgDocument.num(cell(svg.byClass("forest-row", "data-kind", "estimate").get(0), "estimate"), "x");
        assertTrue(rightOfStart(cut, 1.08) <= estimateX - 14 + 0.01, "before the estimates");
        assertTrue(rightOfStart(cut, 1.08) > estimateX - 14 - 40, "and not much before");
        List<Element> rows = svg.byClass("forest-row");
        double lastBottom = SvgDocument.num(cell(rows.get(rows.size() - 1), "label"), "y") - 7 + 18;
        double axisY = d(in(svg.byClass("forest-axis").get(0), "path").get(0)).get(0)[1];
        assertTrue(axisY > lastBottom, "the axis under the last row");
    }

    private static List<String> ticks(double hr, double lo, double hi) {
        SvgDocument svg = SvgDocument.of(ForestPlot.of("t").row("x", 10, 5, hr, lo, hi, 0.5).draw());
        List<Element> ticks = svg.byClass("tick");
        for (int k = 1; k < ticks.size(); k++) {
            assertTrue(SvgDocument.num(ticks.get(k), "x") - SvgDocument.num(ticks.get(k - 1), "x") >= 50 - 0.01,
                    "tick labels at least 50 apart");
        }
        Element square = (Element) svg.one("forest-row", "data-label", "x").getElementsByTagNameNS(SvgDocument.SVG_NS, "rect").item(0);
        assertEquals(xAt(svg, hr), SvgDocument.num(square, "x") + SvgDocument.num(square, "width") / 2, 0.05);
        return ticks.stream().map(Element::getTextContent).toList();
    }

    @Test
    void anIntervalPastTheAxisEndsInAnArrowAtTheAxisEnd() {
        SvgDocument svg = SvgDocument.of(ForestPlot.of("Arrows")
                .row("wide", 30, 10, 1.2, 0.001, 1000.0, 0.5)
                .row("off the axis", 30, 10, 500.0, 300.0, 900.0, 0.5)
                .draw());
        Element axis = svg.byClass("forest-axis").get(0);
        List<double[]> axisLine = d(in(axis, "path").get(0));
        Element wide = svg.one("forest-row", "data-label", "wide");
        List<double[]> ci = d(in(wide, "path").get(0));
        double centre = ci.get(0)[1];
        assertEquals(xAt(svg, 0.01), ci.get(0)[0], 0.05, "clamped to the axis end");
        assertEquals(xAt(svg, 100), ci.get(1)[0], 0.05);
        assertTrue(ci.get(0)[0] > axisLine.get(0)[0] && ci.get(1)[0] < axisLine.get(1)[0], "within the axis line");
        List<double[]> arrows = d(svg.byClass("arrow").stream().filter(a -> a.getParentNode() == wide).findFirst().orElseThrow());
        assertEquals(6, arrows.size(), "two triangles");
        // left: the tip just past the line's end, the base to its right
        assertEquals(ci.get(0)[0] - 2, arrows.get(0)[0], 0.02);
        assertEquals(centre, arrows.get(0)[1], 0.02);
        assertEquals(ci.get(0)[0] + 8, arrows.get(1)[0], 0.02);
        assertEquals(centre - 6, arrows.get(1)[1], 0.02);
        assertEquals(ci.get(0)[0] + 8, arrows.get(2)[0], 0.02);
        assertEquals(centre + 6, arrows.get(2)[1], 0.02);
        assertEquals(ci.get(1)[0] + 2, arrows.get(3)[0], 0.02);
        assertEquals(centre, arrows.get(3)[1], 0.02);
        assertEquals(ci.get(1)[0] - 8, arrows.get(4)[0], 0.02);
        assertEquals(centre - 6, arrows.get(4)[1], 0.02);
        assertEquals(ci.get(1)[0] - 8, arrows.get(5)[0], 0.02);
        assertEquals(centre + 6, arrows.get(5)[1], 0.02);
        assertEquals(xAt(svg, 1.2), squareCentre(wide), 0.05);
        Element off = svg.one("forest-row", "data-label", "off the axis");
        assertEquals(0, in(off, "rect").size(), "no square for an HR past the axis");
        assertEquals(1, svg.byClass("arrow").stream().filter(a -> a.getParentNode() == off).count(), "but an arrow");
        assertTrue(cell(off, "estimate").getTextContent().startsWith("500.00"), "and the estimate written out");
    }

    @Test
    void wideTextMakesTheFigureWiderAndEveryTextLargerBySameFactor() {
        String label = "Radiofrequency ablation with adjuvant stereotactic body radiotherapy, per protocol";
        String across = "Patients with microvascular invasion of the portal vein and a tumour thrombus in its main trunk";
        SvgDocument svg = SvgDocument.of(ForestPlot.of("Wide").heading("All patients")
                .row(label, 212, 108, 0.544, 0.418, 0.709, 0.0123).row("B", 10, 5, 2.0, 1.0, 4.0, 0.05)
                .heading(across).row("C", 10, 5, 0.8, 0.5, 1.2, 0.4)
                .footnote("Cox model stratified by centre; Wald tests; 16 patients left out for a missing MVI status, "
                        + "4 for a missing tumour size").draw());
        svg.assertDrawnWithin(Theme.MARGIN / 2);
        double s = svg.width() / Theme.WIDTH;
        assertTrue(s > 1, "wider than 720: " + svg.width());
        Element row = svg.one("forest-row", "data-label", label);
        assertEquals(Theme.FONT_SMALL * s, fontSize(cell(row, "label")), 0.01, "text larger by the same factor");
        assertEquals(Theme.FONT_TITLE * s, fontSize(svg.byClass("title").get(0)), 0.01);
        Element square = in(row, "rect").get(0);
        assertEquals(14 * s, SvgDocument.num(square, "width"), 0.01, "the square too");
        List<Element> rows = svg.byClass("forest-row");
        assertEquals(36 * s, SvgDocument.num(cell(rows.get(2), "label"), "y") - SvgDocument.num(cell(rows.get(1), "label"), "y"),
                0.02, "and the rows");
        assertEquals(Theme.MARGIN + 18 * s, SvgDocument.num(cell(row, "label"), "x"), 0.01, "and the indent");
        List<double[]> axis = d(in(svg.byClass("forest-axis").get(0), "path").get(0));
        double length = axis.get(1)[0] - axis.get(0)[0];
        assertTrue(length >= 160 - 0.01 && length < 168, "the axis keeps its least length, and not much more: " + length);
        String shown = cell(row, "label").getTextContent();
        assertTrue(shown.endsWith("\u2026") && label.startsWith(shown.substring(0, shown.length() - 1)), "cut: " + shown);
        assertTrue(rightOfStart(cell(row, "label"), 1) < leftOfEnd(cell(row, "n"), 1), "clear of n");
        assertEquals(label, row.getAttribute("data-label"), "whole in the data");
        List<Element> notes = svg.byClass("footnote");
        assertTrue(notes.size() >= 2, "a long footnote is wrapped");
        assertTrue(SvgDocument.num(notes.get(1), "y") - SvgDocument.num(notes.get(0), "y") >= Theme.FONT_SMALL * s,
                "its lines apart at the larger text");
        // the reference line is broken at the heading that runs across it, at the scaled rows
        double x1 = xAt(svg, 1);
        Element heading = svg.one("forest-row", "data-label", across);
        assertTrue(rightOfStart(cell(heading, "label"), 1.08) > x1 - 6, "test set-up");
        double headingTop = SvgDocument.num(cell(heading, "label"), "y") - 25 * s;
        List<double[]> ref = d(svg.byClass("reference-line").get(0));
        assertEquals(4, ref.size(), svg.byClass("reference-line").get(0).getAttribute("d"));
        assertEquals(headingTop, ref.get(1)[1], 0.02, "broken at the heading's top");
        assertEquals(headingTop + 36 * s, ref.get(2)[1], 0.02, "and on under it");
        SvgDocument narrow = SvgDocument.of(ForestPlot.of("Disease-free survival by arm in the per-protocol population of "
                + "the trial, all centres").row("x", 10, 5, 0.5, 0.3, 0.8, 0.5).draw());
        assertEquals(Theme.WIDTH, narrow.width(), "short text: 720 wide");
        assertEquals(2, narrow.byClass("title").size(), "the title wrapped at the figure's width");
        narrow.assertDrawnWithin(Theme.MARGIN);
    }

    @Test
    void theReferenceLineIsBrokenWhereAHeadingRunsAcrossIt() {
        String across = "Patients with macrovascular invasion of the portal vein";
        SvgDocument svg = SvgDocument.of(ForestPlot.of("Breaks").row("first", 10, 5, 0.5, 0.3, 0.8, 0.01)
                .heading(across).row("a", 10, 5, 0.5, 0.3, 0.8, 0.01)
                .heading("Short").row("b", 10, 5, 0.6, 0.3, 0.9, 0.01)
                .heading(across).row("c", 10, 5, 0.7, 0.3, 0.9, 0.01).draw());
        List<Element> rows = svg.byClass("forest-row");
        double x1 = xAt(svg, 1);
        for (Element r : rows) {
            if ("heading".equals(r.getAttribute("data-kind"))) {
                Element label = cell(r, "label");
                double right = rightOfStart(label, 1.08);
                assertEquals(r.getAttribute("data-label").equals(across), right > x1 - 6, "test set-up: " + label.getTextContent());
            }
        }
        List<double[]> ref = d(svg.byClass("reference-line").get(0));
        assertEquals(6, ref.size(), "three pieces: " + svg.byClass("reference-line").get(0).getAttribute("d"));
        double axisY = d(in(svg.byClass("forest-axis").get(0), "path").get(0)).get(0)[1];
        double[] tops = rows.stream().mapToDouble(r -> SvgDocument.num(cell(r, "label"), "y") - 25).toArray();
        // first row to the first long heading; under it to the next long heading (across the short one); under that to the axis
        double[][] pieces = {{tops[0], tops[1]}, {tops[1] + 36, tops[5]}, {tops[5] + 36, axisY}};
        for (int i = 0; i < 3; i++) {
            assertEquals(x1, ref.get(2 * i)[0], 0.01);
            assertEquals(pieces[i][0], ref.get(2 * i)[1], 0.02, "piece " + i + " from");
            assertEquals(pieces[i][1], ref.get(2 * i + 1)[1], 0.02, "piece " + i + " to");
        }
    }

    @Test
    void theDescriptionWithoutTitleOrRows() {
        assertEquals("hazard ratio (95% CI) on a log scale, no rows.", ForestPlot.of(null).draw().description());
        assertEquals("HR (95% CI) on a log scale. x not estimable; y reference. Note.",
                ForestPlot.of(" ").effectLabel("HR (95% CI)").row("x", 1, 0, Double.NaN, null, null, 0.5)
                        .reference("y", 2, 1).footnote("Note").draw().description());
        assertEquals("My words.", ForestPlot.of("t").description("My words.").draw().description());
        assertEquals("t: hazard ratio (95% CI) on a log scale. x 0.001 (0.00010-0.002).",
                ForestPlot.of("t").row("x", 1, 0, 0.001, 0.0001, 0.002, null).draw().description(), "no p: none written");
    }
}
