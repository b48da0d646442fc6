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
}
