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

    private static List<Element> in(Element parent, String tag) {
        return SvgDocument.descendants(parent, tag);
    }

    private static double num(Element e, String attribute) {
        return SvgDocument.num(e, attribute);
    }

    private static Element text(Element bar, String cls) {
        return in(bar, "text").stream().filter(t -> cls.equals(t.getAttribute("class"))).findFirst().orElseThrow();
    }

    @Test
    void barsStandEvenlyOnTheValueAxisWithTheirLabelsAndTotalsUnder() {
        SvgDocument svg = SvgDocument.of(demo().bar("Not assessed", new double[] {0, 0, 0, 0}).draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        double fs = Theme.FONT_SMALL;
        List<Element> grid = svg.byClass("grid");
        double left = SvgDocument.vertices(grid.get(0).getAttribute("d")).get(0)[0];
        double right = SvgDocument.vertices(grid.get(0).getAttribute("d")).get(1)[0];
        double bottom = SvgDocument.vertices(grid.get(0).getAttribute("d")).get(0)[1];
        double top = SvgDocument.vertices(grid.get(4).getAttribute("d")).get(0)[1];
        assertTrue(bottom - top > 200, "0 % under 100 %");
        assertEquals(svg.width() - Theme.MARGIN, right, 0.01, "grid lines to the right margin");
        List<Element> tickLabels = in(svg.byClass("value-axis").get(0), "text").stream()
                .filter(t -> t.getTextContent().endsWith("%")).toList();
        for (int t = 0; t < 5; t++) {
            List<double[]> v = SvgDocument.vertices(grid.get(t).getAttribute("d"));
            double y = bottom - t / 4.0 * (bottom - top);
            assertEquals(y, v.get(0)[1], 0.01, "grid line at " + 25 * t + " %");
            assertEquals(y, v.get(1)[1], 0.01);
            assertEquals(left, v.get(0)[0], 0.01);
            assertEquals(right, v.get(1)[0], 0.01);
            assertEquals(t == 0 ? Theme.INK : Theme.SHADE, grid.get(t).getAttribute("stroke"), "the base line darker");
            Element label = tickLabels.get(t);
            assertEquals(25 * t + "%", label.getTextContent());
            assertEquals("end", label.getAttribute("text-anchor"));
            assertTrue(num(label, "x") < left, "left of the bars");
            double below = num(label, "y") - y;
            assertTrue(below > 0 && below < fs * 0.7, "centred on its line: " + below);
        }
        Element axisLabel = svg.byClass("axis-label").get(0);
        assertEquals("Assessed patients (%)", axisLabel.getTextContent());
        assertEquals((top + bottom) / 2, num(axisLabel, "y"), 0.01, "centred on the axis");
        assertEquals("rotate(-90 " + axisLabel.getAttribute("x") + " " + axisLabel.getAttribute("y") + ")",
                axisLabel.getAttribute("transform"));
        double leftmostTick = tickLabels.stream().mapToDouble(t -> num(t, "x") - Svg.width(t.getTextContent(), fs)).min()
                .orElseThrow();
        assertTrue(num(axisLabel, "x") < leftmostTick && num(axisLabel, "x") - fs * 0.7 >= Theme.MARGIN - 0.01,
                "the axis label between the margin and the tick labels");

        List<Element> bars = svg.byClass("bar");
        assertEquals(3, bars.size());
        double slot = (right - left) / 3;
        double width = Math.min(150, 0.55 * slot);
        double previousNoteY = Double.NaN;
        for (int b = 0; b < 3; b++) {
            Element bar = bars.get(b);
            double centre = left + slot * (b + 0.5);
            Element label = text(bar, "label");
            Element total = text(bar, "total");
            assertEquals(centre, num(label, "x"), 0.01, "label under the bar's centre");
            assertEquals(centre, num(total, "x"), 0.01);
            assertTrue(num(label, "y") - Theme.FONT_LABEL * 0.7 > bottom, "the label under the axis");
            assertTrue(num(total, "y") - fs * 0.7 > num(label, "y"), "the total under the label");
            List<Element> segments = in(bar, "rect");
            if (b == 2) {
                assertEquals(1, segments.size());
                Element empty = segments.get(0);
                assertEquals("empty", empty.getAttribute("class"), "an empty bar is an outline");
                assertEquals(centre - width / 2, num(empty, "x"), 0.01);
                assertEquals(width, num(empty, "width"), 0.01);
                assertEquals(top, num(empty, "y"), 0.01, "as tall as 100 %");
                assertEquals(bottom, num(empty, "y") + num(empty, "height"), 0.01);
                assertEquals("n = 0", total.getTextContent());
                assertEquals("0", bar.getAttribute("data-total"));
                assertTrue(in(bar, "text").stream().noneMatch(t -> "note".equals(t.getAttribute("class"))), "no notes");
                continue;
            }
            double[] counts = b == 0 ? new double[] {155, 15, 16, 7} : new double[] {177, 8, 5, 5};
            double sum = java.util.Arrays.stream(counts).sum();
            assertEquals("n = " + (int) sum, total.getTextContent());
            assertEquals(Integer.toString((int) sum), bar.getAttribute("data-total"));
            double at = bottom;
            List<Element> countTexts = in(bar, "text").stream().filter(t -> "count".equals(t.getAttribute("class"))).toList();
            int shown = 0;
            for (int i = 0; i < 4; i++) {
                Element seg = segments.get(i);
                double h = counts[i] / sum * (bottom - top);
                assertEquals(centre - width / 2, num(seg, "x"), 0.01, "centred in its slot");
                assertEquals(width, num(seg, "width"), 0.01);
                assertEquals(at, num(seg, "y") + num(seg, "height"), 0.02, "on the one under it");
                assertEquals(h, num(seg, "height"), 0.02, "its share of the bar");
                assertEquals(Format.number(100 * counts[i] / sum, 1), seg.getAttribute("data-percent"));
                if (h >= fs + 4) {
                    Element c = countTexts.get(shown++);
                    assertEquals(Format.number(counts[i], 0), c.getTextContent(), "the count in its segment");
                    assertEquals(centre, num(c, "x"), 0.01);
                    double mid = num(c, "y") - fs * 0.35;
                    assertEquals(at - h / 2, mid, 0.02, "mid-height");
                    assertEquals(i < 3 ? "#ffffff" : Theme.INK, c.getAttribute("fill"), "white on the dark colours");
                }
                at -= h;
            }
            assertEquals(top, at, 0.05, "the bar fills 100 %");
            assertEquals(shown, countTexts.size(), "counts only where they fit");
            List<Element> notes = in(bar, "text").stream().filter(t -> "note".equals(t.getAttribute("class"))).toList();
            assertEquals(2, notes.size());
            assertEquals(centre, num(notes.get(0), "x"), 0.01);
            assertTrue(num(notes.get(1), "y") < top, "notes above the bar");
            assertTrue(num(notes.get(1), "y") - num(notes.get(0), "y") > fs, "a line apart");
            if (b == 1) {
                assertEquals(previousNoteY, num(notes.get(1), "y"), 0.01, "the notes of all bars on the same lines");
            }
            previousNoteY = num(notes.get(1), "y");
        }
        double totalY = num(text(bars.get(0), "total"), "y");
        Element footnote = svg.byClass("footnote").get(0);
        assertTrue(num(footnote, "y") - fs * 0.7 > totalY, "the footnote under the totals");
        assertTrue(svg.height() >= num(footnote, "y") + Theme.MARGIN && svg.height() <= num(footnote, "y") + 2 * Theme.MARGIN);
        Element title = svg.byClass("title").get(0);
        Element firstLegend = in(svg.byClass("legend").get(0), "text").get(0);
        assertTrue(num(firstLegend, "y") - fs * 0.7 > num(title, "y") + 0.2 * Theme.FONT_TITLE, "the legend under the title");
        double firstNote = num(svg.byClass("note").get(0), "y");
        assertTrue(firstNote - fs * 0.7 > num(firstLegend, "y") + 0.2 * fs, "the notes under the legend");
        assertTrue(num(footnote, "y") - fs * 0.7 > totalY + 0.2 * fs, "the footnote clear of the totals");
        assertTrue(svg.figure.description().endsWith(". Objective response (CR+PR): Fisher p = 0.018."),
                svg.figure.description());
    }

    @Test
    void aSingleBarIsAtMost150WideAndItsSmallSegmentsCarryNoCount() {
        SvgDocument svg = SvgDocument.of(BarChart.stacked("One", "a", "b", "c", "d", "e")
                .bar("only", new double[] {50, 2, 1, 40, 7}).draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        List<Element> segments = svg.byClass("segment");
        assertEquals(150, num(segments.get(0), "width"), 0.01);
        List<String> counts = svg.byClass("count").stream().map(Element::getTextContent).toList();
        assertEquals(List.of("50", "40"), counts, "7 % of 320 is too low for a count; 2 and 1 too");
        assertEquals(Theme.INK, svg.byClass("count").get(1).getAttribute("fill"), "dark text on the fourth colour");
        assertEquals(Theme.colour(4), segments.get(4).getAttribute("fill"));
        double h = num(segments.get(4), "height");
        assertTrue(h < Theme.FONT_SMALL + 4, "test set-up: " + h);
    }

    @Test
    void theLegendNamesTheCategoriesInTheirColoursWrappedToTheWidth() {
        String[] names = {"Complete response", "Partial response", "Stable disease", "Progressive disease",
            "Not evaluable", "Died before assessment"};
        BarChart chart = BarChart.stacked("Legend", names).bar("A", new double[] {1, 2, 3, 4, 5, 6});
        SvgDocument svg = SvgDocument.of(chart.draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        double fs = Theme.FONT_SMALL;
        List<Element> swatches = svg.byClass("swatch");
        List<Element> texts = in(svg.byClass("legend").get(0), "text");
        assertEquals(names.length, swatches.size());
        int lines = 1;
        for (int i = 0; i < names.length; i++) {
            Element sw = swatches.get(i);
            Element t = texts.get(i);
            assertEquals(names[i], t.getTextContent());
            assertEquals(Theme.colour(i), sw.getAttribute("fill"));
            assertEquals(svg.byClass("segment").get(i).getAttribute("fill"), sw.getAttribute("fill"), "as its segments");
            double gap = num(t, "x") - (num(sw, "x") + num(sw, "width"));
            assertTrue(gap > 0 && gap <= 10, "the name just right of its swatch");
            double y = num(t, "y");
            assertTrue(num(sw, "y") >= y - fs && num(sw, "y") + num(sw, "height") <= y + 0.01, "the swatch beside the text");
            assertTrue(num(sw, "height") > fs / 2);
            if (i == 0) {
                assertEquals(Theme.MARGIN, num(sw, "x"));
                continue;
            }
            Element prev = texts.get(i - 1);
            double prevEnd = num(prev, "x") + Svg.width(prev.getTextContent(), fs);
            if (y == num(prev, "y")) {
                assertTrue(num(sw, "x") > prevEnd + 10, "entries apart");
            } else {
                lines++;
                assertEquals(Theme.MARGIN, num(sw, "x"), "a new line at the margin");
                assertTrue(y - num(prev, "y") > fs, "a line under");
                assertTrue(prevEnd + 24 + 30 + Svg.width(names[i], fs) + 24 > Theme.WIDTH - Theme.MARGIN, "only when needed");
            }
        }
        assertTrue(lines >= 2);
    }

    @Test
    void oddCountsNotesAndLabelsAreDrawnAsDocumented() {
        BarChart chart = BarChart.stacked(null, "a", null).valueLabel(null)
                .bar(null, new double[] {-3, 4}, null, " ", "ORR 100% (40-100)")
                .bar("nan", new double[] {Double.NaN, Double.POSITIVE_INFINITY});
        Figure f = chart.draw();
        SvgDocument svg = SvgDocument.of(f);
        List<Element> first = svg.byClass("segment", "data-bar", "");
        assertEquals(List.of("0", "4"), first.stream().map(e -> e.getAttribute("data-count")).toList(),
                "a negative count is 0");
        assertEquals(List.of("0.0", "100.0"), first.stream().map(e -> e.getAttribute("data-percent")).toList());
        assertEquals(List.of("a", ""), first.stream().map(e -> e.getAttribute("data-category")).toList());
        assertEquals(1, svg.byClass("note").size(), "null and blank notes left out");
        assertEquals(1, svg.byClass("empty").size(), "non-finite counts are 0: an empty bar");
        assertEquals("", svg.byClass("axis-label").get(0).getTextContent());
        assertEquals("Stacked bars of a,  (percent of each bar's total).  (n = 4): a 0 (0.0%),  4 (100.0%); "
                + "ORR 100% (40-100). nan (n = 0): a 0,  0.", f.description());
        assertEquals("", f.title());
        assertEquals("Mine", BarChart.stacked("t", "a").description("Mine").draw().description());
        String wide = "Objective response rate 88.1% (82.7-92.3) in the per-protocol population";
        SvgDocument narrow = SvgDocument.of(BarChart.stacked("t", "a").bar("A", new double[] {1}, wide)
                .bar("B", new double[] {1}).bar("C", new double[] {1}).bar("D", new double[] {1}).draw());
        narrow.assertDrawnWithin(Theme.MARGIN);
        String shown = narrow.byClass("note").get(0).getTextContent();
        assertTrue(shown.endsWith("\u2026"), "a note wider than its slot is cut: " + shown);
        double slot = (Theme.WIDTH - Theme.MARGIN - (Theme.MARGIN + 96)) / 4;
        assertTrue(Svg.width(shown, Theme.FONT_SMALL) <= slot - 8, "to its slot");
        assertTrue(Svg.width(shown, Theme.FONT_SMALL) > slot - 30, "not shorter than needed");
    }

    @Test
    void aCountIsWrittenInASegmentJustTallEnoughAndLongTextIsWrappedOrCut() {
        // 5 of 64 is 25 units of the 320-unit bar: the font (21) and 4 to spare
        SvgDocument svg = SvgDocument.of(BarChart.stacked("Response by arm in the per-protocol population of the trial, "
                + "patients with a first recurrence of hepatocellular carcinoma", "a", "b")
                .bar("Radiofrequency ablation with radiotherapy", new double[] {5, 59})
                .bar("B", new double[] {1, 1}).bar("C", new double[] {1, 1}).bar("D", new double[] {1, 1})
                .footnote("Objective response (CR+PR) compared between the arms with Fisher's exact test, two-sided: "
                        + "p = 0.018; disease control: p = 0.64").draw());
        svg.assertDrawnWithin(Theme.MARGIN);
        Element seg = svg.byClass("segment").get(0);
        assertEquals(25, num(seg, "height"), 0.01, "test set-up");
        assertEquals("5", svg.byClass("count").get(0).getTextContent());
        assertTrue(svg.byClass("title").size() > 1, "a long title is wrapped");
        assertTrue(svg.byClass("footnote").size() > 1, "a long footnote too");
        Element label = svg.byClass("label").get(0);
        assertTrue(label.getTextContent().endsWith("\u2026"), "a label wider than its slot is cut: " + label.getTextContent());
        double slot = (Theme.WIDTH - Theme.MARGIN - (Theme.MARGIN + 96)) / 4;
        double w = Svg.width(label.getTextContent(), Theme.FONT_LABEL) * 1.08;
        assertTrue(w <= slot - 8 && w > slot - 40, "to its slot, bold: " + w);
    }
}
