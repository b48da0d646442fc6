package org.hepatica.figure;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Writes the body of an SVG document, escaping every text and attribute, and wraps it into a
 * {@link Figure}. Coordinates are written with at most two decimals; the document's ids derive
 * from its content, so output is deterministic and two figures on one page do not share ids.
 */
final class Svg {
    static final String NAMESPACE = "http://www.w3.org/2000/svg";
    static final String FONT = "Helvetica, Arial, sans-serif";

    private final StringBuilder body = new StringBuilder();

    /** {@code <tag a="v" ...>}; {@code attrs} alternate names and values, a null value is left out. */
    Svg open(String tag, String... attrs) {
        body.append('<').append(tag);
        attributes(attrs);
        body.append(">\n");
        return this;
    }

    Svg close(String tag) {
        body.append("</").append(tag).append(">\n");
        return this;
    }

    /** {@code <tag a="v" .../>}. */
    Svg empty(String tag, String... attrs) {
        body.append('<').append(tag);
        attributes(attrs);
        body.append("/>\n");
        return this;
    }

    /** {@code <text a="v" ...>content</text>}, the content escaped. */
    Svg text(String content, String... attrs) {
        body.append("<text");
        attributes(attrs);
        body.append('>').append(escape(content)).append("</text>\n");
        return this;
    }

    private void attributes(String[] attrs) {
        for (int i = 0; i + 1 < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                body.append(' ').append(attrs[i]).append("=\"").append(escape(attrs[i + 1])).append('"');
            }
        }
    }

    /** The document: {@code <svg>} with role, size, {@code <title>} and {@code <desc>} first, then the body. */
    Figure figure(double width, double height, String title, String description) {
        CRC32 crc = new CRC32();
        crc.update((title + '\n' + description + '\n' + body).getBytes(StandardCharsets.UTF_8));
        String id = "fig" + Long.toHexString(crc.getValue());
        String w = num(width);
        String h = num(height);
        StringBuilder doc = new StringBuilder(body.length() + 512);
        doc.append("<svg xmlns=\"").append(NAMESPACE).append("\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append(w).append("\" height=\"").append(h)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" font-family=\"").append(FONT).append("\">\n");
        doc.append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>\n");
        doc.append("<desc id=\"").append(id).append("-desc\">").append(escape(description)).append("</desc>\n");
        doc.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        doc.append(body).append("</svg>\n");
        return new Figure(title, description, doc.toString());
    }

    /** A coordinate: at most two decimals, no trailing zeros, "0" for anything not finite. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "0";
        }
        BigDecimal d = BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** {@code v} as {@link #num(double)} writes it, to keep the pen where the written path is. */
    static double round(double v) {
        return Double.parseDouble(num(v));
    }

    /**
     * XML text for {@code s} (null as empty): {@code & < > " '} escaped, characters XML 1.0 does
     * not allow (control characters, lone surrogates) dropped.
     */
    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (c >= 0x20 && !Character.isSurrogate(c) && c != 0xFFFE && c != 0xFFFF
                            || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The approximate width of {@code s} in Helvetica at {@code fontSize}, from rough per-class glyph widths. */
    static double width(String s, double fontSize) {
        double em = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("il.,:;'|!".indexOf(c) >= 0) {
                em += 0.25;
            } else if ("fjtrI()[]- ".indexOf(c) >= 0) {
                em += 0.33;
            } else if ("mwMW".indexOf(c) >= 0) {
                em += 0.85;
            } else if (Character.isUpperCase(c)) {
                em += 0.69;
            } else if (Character.isDigit(c)) {
                em += 0.56;
            } else {
                em += 0.54;
            }
        }
        return em * fontSize;
    }

    /** {@code s} cut with an ellipsis so that it is at most {@code maxWidth} wide. */
    static String truncate(String s, double maxWidth, double fontSize) {
        if (width(s, fontSize) <= maxWidth) {
            return s;
        }
        String t = s;
        while (!t.isEmpty() && width(t + "\u2026", fontSize) > maxWidth) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "\u2026";
    }

    /** {@code text} broken at blanks into lines at most {@code maxWidth} wide (a longer word gets its own line). */
    static List<String> wrap(String text, double maxWidth, double fontSize) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > 0 && width(line + " " + word, fontSize) > maxWidth) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Path data from absolute M, H, V and L commands; a command that would not move the pen (at
     * the written precision) is left out.
     */
    static final class Path {
        private final StringBuilder d = new StringBuilder();
        private double x = Double.NaN;
        private double y = Double.NaN;

        Path move(double nx, double ny) {
            x = round(nx);
            y = round(ny);
            append("M", num(x) + " " + num(y));
            return this;
        }

        Path horizontal(double nx) {
            if (round(nx) != x) {
                x = round(nx);
                append("H", num(x));
            }
            return this;
        }

        Path vertical(double ny) {
            if (round(ny) != y) {
                y = round(ny);
                append("V", num(y));
            }
            return this;
        }

        Path line(double nx, double ny) {
            x = round(nx);
            y = round(ny);
            append("L", num(x) + " " + num(y));
            return this;
        }

        Path closePath() {
            d.append(" Z");
            return this;
        }

        boolean isEmpty() {
            return d.length() == 0;
        }

        private void append(String command, String args) {
            if (d.length() > 0) {
                d.append(' ');
            }
            d.append(command).append(' ').append(args);
        }

        @Override
        public String toString() {
            return d.toString();
        }
    }
}
