package org.hepatica.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UiFilesTest {

    @Test
    void pathsUnderUiAreFilesOfTheBundlesUiFolder() {
        assertEquals("ui/app.js", UiFiles.resource("/app.js"));
        assertEquals("ui/app.css", UiFiles.resource("/app.css"));
    }

    @Test
    void noPathLeavesTheUiFolder() {
        assertNull(UiFiles.resource("/../org/hepatica/web/internal/UiFiles.class"));
        assertNull(UiFiles.resource("/a/../../x.js"));
        assertNull(UiFiles.resource("/.hidden.js"));
        assertNull(UiFiles.resource("//app.js"));
        assertNull(UiFiles.resource("/"));
        assertNull(UiFiles.resource(null));
    }

    @Test
    void theInterfaceLoadsNothingFromElsewhere() {
        String index = new String(UiFiles.load(UiFiles.INDEX).orElseThrow().bytes(), StandardCharsets.UTF_8);
        assertTrue(index.contains("src=\"/ui/app.js\"") && index.contains("href=\"/ui/app.css\""), index);
        assertFalse(index.contains("http://") || index.contains("https://") || index.contains("<script>")
                || index.contains("style="), "no remote resource, no inline script or style (the CSP allows neither):\n" + index);
        String js = new String(UiFiles.load("ui/app.js").orElseThrow().bytes(), StandardCharsets.UTF_8);
        assertFalse(js.matches("(?s).*https?://.*"), "app.js names no remote URL");
        String csp = UiFiles.HEADERS.get("Content-Security-Policy");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), csp);
    }

    @Test
    void filesHaveTheirMediaTypeAndOthersAreNotServed() {
        assertEquals("text/javascript; charset=utf-8", UiFiles.load("ui/app.js").orElseThrow().type());
        assertEquals("text/html; charset=utf-8", UiFiles.load(UiFiles.INDEX).orElseThrow().type());
        assertTrue(UiFiles.load("ui/missing.js").isEmpty());
        assertTrue(UiFiles.load("org/hepatica/web/internal/UiFiles.class").isEmpty());
    }
}
