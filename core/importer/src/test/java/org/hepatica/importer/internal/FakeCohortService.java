package org.hepatica.importer.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.CohortService;
import org.hepatica.cohort.CohortSummary;
import org.hepatica.cohort.CohortView;
import org.hepatica.cohort.ImportResult;
import org.hepatica.cohort.Rejection;
import org.hepatica.cohort.TimeUnit;

/** Records every import; refuses bytes that start with "REFUSE", or every import once told to. */
final class FakeCohortService implements CohortService {
    record Call(String name, byte[] bytes, TimeUnit unit, String user, java.util.Set<String> dropColumns) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    volatile boolean refuseAll;

    @Override
    public ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user)
            throws CohortImportException, IOException {
        return importCsv(name, csv, timeUnit, user, java.util.Set.of());
    }

    @Override
    public ImportResult importCsv(String name, InputStream csv, TimeUnit timeUnit, String user,
            java.util.Set<String> dropColumns) throws CohortImportException, IOException {
        byte[] bytes = csv.readAllBytes();
        calls.add(new Call(name, bytes, timeUnit, user, dropColumns));
        if (refuseAll || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).startsWith("REFUSE")) {
            throw new CohortImportException("no row is acceptable", 2, List.of(
                    new Rejection(2, "death_date", "'2020-13-01' is not a date"),
                    new Rejection(3, "os_time", "'-4' is negative")));
        }
        return new ImportResult("c" + calls.size(), name, 1, "sha", 1, 1, 0, List.of(), true);
    }

    @Override
    public List<CohortSummary> list() {
        return List.of();
    }

    @Override
    public Optional<CohortView> find(String id) {
        return Optional.empty();
    }

    @Override
    public boolean delete(String id, String user) {
        return false;
    }
}
