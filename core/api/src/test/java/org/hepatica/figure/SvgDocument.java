package org.hepatica.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A figure's SVG parsed back, checked for what every figure must be (well-formed, titled and
 * described, self-contained, readable at 85 mm), with look-ups of its machine-readable marks.
 */
final class SvgDocument {
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    /** Attributes holding coordinates, which carry at most two decimals. */
    private static final Pattern GEOMETRY = Pattern.compile(
            "\\s(x|y|width|height|d|viewBox|transform|data-x[\\w-]*|data-y\\d|data-t1|data-time)=\"([^\"]*)\"");
    private static final Pattern THREE_DECIMALS = Pattern.compile("\\d\\.\\d{3}");

    final Figure figure;
    final Document doc;

    private SvgDocument(Figure figure, Document doc) {
        this.figure = figure;
        this.doc = doc;
    }

    /** Parses the figure's SVG and asserts what every figure must be. */
    static SvgDocument of(Figure figure) {
        String svg = figure.svg();
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + svg, e);
        }
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals(SVG_NS, root.getNamespaceURI());
        assertEquals("img", root.getAttribute("role"));
        assertFalse(root.getAttribute("viewBox").isEmpty(), "viewBox");
        List<Element> children = children(root);
        assertEquals("title", children.get(0).getLocalName(), "<title> first");
        assertEquals("desc", children.get(1).getLocalName(), "<desc> second");
        assertEquals(figure.title(), children.get(0).getTextContent());
        assertEquals(figure.description(), children.get(1).getTextContent());
        assertFalse(figure.description().isBlank(), "a description");
        for (String id : root.getAttribute("aria-labelledby").split(" ")) {
            assertTrue(svg.contains("id=\"" + id + "\""), "aria-labelledby names an element: " + id);
        }
        assertEquals(svg.indexOf("http"), svg.lastIndexOf("http"), "\"http\" only in the namespace");
        assertTrue(svg.contains("xmlns=\"" + SVG_NS + "\""));
        assertFalse(svg.contains("<script"), "no script");
        assertFalse(svg.contains("url("), "no references");
        assertFalse(svg.contains("href"), "no links");
        Matcher m = GEOMETRY.matcher(svg);
        while (m.find()) {
            assertFalse(THREE_DECIMALS.matcher(m.group(2)).find(), "at most 2 decimals: " + m.group());
        }
        // 7 pt at 85 mm (241 pt) wide
        double width = Double.parseDouble(root.getAttribute("viewBox").split(" ")[2]);
        for (Element e : all(doc)) {
            if (e.hasAttribute("font-size")) {
                double pt = Double.parseDouble(e.getAttribute("font-size")) * 241 / width;
                assertTrue(pt >= 6.95, "text of " + pt + " pt at 85 mm: " + e.getTextContent());
            }
            if (e.hasAttribute("font-family")) {
                assertEquals("Helvetica, Arial, sans-serif", e.getAttribute("font-family"));
            }
        }
        return new SvgDocument(figure, doc);
    }

    /** Elements whose class is {@code cls}, in document order. */
    List<Element> byClass(String cls) {
        List<Element> out = new ArrayList<>();
        for (Element e : all(doc)) {
            if (cls.equals(e.getAttribute("class"))) {
                out.add(e);
            }
        }
        return out;
    }

    /** Elements whose class is {@code cls} and whose attribute {@code name} is {@code value}. */
    List<Element> byClass(String cls, String name, String value) {
        return byClass(cls).stream().filter(e -> value.equals(e.getAttribute(name))).toList();
    }

    Element one(String cls, String name, String value) {
        List<Element> found = byClass(cls, name, value);
        assertEquals(1, found.size(), cls + " with " + name + "=" + value);
        return found.get(0);
    }

    /** Document position of {@code e}, to check what is drawn over what. */
    int position(Element e) {
        return all(doc).indexOf(e);
    }

    static double num(Element e, String attribute) {
        String v = e.getAttribute(attribute);
        if (v.isEmpty()) {
            fail("no " + attribute + " on <" + e.getLocalName() + " class=" + e.getAttribute("class") + ">");
        }
        return Double.parseDouble(v);
    }

    /** The vertices of a path of absolute M, H, V and L commands (Z ignored). */
    static List<double[]> vertices(String d) {
        List<double[]> out = new ArrayList<>();
        String[] tokens = d.trim().split("\\s+");
        double x = 0;
        double y = 0;
        for (int i = 0; i < tokens.length; i++) {
            switch (tokens[i]) {
                case "M", "L" -> {
                    x = Double.parseDouble(tokens[++i]);
                    y = Double.parseDouble(tokens[++i]);
                }
                case "H" -> x = Double.parseDouble(tokens[++i]);
                case "V" -> y = Double.parseDouble(tokens[++i]);
                case "Z" -> {
                    continue;
                }
                default -> fail("not an absolute M/H/V/L command: " + tokens[i] + " in " + d);
            }
            out.add(new double[] {x, y});
        }
        return out;
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }

    private static List<Element> all(Document doc) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
