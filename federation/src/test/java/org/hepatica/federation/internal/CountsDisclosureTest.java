package org.hepatica.federation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.hepatica.cohort.CohortView;
import org.hepatica.plugin.shortterm.internal.ShortTermAnalysis;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A site's disclosure rule for counts of patients without an endpoint ({@code short-term}). */
class CountsDisclosureTest {
    @TempDir
    Path dir;

    private final CohortView demo = TestCohorts.csv(ReferenceValues.dir().resolve("hcc_demo.csv"));

    private Messages.Answer answer(int minCellSize, BrokerTest.Audit audit) {
        BrokerTest.Analyses analyses = BrokerTest.Analyses.only(new ShortTermAnalysis(), "1.0.0");
        Site site = new Site(new Site.Settings("A", minCellSize, false, Set.of("short-term")), BrokerTest.study(demo),
                analyses, audit, (queue, text) -> { }, dir, Clock.systemUTC());
        return site.compute(new Messages.Task("t1", "r1", "A", "coord", Messages.coordinatorQueue("coord"), "short-term",
                "study", Map.of(), Instant.now().plus(Duration.ofMinutes(1))));
    }

    @Test
    void everyCombinationOfArmResponseAndGradeClassIsACellOfTheThreshold() throws Exception {
        SiteCounts counts = SiteCounts.of(demo, Plan.of("short-term", Map.of()));
        int smallest = counts.smallestGroup();
        assertTrue(smallest > 0);
        Messages.Answer released = answer(smallest, new BrokerTest.Audit());
        assertEquals("released", released.status(), released.reason());
        assertEquals(demo.size(), released.counts().table().rows().stream().mapToInt(r -> r.total()).sum());

        Messages.Answer refused = answer(smallest + 1, new BrokerTest.Audit());
        assertEquals("refused", refused.status());
        assertTrue(refused.reason().contains("the smallest cell (the patients of one combination of [arm, response_mrecist,"
                + " ae_max_grade]) is " + smallest + ", below this site's minimum cell size of " + (smallest + 1)),
                refused.reason());
        assertNull(refused.counts());
    }
}
