package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every analysis's result through {@code GET /results/{id}/plot.svg} and {@code report.html} on the
 * built distribution, with the demo cohort: the figure is SVG that parses, says what it shows, and
 * holds the result's numbers (the number-at-risk cells are the result's {@code nRisk}, the curves'
 * steps its times and survival); the report holds the figure and the provenance and names no URL;
 * headless Chromium renders a Kaplan-Meier figure and a forest plot to PNG (kept under
 * {@code target/figures/} to look at).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FiguresIT {
    private static final Path OUT = Path.of("target", "figures");
    private static final Map<String, String> RUNS = new LinkedHashMap<>();

    static {
        RUNS.put("km", "{\"groupBy\": \"arm\", \"endpoint\": \"DFS\", \"landmarks\": [730]}");
        RUNS.put("dfs", "{}");
        RUNS.put("os", "{}");
        RUNS.put("margin-stratification", "{}");
        RUNS.put("mvi-subgroups", "{}");
        RUNS.put("cox", "{\"covariates\": [\"arm\", \"mvi\", \"age\", \"child_pugh\"], \"reference\": {\"arm\": \"RFA\"}}");
        RUNS.put("competing-risks", "{}");
        RUNS.put("summary", "{}");
    }

    private Distribution dist;
    private Api api;
    private String password;
    private final Map<String, JsonNode> results = new LinkedHashMap<>();

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("FiguresIT");
        password = dist.adminPassword();
        api = new Api(dist.baseUrl());
        String cohortId = get("/cohorts").json().get(0).get("id").asText();
        for (Map.Entry<String, String> run : RUNS.entrySet()) {
            Api.Reply r = api.send("POST", "/cohorts/" + cohortId + "/analyses/" + run.getKey(), "admin", password,
                    "application/json", ("{\"parameters\": " + run.getValue() + "}").getBytes(StandardCharsets.UTF_8));
            assertEquals(200, r.status(), run.getKey() + ": " + r.body());
            results.put(run.getKey(), r.json());
        }
        Files.createDirectories(OUT);
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.stop();
        }
    }

    private Api.Reply get(String path) throws Exception {
        return api.send("GET", path, "admin", password, null, null);
    }

    private Api.Reply plot(String analysis, String query) throws Exception {
        return get("/results/" + results.get(analysis).get("id").asText() + "/plot.svg" + query);
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyAnalysisWithCurvesOrEffectsHasAFigureThatSaysWhatItShows() throws Exception {
        for (String analysis : RUNS.keySet()) {
            Api.Reply r = plot(analysis, "");
            if (analysis.equals("summary")) {
                assertEquals(404, r.status(), r.body());
                assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
                assertTrue(r.json().get("detail").asText().contains("has no figure"), r.body());
                continue;
            }
            assertEquals(200, r.status(), analysis + ": " + r.body());
            assertTrue(r.contentType().startsWith("image/svg+xml"), r.contentType());
            Files.writeString(OUT.resolve(analysis + ".svg"), r.body());
            Document svg = parse(r.body());
            Element root = svg.getDocumentElement();
            assertEquals("svg", root.getLocalName());
            String title = svg.getElementsByTagNameNS("*", "title").item(0).getTextContent();
            String desc = svg.getElementsByTagNameNS("*", "desc").item(0).getTextContent();
            assertFalse(title.isBlank() || desc.length() < 20, analysis + ": title '" + title + "', desc '" + desc + "'");
            assertFalse(r.body().contains("<script"), analysis);
            assertEquals(1, r.body().split("http", -1).length - 1, analysis + ": only the SVG namespace is a URL");
        }
    }

    @Test
    void theNumberAtRiskCellsAreTheResultsNRiskAtTheirTimes() throws Exception {
        JsonNode groups = results.get("dfs").get("result").get("km").get("groups");
        Document svg = parse(plot("dfs", "").body());
        NodeList texts = svg.getElementsByTagNameNS("*", "text");
        int cells = 0;
        Set<String> curves = new HashSet<>();
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (!t.getAttribute("class").contains("risk") || t.getAttribute("data-time").isEmpty()) {
                continue;
            }
            String label = t.getAttribute("data-curve");
            double time = Double.parseDouble(t.getAttribute("data-time"));
            JsonNode group = null;
            for (JsonNode g : groups) {
                if (g.get("label").asText().equals(label)) {
                    group = g;
                }
            }
            assertNotNull(group, "a risk row of an unknown group: " + label);
            assertEquals(expectedAtRisk(group, time), Integer.parseInt(t.getTextContent().trim()),
                    label + " at " + time + " days");
            curves.add(label);
            cells++;
        }
        assertEquals(2, curves.size(), "one risk row per arm");
        assertTrue(cells >= 10, "cells: " + cells);
    }

    /** At risk at {@code t}: nRisk of the first table row at or after t; 0 past the last; n at 0. */
    private static int expectedAtRisk(JsonNode group, double t) {
        if (t <= 0) {
            return group.get("n").asInt();
        }
        for (JsonNode row : group.get("table")) {
            if (row.get("time").asDouble() >= t) {
                return row.get("nRisk").asInt();
            }
        }
        return 0;
    }

    @Test
    void theCurvesStepAtTheResultsEventTimesToItsSurvival() throws Exception {
        JsonNode groups = results.get("km").get("result").get("groups");
        Document svg = parse(plot("km", "?timeUnit=years").body());
        Element plotArea = null;
        NodeList gs = svg.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.getAttribute("class").contains("plot") && !g.getAttribute("data-x0").isEmpty()) {
                plotArea = g;
            }
        }
        assertNotNull(plotArea, "the plot area names its scale");
        // pixel x0..x1 is time 0..t1 (data unit: days); pixel y0..y1 is value 0..1
        double x0 = Double.parseDouble(plotArea.getAttribute("data-x0"));
        double x1 = Double.parseDouble(plotArea.getAttribute("data-x1"));
        double t1 = Double.parseDouble(plotArea.getAttribute("data-t1"));
        double y0 = Double.parseDouble(plotArea.getAttribute("data-y0"));
        double y1 = Double.parseDouble(plotArea.getAttribute("data-y1"));
        double xPer = (x1 - x0) / t1;
        double yPer = y1 - y0;
        NodeList paths = svg.getElementsByTagNameNS("*", "path");
        int checked = 0;
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            if (!path.getAttribute("class").equals("curve")) {
                continue;
            }
            String label = path.getAttribute("data-curve");
            JsonNode group = null;
            for (JsonNode g : groups) {
                if (g.get("label").asText().equals(label)) {
                    group = g;
                }
            }
            assertNotNull(group, label);
            // the corners of the step path, as (time, survival)
            List<double[]> corners = corners(path.getAttribute("d"), x0, xPer, y0, yPer);
            for (JsonNode row : group.get("table")) {
                if (row.get("nEvent").asInt() == 0) {
                    continue;
                }
                double t = row.get("time").asDouble();
                double s = row.get("survival").asDouble();
                boolean found = corners.stream().anyMatch(c -> Math.abs(c[0] - t) <= 1.0 / Math.abs(xPer) * 0.6
                        && Math.abs(c[1] - s) <= 1.0 / Math.abs(yPer) * 0.6);
                assertTrue(found, label + ": no step to " + s + " at " + t + " days");
                checked++;
            }
        }
        assertTrue(checked > 100, "event times checked: " + checked);
    }

    /** The points an M/L/H/V path passes through, in data units. */
    private static List<double[]> corners(String d, double x0, double xPer, double y0, double yPer) {
        List<double[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("([MLHV])\\s*([-0-9.]+)(?:[ ,]+([-0-9.]+))?").matcher(d);
        double x = 0;
        double y = 0;
        while (m.find()) {
            switch (m.group(1)) {
                case "M", "L" -> {
                    x = Double.parseDouble(m.group(2));
                    y = Double.parseDouble(m.group(3));
                }
                case "H" -> x = Double.parseDouble(m.group(2));
                default -> y = Double.parseDouble(m.group(2));
            }
            out.add(new double[] {(x - x0) / xPer, (y - y0) / yPer});
        }
        return out;
    }

    @Test
    void aDisplayParameterThatIsNotKnownIsA400NamingIt() throws Exception {
        Api.Reply r = plot("dfs", "?timeUnit=weeks");
        assertEquals(400, r.status(), r.body());
        assertEquals("timeUnit", r.json().get("parameter").asText());
        assertEquals(200, plot("dfs", "?timeUnit=years&percent=true").status());
        assertEquals(400, plot("dfs", "?percent=yes").status());
        assertEquals(404, get("/results/no-such-result/plot.svg").status());
    }

    @Test
    void theReportHoldsTheFigureTablesAndProvenanceAndFetchesNothing() throws Exception {
        for (String analysis : RUNS.keySet()) {
            JsonNode result = results.get(analysis);
            Api.Reply r = get("/results/" + result.get("id").asText() + "/report.html");
            assertEquals(200, r.status(), analysis + ": " + r.body());
            assertTrue(r.contentType().startsWith("text/html"), r.contentType());
            String html = r.body();
            Files.writeString(OUT.resolve(analysis + "-report.html"), html);
            assertEquals(!analysis.equals("summary"), html.contains("<svg"), analysis + ": the figure is inline");
            JsonNode p = result.get("provenance");
            for (String field : List.of("pluginBundle", "pluginVersion", "platformVersion", "cohortChecksum")) {
                assertTrue(html.contains(p.get(field).asText()), analysis + ": provenance " + field);
            }
            assertTrue(html.contains("hcc-demo"), analysis + ": the cohort's name");
            assertFalse(html.contains("http"), analysis + ": a URL in the report");
            for (String fetches : List.of("<script", "<link", "<img", "src=", "@import", "url(")) {
                assertFalse(html.contains(fetches), analysis + ": " + fetches);
            }
            assertTrue(html.contains("<table"), analysis + ": the result's tables");
        }
    }

    @Test
    void headlessChromiumRendersAKaplanMeierFigureAndAForestPlot() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(chromium)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("under CI=true Chromium must be installed: .ci/run installs it");
            }
            Assumptions.abort("Chromium is not installed (.ci/run installs it)");
        }
        for (String analysis : List.of("dfs", "mvi-subgroups")) {
            Path svg = OUT.resolve(analysis + "-render.svg").toAbsolutePath();
            Files.writeString(svg, plot(analysis, "").body());
            Path png = OUT.resolve(analysis + ".png").toAbsolutePath();
            Files.deleteIfExists(png);
            Path profile = Path.of("target", "chromium-profile").toAbsolutePath();
            Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--hide-scrollbars", "--user-data-dir=" + profile, "--window-size=1000,900",
                    "--screenshot=" + png, svg.toUri().toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
            assertTrue(Files.size(png) > 0, out);
            BufferedImage image = ImageIO.read(png.toFile());
            int inked = 0;
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    if (rgb != 0xffffff) {
                        inked++;
                    }
                }
            }
            double share = inked / (double) ((image.getHeight() / 2) * (image.getWidth() / 2));
            assertTrue(share > 0.01, analysis + ": the rendered figure is blank (" + share + " inked)");
            assertTrue(colours.size() > 10, analysis + ": " + colours.size() + " colours");
        }
        // the report prints on A4
        Path html = OUT.resolve("dfs-print.html").toAbsolutePath();
        Files.writeString(html, get("/results/" + results.get("dfs").get("id").asText() + "/report.html").body());
        Path pdf = OUT.resolve("dfs-report.pdf").toAbsolutePath();
        Files.deleteIfExists(pdf);
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + Path.of("target", "chromium-profile").toAbsolutePath(), "--no-pdf-header-footer",
                "--print-to-pdf=" + pdf, html.toUri().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish");
        String text = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("%PDF"), out);
        assertTrue(text.matches("(?s).*/MediaBox \\[0 0 59[45](\\.\\d+)? 84[12](\\.\\d+)?\\].*"), "A4 pages");
    }
}
