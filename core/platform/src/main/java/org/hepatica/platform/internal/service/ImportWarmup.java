package org.hepatica.platform.internal.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.TimeUnit;
import org.hepatica.platform.internal.csv.CohortCsvParser;
import org.hepatica.platform.internal.csv.ParsedCohort;
import org.hepatica.platform.internal.demo.SyntheticCohort;
import org.hepatica.platform.internal.store.ColumnarCodec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the parser and the cohort codec over invented cohorts once the platform starts, on a
 * background thread, so that the Java runtime has compiled them before the first real import: a
 * large file dropped into the inbox right after a start is then read as fast as later ones, not
 * several times slower. Nothing is stored. Off with the system property
 * {@code hepatica.import.warmup=false}.
 */
@Component(immediate = true)
public final class ImportWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(ImportWarmup.class);
    /** Patients per invented cohort and rounds over both shapes: enough for the optimising compiler. */
    private static final int PATIENTS = 100_000;
    private static final int ROUNDS = 3;

    private Thread thread;

    @Activate
    void start() {
        if (!Boolean.parseBoolean(System.getProperty("hepatica.import.warmup", "true"))) {
            return;
        }
        thread = new Thread(ImportWarmup::run, "hepatica-import-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void stop() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    private static void run() {
        long started = System.nanoTime();
        try {
            ByteArrayOutputStream full = new ByteArrayOutputStream(PATIENTS * 100);
            SyntheticCohort.write(PATIENTS, 1, full);
            ByteArrayOutputStream slim = new ByteArrayOutputStream(PATIENTS * 40);
            SyntheticCohort.writeSlim(PATIENTS, 1, slim);
            byte[][] shapes = {full.toByteArray(), slim.toByteArray()};
            for (int round = 0; round < ROUNDS; round++) {
                for (byte[] csv : shapes) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    ParsedCohort parsed = new CohortCsvParser(TimeUnit.DAYS).parse(new ByteArrayInputStream(csv));
                    ColumnarCodec.decode(ColumnarCodec.encode(parsed.data()));
                }
            }
            LOG.info("import path compiled in {} ms ({} rounds of {} invented patients, nothing stored)",
                    (System.nanoTime() - started) / 1_000_000, ROUNDS, PATIENTS);
        } catch (IOException | CohortImportException | RuntimeException e) {
            LOG.warn("warming up the import path failed; imports work, the first is slower", e);
        }
    }
}
