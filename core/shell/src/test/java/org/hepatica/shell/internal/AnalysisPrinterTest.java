package org.hepatica.shell.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hepatica.analysis.AnalysisDescriptor;
import org.hepatica.analysis.ParameterSpec;
import org.hepatica.analysis.ParameterType;
import org.junit.jupiter.api.Test;

class AnalysisPrinterTest {

    @Test
    void showGivesTheProvenanceThenTheDigest() {
        String s = Samples.printed(out -> AnalysisPrinter.show(Samples.result("dfs"), out));
        assertTrue(s.startsWith("result      cb29f282-c120-407c-b541-240f19d8f5d4"), s);
        assertTrue(s.contains("cohort      1e10b43f-6b71-4cb1-91e6-8597c237fe72"), s);
        assertTrue(s.contains("analysis    dfs (org.hepatica.plugin.dfs 1.0.0.SNAPSHOT)"), s);
        assertTrue(s.contains("checksum    d0a40d524b9b6f91e75cf63f7dd70f3a8ba5b2f83faad71cd4cc4a37c447767d"), s);
        assertTrue(s.contains("platform    1.0.0-SNAPSHOT"), s);
        assertTrue(s.contains("started at  2026-12-02T03:03:54Z, took 25 ms"), s);
        assertTrue(s.contains("parameters  treatment=arm, landmark=730.0"), s);
        assertTrue(s.contains("hazard ratio arm=RFA+RT: 0.54 (0.42-0.71), p < 0.001"), s);
    }

    @Test
    void ranGivesTheResultIdFirst() {
        String s = Samples.printed(out -> AnalysisPrinter.ran(Samples.result("cox"), out));
        assertTrue(s.startsWith("result 228bd088-b033-4c12-9208-60c80f932fc8 (cox on cohort 1e10b43f-6b71-4cb1-91e6-8597c237fe72)"), s);
        assertTrue(s.contains("hazard ratio mvi: 2.09 (1.30-3.35), p = 0.002"), s);
    }

    @Test
    void listNamesEachAnalysisAndItsParameters() {
        AnalysisDescriptor dfs = new AnalysisDescriptor("dfs", "DFS by treatment", "...", "1.0.0.SNAPSHOT",
                "org.hepatica.plugin.dfs", List.of(ParameterSpec.required("treatment", ParameterType.STRING, "arm"),
                        ParameterSpec.optional("landmark", ParameterType.NUMBER, 730.0, "days")));
        String s = Samples.printed(out -> AnalysisPrinter.list(List.of(dfs), out));
        assertTrue(s.matches("(?s).*dfs +\\| DFS by treatment \\| org\\.hepatica\\.plugin\\.dfs \\| 1\\.0\\.0\\.SNAPSHOT \\| treatment, landmark.*"), s);
    }
}
