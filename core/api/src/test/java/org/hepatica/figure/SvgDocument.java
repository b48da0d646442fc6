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

    /** The figure's width and height, from its viewBox. */
    double width() {
        return Double.parseDouble(doc.getDocumentElement().getAttribute("viewBox").split(" ")[2]);
    }

    double height() {
        return Double.parseDouble(doc.getDocumentElement().getAttribute("viewBox").split(" ")[3]);
    }

    /**
     * Asserts that every mark is drawn inside the figure: texts (their estimated extent, as
     * {@link Svg#width} measures them, bold 8 % wider), rectangles and path vertices lie within
     * {@code inset} of the left and right edges and between the top and the bottom.
     */
    void assertDrawnWithin(double inset) {
        double w = width();
        double h = height();
        List<String> outside = new ArrayList<>();
        for (Element e : all(doc)) {
            String tag = e.getLocalName();
            double left;
            double right;
            double top;
            double bottom;
            if ("text".equals(tag)) {
                double x = num(e, "x");
                double y = num(e, "y");
                double fs = Double.parseDouble(inherited(e, "font-size"));
                double tw = Svg.width(e.getTextContent(), fs) * ("bold".equals(inherited(e, "font-weight")) ? 1.08 : 1);
                if (e.hasAttribute("transform")) {
                    tw = 0; // rotated: only its anchor point
                }
                String anchor = e.getAttribute("text-anchor");
                left = "middle".equals(anchor) ? x - tw / 2 : "end".equals(anchor) ? x - tw : x;
                right = left + tw;
                top = y - 0.7 * fs;
                bottom = y;
            } else if ("rect".equals(tag) && e.hasAttribute("x")) {
                left = num(e, "x");
                right = left + num(e, "width");
                top = num(e, "y");
                bottom = top + num(e, "height");
            } else if ("path".equals(tag) && !e.getAttribute("d").isBlank()) {
                left = Double.MAX_VALUE;
                right = -Double.MAX_VALUE;
                top = Double.MAX_VALUE;
                bottom = -Double.MAX_VALUE;
                for (double[] v : vertices(e.getAttribute("d"))) {
                    left = Math.min(left, v[0]);
                    right = Math.max(right, v[0]);
                    top = Math.min(top, v[1]);
                    bottom = Math.max(bottom, v[1]);
                }
                if (left > right) {
                    continue;
                }
            } else {
                continue;
            }
            if (left < inset - 0.01 || right > w - inset + 0.01 || top < -0.01 || bottom > h + 0.01) {
                outside.add("<" + tag + " class=" + e.getAttribute("class") + "> " + e.getTextContent() + " at x "
                        + left + "-" + right + ", y " + top + "-" + bottom + " in " + w + " x " + h);
            }
        }
        assertTrue(outside.isEmpty(), String.join("\n", outside));
    }

    /** An attribute of {@code e} or of the nearest ancestor that has it; "" when none has. */
    static String inherited(Element e, String attribute) {
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            if (el.hasAttribute(attribute)) {
                return el.getAttribute(attribute);
            }
        }
        return "";
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

    /** The SVG elements of that tag inside {@code parent}, in document order. */
    static List<Element> descendants(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        var nodes = parent.getElementsByTagNameNS(SVG_NS, tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
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
