package org.hepatica.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hepatica.analysis.Analysis;
import org.hepatica.stats.KaplanMeierEstimator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The exported API packages (cohort, analysis, analysis.support, figure, access in org.hepatica.api;
 * org.hepatica.stats) against the last release, kept as jars under {@code baseline/<release>/} so that
 * no released artifact has to be downloadable. An incompatible change fails {@code mvn verify} unless the
 * package's major version moves.
 */
class ApiBaselineTest {
    private static final Path BASELINE = Path.of(System.getProperty("hepatica.baseline.dir", "../../baseline/1.0.0"));
    private static final String RELEASE = System.getProperty("hepatica.baseline.release", "1.0.0");

    /** The packaged bundle holding {@code type}, as the reactor hands it to this module in mvn verify. */
    private static File built(Class<?> type) throws Exception {
        File f = new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        // under CI=true (mvn verify) the bundles are packaged: a folder there means the check did not run
        assertTrue(f.isFile() || !"true".equals(System.getenv("CI")), "under CI=true the baseline must compare packaged"
                + " bundles, not " + f);
        Assumptions.assumeTrue(f.isFile(), "the baseline compares packaged bundles: run mvn verify, not mvn test ("
                + f + " is a folder)");
        return f;
    }

    static Stream<Arguments> bundles() {
        return Stream.of(Arguments.of("org.hepatica.api", Analysis.class),
                Arguments.of("org.hepatica.stats", KaplanMeierEstimator.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundles")
    void everyExportedPackageVersionFollowsItsChangeSinceTheLastRelease(String bundle, Class<?> type) throws Exception {
        File released = BASELINE.resolve(bundle + "-" + RELEASE + ".jar").toFile();
        assertTrue(released.isFile(), "the released API is kept at " + released);
        List<String> problems = ApiBaseline.problems(built(type), released);
        assertEquals(List.of(), problems, "semantic versioning of " + bundle + " against release " + RELEASE
                + ":\n  " + String.join("\n  ", problems) + "\nMove the package's @Version in its package-info.java"
                + " as required, or undo the change (docs/plugin-guide.md, \"Versions of the API\")");
    }

    /**
     * The released API with one class removed, as a change that breaks plugins: the message a developer
     * sees (made from the release itself, so that it does not move with the API's development).
     */
    @Test
    void anIncompatibleChangeIsRefusedNamingThePackageTheChangeAndTheVersionRequired(@TempDir Path tmp) throws Exception {
        File api = BASELINE.resolve("org.hepatica.api-" + RELEASE + ".jar").toFile();
        Path broken = tmp.resolve("org.hepatica.api-broken.jar");
        try (aQute.bnd.osgi.Jar jar = new aQute.bnd.osgi.Jar(api)) {
            jar.remove("org/hepatica/cohort/CohortColumns.class");
            jar.write(broken.toFile());
        }
        List<String> problems = ApiBaseline.problems(broken.toFile(), BASELINE.resolve("org.hepatica.api-" + RELEASE + ".jar").toFile());
        assertEquals(List.of("package org.hepatica.cohort: MAJOR change (REMOVED class org.hepatica.cohort.CohortColumns)"
                + " requires version 2.0.0, but it is 1.2.0 (release 1.2.0 in org.hepatica.api-1.0.0.jar)"), problems);
        Files.delete(broken);
    }
}
