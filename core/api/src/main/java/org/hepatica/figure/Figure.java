package org.hepatica.figure;

/**
 * A finished figure: a standalone SVG document (with {@code <title>} and {@code <desc>}) plus the
 * same title and description as text, for a report's caption or an HTML page's alt text.
 *
 * @param title       the figure's title, as drawn
 * @param description what the figure shows, in words (the SVG's {@code <desc>})
 * @param svg         the SVG document, UTF-8 text without an XML declaration
 */
public record Figure(String title, String description, String svg) {
}
