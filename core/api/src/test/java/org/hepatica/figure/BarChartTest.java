package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class BarChartTest {

    /** The short-term result of the demo cohort: mRECIST counts of the assessed patients per arm. */
    static BarChart demo() {
        return BarChart.stacked("mRECIST response at first assessment by arm", "CR", "PR", "SD", "PD")
                .valueLabel("Assessed patients (%)")
                .bar("RFA", new double[] {155, 15, 16, 7}, "ORR 88.1% (82.7\u201392.3)", "DCR 96.4% (92.7\u201398.5)")
                .bar("RFA+RT", new double[] {177, 8, 5, 5}, "ORR 94.9% (90.8\u201397.5)", "DCR 97.4% (94.1\u201399.2)")
                .footnote("Objective response (CR+PR): Fisher p = 0.018");
    }

    @Test
    void segmentsAreSharesOfEachBarStackedInCategoryOrder() {
        SvgDocument svg = SvgDocument.of(demo().draw());
        List<Element> rfa = svg.byClass("segment", "data-bar", "RFA");
        assertEquals(4, rfa.size());
        assertEquals(List.of("CR", "PR", "SD", "PD"), rfa.stream().map(e -> e.getAttribute("data-category")).toList());
        assertEquals("80.3", rfa.get(0).getAttribute("data-percent"), "155 of 193");
        assertEquals("155", rfa.get(0).getAttribute("data-count"));
        // stacked bottom to top: each segment ends where the one before it starts
        for (int i = 1; i < rfa.size(); i++) {
            double topOfPrevious = SvgDocument.num(rfa.get(i - 1), "y");
            double bottomOfThis = SvgDocument.num(rfa.get(i), "y") + SvgDocument.num(rfa.get(i), "height");
            assertEquals(topOfPrevious, bottomOfThis, 0.02);
        }
        double total = rfa.stream().mapToDouble(e -> SvgDocument.num(e, "height")).sum();
        double other = svg.byClass("segment", "data-bar", "RFA+RT").stream().mapToDouble(e -> SvgDocument.num(e, "height"))
                .sum();
        assertEquals(total, other, 0.05, "every bar is 100 %");
        assertEquals(List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7"),
                rfa.stream().map(e -> e.getAttribute("fill")).toList(), "Okabe-Ito in category order");
    }

    @Test
    void ratesTotalsLegendAndFootnotesAreWritten() {
        SvgDocument svg = SvgDocument.of(demo().draw());
        String text = svg.doc.getDocumentElement().getTextContent();
        assertTrue(text.contains("ORR 88.1% (82.7\u201392.3)"), text);
        assertTrue(text.contains("n = 193"));
        assertTrue(text.contains("n = 195"));
        assertTrue(text.contains("Fisher p = 0.018"));
        assertEquals(4, svg.byClass("swatch").size(), "one legend entry per category");
        assertTrue(svg.figure.description().contains("RFA (n = 193): CR 155 (80.3%)"), svg.figure.description());
    }

    @Test
    void textIsEscapedAndOutputDeterministic() {
        Figure f = BarChart.stacked("A <b> & \"c\"", "x<y").bar("arm & 'b'", new double[] {1}).draw();
        SvgDocument svg = SvgDocument.of(f);
        assertTrue(f.svg().contains("A &lt;b&gt; &amp; &quot;c&quot;"));
        assertEquals("A <b> & \"c\"", svg.figure.title());
        assertEquals(demo().draw().svg(), demo().draw().svg());
    }

    @Test
    void anEmptyBarIsAnOutline() {
        SvgDocument svg = SvgDocument.of(BarChart.stacked("t", "a", "b").bar("none", new double[] {0, 0}).draw());
        assertEquals(1, svg.byClass("empty").size());
        assertTrue(svg.doc.getDocumentElement().getTextContent().contains("n = 0"));
        assertThrows(IllegalArgumentException.class, () -> BarChart.stacked("t", "a").bar("x", new double[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> BarChart.stacked("t"));
    }

    /** A p-value in a publication table: three decimals, "<0.001" below. */
    @Test
    void tablePValues() {
        assertEquals("0.463", Format.tablePValue(0.463035297771808));
        assertEquals("0.054", Format.tablePValue(0.0540539322233432));
        assertEquals("0.001", Format.tablePValue(0.001));
        assertEquals("<0.001", Format.tablePValue(0.000999));
        assertEquals("<0.001", Format.tablePValue(1.94264344953403e-119));
        assertEquals("1.000", Format.tablePValue(1));
        assertEquals("NA", Format.tablePValue(Double.NaN));
    }

    @Test
    void valueAxisTicksAndCountsMatchTheSegments() {
        SvgDocument svg = SvgDocument.of(demo().draw());
        List<Element> rfa = svg.byClass("segment", "data-bar", "RFA");
        double bottom = SvgDocument.num(rfa.get(0), "y") + SvgDocument.num(rfa.get(0), "height");
        double top = SvgDocument.num(rfa.get(3), "y");
        // 80.3 % of the bar's height is the CR segment
        assertEquals(155.0 / 193, SvgDocument.num(rfa.get(0), "height") / (bottom - top), 0.002);
        assertEquals(5, svg.byClass("grid").size(), "ticks at 0, 25, 50, 75 and 100 %");
        String text = svg.doc.getDocumentElement().getTextContent();
        for (String tick : List.of("0%", "25%", "50%", "75%", "100%")) {
            assertTrue(text.contains(tick), tick);
        }
        List<String> counts = svg.byClass("count").stream().map(Element::getTextContent).toList();
        assertTrue(counts.contains("155") && counts.contains("177"), counts.toString());
    }
}
