package org.hepatica.federation.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortView;
import org.hepatica.plugin.cox.internal.CoxAnalysis;
import org.hepatica.stats.CoxSiteDerivatives;
import org.hepatica.stats.CoxSiteModel;
import org.hepatica.stats.CoxTies;
import org.hepatica.testing.ReferenceValues;
import org.hepatica.testing.TestCohorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site's side of a multi-centre Cox model, without a broker: what it releases when a run opens
 * its model and at each Newton step, and what it refuses.
 */
class CoxSiteTest {
    @TempDir
    Path dir;

    private final CohortView lung = TestCohorts.csv(ReferenceValues.dir().resolve("lung.csv"));
    private final List<String> sent = new ArrayList<>();
    private final BrokerTest.Audit audit = new BrokerTest.Audit();

    private Site site(int minCellSize) {
        CohortService cohorts = BrokerTest.study(lung);
        BrokerTest.Analyses analyses = BrokerTest.Analyses.only(new CoxAnalysis(), "2.0.0");
        return new Site(new Site.Settings("A", minCellSize, false, Set.of("cox")), cohorts, analyses, audit,
                (queue, text) -> sent.add(text), dir, Clock.systemUTC());
    }

    private static Messages.Task task(String run, double[] beta, Map<String, Object> parameters) {
        return new Messages.Task(java.util.UUID.randomUUID().toString(), run, "A", "coord",
                Messages.coordinatorQueue("coord"), "cox", "study", parameters, Instant.now().plus(Duration.ofMinutes(1)),
                beta);
    }

    private Messages.Answer last() {
        return Messages.readAnswer(sent.get(sent.size() - 1));
    }

    @Test
    void aSiteOpensItsModelThenAnswersEachStepWithTheSumsOfItsPatientsExactly() {
        Site site = site(5);
        Map<String, Object> p = Map.of("covariates", List.of("age", "sex"), "ties", "breslow");
        site.receive(Messages.write(task("r1", null, p)));
        Messages.Answer open = last();
        assertEquals("released", open.status(), open.reason());
        assertEquals(228, open.rowsUsed());
        assertEquals(List.of("age", "sex=M"), open.model().get("terms"));
        assertEquals(165, open.model().get("events"));
        assertNull(open.counts());

        double[] beta = {0.011, 0.55};
        site.receive(Messages.write(task("r1", beta, Map.of())));
        Messages.Answer step = last();
        assertEquals("released", step.status(), step.reason());
        // the same sums as the engine's on the site's patients, every bit through the wire
        double[] time = new double[228];
        int[] status = new int[228];
        double[][] x = new double[2][228];
        int k = 0;
        double[] age = lung.numeric("age");
        org.hepatica.cohort.Categorical sex = lung.categorical("sex");
        org.hepatica.cohort.Endpoint os = org.hepatica.cohort.Endpoint.OS;
        for (int i = 0; i < lung.size(); i++) {
            double t = lung.time(os)[i];
            if (Double.isNaN(t)) {
                continue;
            }
            time[k] = t;
            status[k] = lung.event(os)[i];
            x[0][k] = age[i];
            x[1][k] = "M".equals(sex.level(i)) ? 1 : 0;
            k++;
        }
        CoxSiteDerivatives expected = CoxSiteModel.of(time, status, null, x, CoxTies.BRESLOW).at(beta);
        assertEquals(Double.doubleToLongBits(expected.logLik()), Double.doubleToLongBits(step.derivatives().logLik()));
        assertArrayEquals(expected.score(), step.derivatives().score(), 0.0);
        assertArrayEquals(expected.information()[1], step.derivatives().information()[1], 0.0);
        assertEquals(1, audit.count("federation.task.received"), "a step is no new task");
        assertEquals(2, audit.count("federation.released"), audit.entries.toString());
        assertTrue(audit.entries.get(audit.entries.size() - 1).contains("Newton step 1 of run r1"), audit.entries.toString());

        // a step with another number of coefficients than the model's terms fails and releases nothing
        site.receive(Messages.write(task("r1", new double[] {0.1}, Map.of())));
        assertEquals("failed", last().status());
        assertTrue(last().reason().contains("1 coefficients, the model 2 terms"), last().reason());
        assertEquals(2, audit.count("federation.released"));
    }

    @Test
    void aStepOfARunTheSiteNeverOpenedFailsAndAModelBelowTheCellSizeIsRefused() {
        Site site = site(5);
        site.receive(Messages.write(task("never-opened", new double[] {0.1}, Map.of())));
        assertEquals("failed", last().status());
        assertTrue(last().reason().contains("no Cox model open for run never-opened"), last().reason());
        assertNull(last().derivatives());

        Site strict = site(500);
        strict.receive(Messages.write(task("r2", null, Map.of("covariates", List.of("age")))));
        assertEquals("refused", last().status());
        assertTrue(last().reason().contains("228 patients with 165 events, below this site's minimum cell size of 500"),
                last().reason());
        // nothing opened: a step of that run fails
        strict.receive(Messages.write(task("r2", new double[] {0.1}, Map.of())));
        assertEquals("failed", last().status());
        assertEquals(0, audit.count("federation.released"), audit.entries.toString());

        site.receive(Messages.write(task("r3", null, Map.of("covariates", List.of("age"), "strata", "ph_ecog"))));
        assertEquals("refused", last().status());
        assertTrue(last().reason().startsWith("parameter 'strata': a multi-centre Cox model is stratified by site"),
                last().reason());
    }
}
