package org.hepatica.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web interface end to end in headless Chromium, on a fresh distribution: sign-in (a wrong
 * password is the form's error, and the API sends such requests no Basic challenge, so no browser
 * dialog), a CSV import by the file input, a DFS run whose Kaplan-Meier figure is drawn and whose
 * 2-year DFS per arm on the page is the API's, a file with bad rows and a refused one, the bundle
 * administration and audit trail for an administrator, none of it for an analyst, and reload and
 * back on the result page. Screenshots of the main pages go to {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebIT {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final Path FILES = Path.of("target", "web-files");
    private static final String ANALYST = "ana";
    private static final String ANALYST_PASSWORD = "analyst-pass-2026";

    private Distribution dist;
    private Api api;
    private String password;
    private ChromeDriver driver;
    private WebDriverWait wait;
    private String root;
    /** The result the DFS run of the page made, for the reload test. */
    private String resultUrl;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.started("WebIT");
        password = dist.adminPassword();
        // after the first start, which creates the administrator only while there is no user
        dist.addUser(ANALYST, ANALYST_PASSWORD, "analyst");
        api = new Api(dist.baseUrl());
        root = "http://localhost:" + Distribution.HTTP_PORT + "/";
        Files.createDirectories(SHOTS);
        Files.createDirectories(FILES);
        driver = HeadlessChromium.start("WebIT", 1280, 900);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // a table the page redraws while the test waits for it is looked up again
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    @AfterAll
    void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (dist != null) {
            dist.stop();
        }
    }

    @Test
    @Order(1)
    void theRootIsTheInterfaceAndTheApiChallengesOnlyClientsThatAreNotThePage() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(root)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("/ui/app.js"), page.body());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(root + "no-such-page")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));

        URI cohorts = URI.create(dist.baseUrl() + "/cohorts");
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> curl = http.send(HttpRequest.newBuilder(cohorts).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, curl.statusCode());
        assertTrue(curl.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm=\"hepatica\""),
                "other clients keep the Basic challenge");
        HttpResponse<String> xhr = http.send(HttpRequest.newBuilder(cohorts).header("X-Requested-With", "XMLHttpRequest")
                .header("Authorization", wrong).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, xhr.statusCode());
        assertTrue(xhr.headers().firstValue("WWW-Authenticate").isEmpty(), "the page's requests get no challenge: " + xhr.headers().map());
        assertTrue(xhr.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    @Order(2)
    void aWrongPasswordIsTheFormsErrorAndTheRightOneSignsIn() throws Exception {
        driver.get(root);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        assertEquals("User name", driver.findElement(By.cssSelector("label[for=signin-user]")).getText());
        assertEquals("Password", driver.findElement(By.cssSelector("label[for=signin-password]")).getText());
        type("signin-user", "admin");
        type("signin-password", "not-the-password");
        driver.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("signin-message"), "Wrong user name or password"));
        // the page answers (a native authentication dialog would block the script), still the sign-in form
        assertEquals("Sign in \u2014 Hepatica", driver.getTitle());
        assertTrue(driver.findElements(By.id("signout")).isEmpty());

        signIn("admin", password);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cohorts-table")));
        assertTrue(driver.findElement(By.id("cohorts-table")).getText().contains("hcc-demo"));
        assertFalse(driver.findElements(By.linkText("Administration")).isEmpty(), "an administrator has the administration link");
    }

    @Test
    @Order(3)
    void theDemoCsvImportedByTheFileInputIsANewCohortWithItsColumnSummary() throws Exception {
        signIn("admin", password);
        // the demo's rows with CRLF line ends: the same patients, other bytes, so a new cohort (the
        // same bytes again are the existing cohort, which the page says too)
        Path demo = dist.home.resolve("demo/hcc-demo.csv");
        Path crlf = FILES.resolve("hcc-demo-crlf.csv").toAbsolutePath();
        Files.writeString(crlf, Files.readString(demo).replace("\r\n", "\n").replace("\n", "\r\n"));
        importFile(crlf, "web-demo");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-cohort-link")));
        String result = driver.findElement(By.id("import-result")).getText();
        assertTrue(result.startsWith("Imported web-demo version 1"), result);
        assertTrue(result.contains("400 rows read, 400 accepted, 0 rejected"), result);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("cohorts-table"), "web-demo"));
        // the list's patients and events per endpoint are the API's
        WebElement listed = driver.findElement(By.xpath("//table[@id='cohorts-table']//tr[td/a[text()='web-demo']]"));
        List<WebElement> cells = listed.findElements(By.tagName("td"));
        JsonNode webDemo = null;
        for (JsonNode c : get("/cohorts")) {
            webDemo = c.get("name").asText().equals("web-demo") ? c : webDemo;
        }
        assertEquals("400", cells.get(2).getText());
        for (JsonNode e : webDemo.get("endpoints")) {
            int column = e.get("endpoint").asText().equals("DFS") ? 3 : 4;
            assertEquals(e.get("events").asText(), cells.get(column).getText(), e.toString());
        }
        shot("cohorts");

        importFile(demo.toAbsolutePath(), "web-demo-again");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("import-result"), "Already imported"));
        assertTrue(driver.findElement(By.id("import-result")).getText().contains("hcc-demo version 1"));

        driver.findElement(By.linkText("web-demo")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("columns-table")));
        assertEquals("Cohort web-demo", driver.findElement(By.tagName("h1")).getText());
        WebElement arm = driver.findElement(By.xpath("//table[@id='columns-table']//tr[th='arm']"));
        assertEquals("categorical 0 RFA, RFA+RT", arm.findElements(By.tagName("td")).stream().map(WebElement::getText)
                .reduce((a, b) -> a + " " + b).orElse(""));
        WebElement dose = driver.findElement(By.xpath("//table[@id='columns-table']//tr[th='rt_dose_gy']"));
        assertEquals("188", dose.findElements(By.tagName("td")).get(1).getText(), "missing values of a column");
        // patients and events per endpoint, as the API counts them
        String id = driver.getCurrentUrl().substring(driver.getCurrentUrl().indexOf("#/cohorts/") + "#/cohorts/".length());
        for (JsonNode e : get("/cohorts/" + id).get("endpoints")) {
            WebElement row = driver.findElement(By.xpath("//table[@id='endpoints-table']//tr[th='" + e.get("endpoint").asText() + "']"));
            List<WebElement> endpointCells = row.findElements(By.tagName("td"));
            assertEquals(e.get("patients").asText(), endpointCells.get(0).getText(), e.toString());
            assertEquals(e.get("events").asText(), endpointCells.get(1).getText(), e.toString());
            assertTrue(e.get("events").asInt() > 0, e.toString());
        }
        shot("cohort");
    }

    @Test
    @Order(4)
    void dfsRunFromItsFormDrawsTheCurvesAndShowsTheApisTwoYearDfsPerArm() throws Exception {
        signIn("admin", password);
        driver.findElement(By.linkText("web-demo")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("run-links")));
        driver.findElement(By.linkText("Disease-free survival by treatment (primary endpoint)")).click();
        WebElement landmark = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("param-landmark")));
        assertEquals("730", landmark.getDomProperty("value"), "the declared default is filled in");
        assertEquals("arm", driver.findElement(By.id("param-treatment")).getDomProperty("value"));
        assertEquals("landmark", driver.findElement(By.cssSelector("label[for=param-landmark]")).getText());
        shot("run-form");

        // the API's 400 is shown next to the field it names
        type("param-landmark", "soon");
        driver.findElement(By.id("run-submit")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("param-landmark-error")));
        assertTrue(error.getText().contains("landmark"), error.getText());
        assertEquals("true", landmark.getDomAttribute("aria-invalid"));
        assertEquals("param-landmark", driver.switchTo().activeElement().getDomAttribute("id"), "the focus is on the named field");

        type("param-landmark", "730");
        driver.findElement(By.id("run-submit")).click();
        wait.until(ExpectedConditions.urlContains("#/results/"));
        resultUrl = driver.getCurrentUrl();
        String resultId = resultUrl.substring(resultUrl.indexOf("#/results/") + "#/results/".length());
        assertKaplanMeierFigure();

        // what the page shows is what the API returns, arm by arm
        JsonNode api = get("/results/" + resultId);
        assertEquals("dfs", api.get("analysis").asText());
        Map<String, double[]> fromApi = new TreeMap<>();
        for (JsonNode g : api.get("result").get("km").get("groups")) {
            for (JsonNode l : g.get("landmarks")) {
                if (l.get("time").asDouble() == 730) {
                    fromApi.put(g.get("label").asText(), new double[] {l.get("survival").asDouble(),
                        l.get("lower").asDouble(), l.get("upper").asDouble()});
                }
            }
        }
        assertEquals(List.of("RFA", "RFA+RT"), List.copyOf(fromApi.keySet()));
        Map<String, double[]> onPage = new TreeMap<>();
        for (WebElement row : driver.findElements(By.cssSelector("#key-values table.landmarks tbody tr"))) {
            assertEquals("730", row.getDomAttribute("data-time"));
            onPage.put(row.getDomAttribute("data-group"), new double[] {number(row, "survival"), number(row, "lower"), number(row, "upper")});
        }
        assertEquals(fromApi.keySet(), onPage.keySet());
        fromApi.forEach((arm, v) -> {
            assertEquals(v[0], onPage.get(arm)[0], 0.0, arm + ": 2-year DFS");
            assertEquals(v[1], onPage.get(arm)[1], 0.0, arm + ": lower limit");
            assertEquals(v[2], onPage.get(arm)[2], 0.0, arm + ": upper limit");
        });
        assertTrue(driver.findElement(By.cssSelector("#key-values table.landmarks caption")).getText().startsWith("DFS at 730 days (2 years)"));
        String provenance = driver.findElement(By.id("provenance")).getText();
        assertTrue(provenance.contains("org.hepatica.plugin.dfs") && provenance.contains(api.get("provenance").get("cohortChecksum").asText())
                && provenance.contains(api.get("provenance").get("pluginVersion").asText()), provenance);
        String downloads = driver.findElement(By.id("downloads")).getText();
        assertTrue(downloads.contains("Figure (SVG)") && downloads.contains("Result (JSON)") && downloads.contains("Report (HTML)"), downloads);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        Path png = shot("result");
        Files.copy(png, FILES.resolve("web-result.png"), StandardCopyOption.REPLACE_EXISTING);

        // a download is the API's file, fetched with the credentials and offered as a blob link
        WebElement json = driver.findElement(By.cssSelector("a[data-download='result-" + resultId + ".json']"));
        json.click();
        wait.until(d -> json.getDomAttribute("href").startsWith("blob:"));
    }

    @Test
    @Order(5)
    void theResultPageSurvivesReloadAndBack() throws Exception {
        assertTrue(resultUrl != null, "the DFS run made a result");
        driver.get(resultUrl);
        driver.navigate().refresh();
        assertKaplanMeierFigure();
        assertEquals(resultUrl, driver.getCurrentUrl());
        assertTrue(driver.findElement(By.tagName("h1")).getText().startsWith("Disease-free survival by treatment"));
        driver.findElement(By.partialLinkText("web-demo v1")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results-table")));
        assertTrue(driver.findElement(By.id("results-table")).getText().contains("dfs"), "the cohort lists its result");
        driver.navigate().back();
        assertKaplanMeierFigure();
        assertEquals(resultUrl, driver.getCurrentUrl());
    }

    @Test
    @Order(6)
    void aFileWithBadRowsShowsThemByLineAndColumnAndARefusedFileItsProblem() throws Exception {
        signIn("admin", password);
        List<String> demo = Files.readAllLines(dist.home.resolve("demo/hcc-demo.csv"));
        String header = demo.get(0);
        String negativeTime = demo.get(1).replace(",2017-12-10,", ",2015-12-10,");
        assertTrue(negativeTime.contains("2016-11-14,2015-12-10"), negativeTime);
        Path bad = FILES.resolve("bad-rows.csv").toAbsolutePath();
        Files.write(bad, List.of(header, demo.get(2), demo.get(3), negativeTime.replace("SYN-0000001", "SYN-0900001"), demo.get(4), demo.get(2)));
        importFile(bad, "web-bad-rows");
        WebElement rejections = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#import-result table.rejections")));
        assertTrue(driver.findElement(By.id("import-result")).getText().contains("5 rows read, 3 accepted, 2 rejected"),
                driver.findElement(By.id("import-result")).getText());
        List<WebElement> rows = rejections.findElements(By.cssSelector("tbody tr"));
        assertEquals(2, rows.size(), rejections.getText());
        assertEquals(List.of("4", "recurrence_date"), cells(rows.get(0)).subList(0, 2), rejections.getText());
        assertTrue(cells(rows.get(0)).get(2).contains("before treatment_date"), rejections.getText());
        assertEquals(List.of("6", "patient_id"), cells(rows.get(1)).subList(0, 2), rejections.getText());

        Path refused = FILES.resolve("refused.csv").toAbsolutePath();
        Files.write(refused, List.of(header, negativeTime));
        importFile(refused, "web-refused");
        WebElement problem = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#import-result .notice.error")));
        assertTrue(problem.getText().contains("HTTP 422"), problem.getText());
        List<WebElement> errors = problem.findElements(By.cssSelector("table.rejections tbody tr"));
        assertEquals(List.of("2", "recurrence_date"), cells(errors.get(0)).subList(0, 2), problem.getText());
        shot("import-errors");
    }

    @Test
    @Order(7)
    void anAdministratorManagesBundlesAndPagesTheAuditTrail() throws Exception {
        signIn("admin", password);
        driver.findElement(By.linkText("Administration")).click();
        WebElement bundles = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bundles-table")));
        WebElement dfs = bundles.findElement(By.xpath(".//tr[th='org.hepatica.plugin.dfs']"));
        assertEquals("ACTIVE", dfs.findElement(By.cssSelector("td.state")).getText());
        WebElement audit = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-table")));
        assertTrue(audit.getText().contains("analysis.run") && audit.getText().contains("cohort.import"), audit.getText());
        shot("admin");

        // stop the DFS plugin from the page: it is no longer offered; start it again
        dfs.findElement(By.xpath(".//button[text()='Stop']")).click();
        wait.until(d -> d.findElement(By.xpath("//table[@id='bundles-table']//tr[th='org.hepatica.plugin.dfs']/td[@class='state']"))
                .getText().equals("RESOLVED"));
        assertFalse(get("/analyses").toString().contains("\"dfs\""));
        driver.findElement(By.xpath("//table[@id='bundles-table']//tr[th='org.hepatica.plugin.dfs']//button[text()='Start']")).click();
        wait.until(d -> d.findElement(By.xpath("//table[@id='bundles-table']//tr[th='org.hepatica.plugin.dfs']/td[@class='state']"))
                .getText().equals("ACTIVE"));

        // pages of 4: the second page is the API's entries 5 to 8
        int entries = get("/audit").size();
        assertTrue(entries > 8, "enough entries for two pages: " + entries);
        driver.get(root + "#/admin?limit=4");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "Entries 1\u20134"));
        driver.findElement(By.linkText("Next page")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-table"), "Entries 5\u20138"));
        assertTrue(driver.getCurrentUrl().contains("offset=4"), driver.getCurrentUrl());
        List<String> seqs = driver.findElements(By.cssSelector("#audit-table tbody tr td:first-child")).stream()
                .map(WebElement::getText).toList();
        List<String> expected = new java.util.ArrayList<>();
        get("/audit?limit=4&offset=4").forEach(e -> expected.add(e.get("seq").asText()));
        assertEquals(expected, seqs);
    }

    @Test
    @Order(8)
    void anAnalystHasNoAdministration() throws Exception {
        signIn(ANALYST, ANALYST_PASSWORD);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cohorts-table")));
        assertTrue(driver.findElement(By.id("who")).getText().contains("ana (analyst)"));
        assertTrue(driver.findElements(By.linkText("Administration")).isEmpty(), "no administration link for an analyst");
        driver.get(root + "#/admin");
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-only")));
        assertTrue(message.getText().startsWith("Administrators only."), message.getText());
        assertTrue(driver.findElements(By.id("bundles-table")).isEmpty());
        shot("admin-analyst");

        // the administrator's DFS run is in the cohort's results for the analyst too
        driver.get(resultUrl);
        assertKaplanMeierFigure();
        driver.findElement(By.partialLinkText("web-demo v1")).click();
        WebElement results = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results-table")));
        String resultId = resultUrl.substring(resultUrl.indexOf("#/results/") + "#/results/".length());
        assertTrue(results.findElement(By.cssSelector("a[href='#/results/" + resultId + "']")).isDisplayed(), results.getText());
    }

    // ---------- helpers ----------

    private void signIn(String user, String pw) {
        driver.get(root + "#/signin");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-form")));
        type("signin-user", user);
        type("signin-password", pw);
        driver.findElement(By.id("signin-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signout")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("cohorts-table")));
    }

    private void importFile(Path file, String name) {
        if (!driver.getCurrentUrl().endsWith("#/cohorts")) {
            driver.get(root + "#/cohorts");
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("import-file")));
        driver.executeScript("document.getElementById('import-result').replaceChildren()");
        driver.findElement(By.id("import-file")).sendKeys(file.toString());
        type("import-name", name);
        driver.findElement(By.id("import-submit")).click();
        wait.until(d -> !d.findElement(By.id("import-result")).getText().isEmpty()
                && d.findElements(By.id("import-progress")).isEmpty());
    }

    private void type(String id, String text) {
        WebElement e = driver.findElement(By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    private void assertKaplanMeierFigure() {
        WebElement svg = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#figure figure.plot svg")));
        List<WebElement> curves = svg.findElements(By.cssSelector("path.curve"));
        assertEquals(2, curves.size(), "one curve per arm");
        for (WebElement c : curves) {
            assertTrue(c.getDomAttribute("d").split("[HV]").length > 20, "a step curve: " + c.getDomAttribute("d"));
        }
        assertTrue(svg.getSize().getWidth() > 400, "the figure is drawn at a readable size: " + svg.getSize());
        String caption = driver.findElement(By.id("figure-caption")).getText();
        assertTrue(caption.contains("RFA") && caption.contains("RFA+RT") && caption.contains("median"), "a text alternative: " + caption);
    }

    private static double number(WebElement row, String cssClass) {
        return Double.parseDouble(row.findElement(By.cssSelector("td." + cssClass)).getText());
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    private JsonNode get(String path) throws Exception {
        Api.Reply r = api.send("GET", path, "admin", password, null, null);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private Path shot(String name) throws Exception {
        Path target = SHOTS.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
