package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Element;

class SvgTest {

    @Test
    void markupCharactersAreEscaped() {
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;", Svg.escape("a & b <c> \"d\" 'e'"));
        assertEquals("&amp;amp;", Svg.escape("&amp;"), "an entity in user text is text, not markup");
        assertEquals("", Svg.escape(null));
        assertEquals("", Svg.escape(""));
    }

    @Test
    void charactersXmlDoesNotAllowAreDropped() {
        assertEquals("ab", Svg.escape("a\u0000\u0001\u001Fb"), "control characters");
        assertEquals("a\tb\nc\rd", Svg.escape("a\tb\nc\rd"), "tab, line feed and carriage return are kept");
        assertEquals(" ~\u00e9\u2026", Svg.escape(" ~\u00e9\u2026"), "from the blank (0x20) on, text is kept");
        assertEquals("ab", Svg.escape("a\uFFFE\uFFFFb"), "the non-characters U+FFFE and U+FFFF");
        assertEquals("ab", Svg.escape("a\uD83Db"), "a lone high surrogate");
        assertEquals("ab", Svg.escape("a\uDE00b"), "a lone low surrogate");
        assertEquals("a", Svg.escape("a\uD83D"), "a high surrogate at the end");
        assertEquals("a\uD83D\uDE00b", Svg.escape("a\uD83D\uDE00b"), "a surrogate pair (an emoji) is kept whole");
        assertEquals("\uD83D\uDE00&amp;", Svg.escape("\uD83D\uDE00&"), "text after a pair is escaped as usual");
        assertEquals(Svg.escape("x < y"), Format.markup("x < y"), "reports escape as figures do");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0         | 0",
        "12        | 12",
        "1000      | 1000",
        "1.5       | 1.5",
        "1.50001   | 1.5",
        "1.005     | 1.01",
        "1.004     | 1",
        "2.675     | 2.68",
        "-3.14159  | -3.14",
        "-0.001    | 0",
        "-0.004    | 0",
        "123456.78 | 123456.78",
        "NaN       | 0",
        "Infinity  | 0",
        "-Infinity | 0",
    })
    void coordinatesHaveAtMostTwoDecimals(double v, String expected) {
        assertEquals(expected, Svg.num(v));
        if (Double.isFinite(v)) {
            assertEquals(Double.parseDouble(expected), Svg.round(v), 0, "round is num read back");
        }
    }

    @Test
    void glyphWidthsFollowTheirClass() {
        double fs = 20;
        assertEquals(0.25 * fs, Svg.width("i", fs), 1e-12, "narrow");
        assertEquals(0.33 * fs, Svg.width("r", fs), 1e-12, "slim");
        assertEquals(0.33 * fs, Svg.width("f", fs), 1e-12, "slim, the first of its class");
        assertEquals(0.33 * fs, Svg.width(" ", fs), 1e-12, "a blank");
        assertEquals(0.85 * fs, Svg.width("m", fs), 1e-12, "wide");
        assertEquals(0.85 * fs, Svg.width("W", fs), 1e-12, "wide capital");
        assertEquals(0.69 * fs, Svg.width("A", fs), 1e-12, "capital");
        assertEquals(0.56 * fs, Svg.width("7", fs), 1e-12, "digit");
        assertEquals(0.54 * fs, Svg.width("a", fs), 1e-12, "lower case");
        assertEquals(0, Svg.width("", fs), 0);
        assertEquals(Svg.width("i", fs) + Svg.width("m", fs) + Svg.width("A", fs), Svg.width("imA", fs), 1e-12,
                "a text is as wide as its glyphs");
        assertEquals(2 * Svg.width("Am", 10), Svg.width("Am", 20), 1e-12, "proportional to the font size");
    }

    @Test
    void aLongTextIsCutWithAnEllipsisToFit() {
        double fs = 20;
        String s = "Microvascular invasion";
        assertEquals(s, Svg.truncate(s, Svg.width(s, fs), fs), "a text that fits exactly is kept");
        double max = Svg.width(s, fs) / 2;
        String t = Svg.truncate(s, max, fs);
        assertTrue(t.endsWith("\u2026"), t);
        String kept = t.substring(0, t.length() - 1);
        assertTrue(s.startsWith(kept), t);
        assertTrue(Svg.width(t, fs) <= max, "fits: " + t);
        String longer = s.substring(0, kept.length() + 1) + "\u2026";
        assertTrue(Svg.width(longer, fs) > max, "the longest prefix that fits: " + t);
        assertEquals("\u2026", Svg.truncate(s, 1, fs), "nothing fits: only the ellipsis");
        assertEquals("Micro\u2026", Svg.truncate(s, Svg.width("Micro\u2026", fs), fs), "a cut that fits exactly");
    }

    @Test
    void textIsWrappedAtBlanksIntoLinesThatFit() {
        double fs = 20;
        String text = "Disease-free survival by arm in the per-protocol population of the trial";
        double max = Svg.width("Disease-free survival by arm", fs);
        List<String> lines = Svg.wrap(text, max, fs);
        assertTrue(lines.size() > 1, lines.toString());
        assertEquals("Disease-free survival by arm", lines.get(0), "as many words as fit");
        for (String line : lines) {
            assertTrue(Svg.width(line, fs) <= max, line);
        }
        assertEquals(text, String.join(" ", lines), "no word lost, one blank between words");
        assertEquals(List.of("a b"), Svg.wrap("  a   b ", 1000, fs), "blanks collapsed");
        assertEquals(List.of("a b"), Svg.wrap("a b", Svg.width("a b", fs), fs), "a line that fits exactly");
        assertEquals(List.of("a", "Hepatocellular", "b"), Svg.wrap("a Hepatocellular b", Svg.width("a b", fs), fs),
                "a word longer than the line gets a line of its own");
        assertEquals(List.of(""), Svg.wrap("", 100, fs), "an empty text is one empty line");
        assertEquals(List.of("Hepatocellular", "carcinoma"), Svg.wrap("Hepatocellular carcinoma", Svg.width("a", fs), fs),
                "a first word longer than the line: no empty line before it");
    }

    @Test
    void pathsWriteOnlyCommandsThatMoveThePen() {
        Svg.Path p = new Svg.Path();
        assertTrue(p.isEmpty());
        p.move(1.004, 2.006).horizontal(1.001).horizontal(5).vertical(2.01).vertical(7.5).line(3, 4).horizontal(3)
                .vertical(4).closePath().closePath();
        assertFalse(p.isEmpty());
        assertEquals("M 1 2.01 H 5 V 7.5 L 3 4 Z Z", p.toString());
        assertEquals("M 0 0 M 0 0", new Svg.Path().move(0, 0).move(0, 0).toString(), "a move is always written");
        assertEquals("H 3", new Svg.Path().horizontal(3).toString(), "a pen not yet placed moves anywhere");
        assertEquals("V 3", new Svg.Path().vertical(3).toString());
    }

    @Test
    void elementsAndAttributesAreWrittenEscapedAndNullAttributesLeftOut() {
        Svg svg = new Svg();
        svg.open("g", "class", "a&b", "fill", null, "odd")
                .empty("rect", "x", "1", "title", "<\"x\">")
                .text("p < 0.001 & more", "class", "t", "fill", null)
                .close("g").empty("rect", "class", "after");
        Figure f = svg.figure(300.456, 200, "T & <t>", "D \"d\"");
        SvgDocument doc = SvgDocument.of(f);
        Element g = doc.byClass("a&b").get(0);
        assertEquals("g", g.getLocalName());
        assertFalse(g.hasAttribute("fill"), "a null value leaves the attribute out");
        assertFalse(g.hasAttribute("odd"), "a name without a value is left out");
        Element rect = (Element) g.getElementsByTagNameNS(SvgDocument.SVG_NS, "rect").item(0);
        assertEquals("<\"x\">", rect.getAttribute("title"));
        assertEquals("1", rect.getAttribute("x"));
        Element text = doc.byClass("t").get(0);
        assertEquals("p < 0.001 & more", text.getTextContent());
        assertFalse(text.hasAttribute("fill"));
        assertEquals(text.getParentNode(), g, "text inside the group it was opened in");
        assertEquals(g.getParentNode(), doc.byClass("after").get(0).getParentNode(), "after the group is closed");
        Element root = doc.doc.getDocumentElement();
        assertEquals("0 0 300.46 200", root.getAttribute("viewBox"));
        assertEquals("300.46", root.getAttribute("width"));
        assertEquals("200", root.getAttribute("height"));
        assertEquals("T & <t>", f.title());
        assertEquals("D \"d\"", f.description());
        assertTrue(f.svg().startsWith("<svg "), "no XML declaration");
        assertTrue(f.svg().endsWith("</svg>\n"));
    }

    @Test
    void idsDeriveFromTheContent() {
        String a = new Svg().text("a").figure(100, 100, "t", "d").svg();
        String b = new Svg().text("b").figure(100, 100, "t", "d").svg();
        String c = new Svg().text("a").figure(100, 100, "t", "other").svg();
        assertEquals(a, new Svg().text("a").figure(100, 100, "t", "d").svg(), "deterministic");
        assertNotEquals(id(a), id(b), "another body, another id");
        assertNotEquals(id(a), id(c), "another description, another id");
        assertTrue(a.contains("aria-labelledby=\"" + id(a) + "-title " + id(a) + "-desc\""), a);
    }

    private static String id(String svg) {
        int at = svg.indexOf("<title id=\"") + "<title id=\"".length();
        return svg.substring(at, svg.indexOf("-title\"", at));
    }
}
