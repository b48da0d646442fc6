package org.hepatica.federation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.hepatica.analysis.AnalysisException;
import org.hepatica.analysis.StoredResult;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The installation's part in multi-centre studies: as coordinator it sends an analysis to sites and
 * pools what they release; as a site it answers tasks, those awaiting an administrator's approval
 * listed here. Registered only when {@code etc/org.hepatica.federation.cfg} configures a broker.
 */
@ProviderType
public interface FederationService {

    /** A site asked, with the name of the study's cohort there. */
    record SiteRequest(String site, String cohort) {
    }

    /**
     * A task a site received and has not answered yet, because its administrator approves each
     * task ({@code approval = required}).
     *
     * @param id          the task's id
     * @param coordinator the coordinator that sent it
     * @param analysis    the analysis id
     * @param cohort      the cohort it names
     * @param parameters  the analysis's parameters
     * @param releases    what the site would release if approved, in words
     * @param received    when it arrived (ISO-8601)
     * @param deadline    after which the coordinator no longer waits (ISO-8601)
     */
    record PendingTask(String id, String coordinator, String analysis, String cohort, Map<String, Object> parameters,
            String releases, String received, String deadline) {
    }

    /** Whether this installation coordinates (can send analyses to sites). */
    boolean coordinates();

    /** This installation's site id, or null when it is no site. */
    String siteId();

    /**
     * Sends the analysis to the sites, waits until every site has answered or the deadline has
     * passed, pools what was released and stores the result.
     *
     * @throws IllegalArgumentException when this installation does not coordinate or the sites are
     *         malformed
     * @throws org.hepatica.analysis.InvalidParameterException naming the parameter that is wrong
     * @throws AnalysisException when the analysis cannot run federated, no site released anything, or a
     *         multi-centre Cox model cannot be fitted (the sites' models differ, or a site stopped answering)
     */
    StoredResult run(String analysisId, List<SiteRequest> sites, Map<String, Object> parameters, Duration deadline,
            String user) throws AnalysisException;

    /** The tasks awaiting approval at this site, oldest first. */
    List<PendingTask> pendingTasks();

    /**
     * Approves a pending task: the site computes, applies its disclosure rules and answers.
     *
     * @return what the site answered: {@code released} or {@code refused} with the reason
     * @throws NoSuchElementException when no such task is pending
     */
    String approve(String taskId, String user);

    /**
     * Refuses a pending task: the coordinator is told why, nothing is released.
     *
     * @throws NoSuchElementException when no such task is pending
     */
    void refuse(String taskId, String reason, String user);
}
