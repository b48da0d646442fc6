package org.hepatica.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.hepatica.cohort.CohortImportException;
import org.hepatica.cohort.ImportResult;
import org.hepatica.platform.internal.csv.CohortCsvParser;
import org.hepatica.platform.internal.csv.ParsedCohort;
import org.hepatica.platform.internal.demo.SyntheticCohort;
import org.hepatica.platform.internal.service.DefaultCohortService;
import org.hepatica.platform.internal.store.PlatformStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cohort CSV import at 10^6 rows: the synthetic RFA/RT cohort written by {@link SyntheticCohort}
 * with seed 1, in either shape ({@code shape}): {@code full}, 22 columns with dates, about 93 MB;
 * {@code slim}, 8 columns with the endpoints as durations, about 34 MB.
 * <ul>
 * <li>{@code parse}: read, check and derive the endpoints of every row from the file
 * ({@link CohortCsvParser}).</li>
 * <li>{@code importIntoH2}: the whole import path every route ends in ({@link DefaultCohortService}):
 * copy with SHA-256, the duplicate check, parse, encode, and store the cohort and the original bytes
 * in a new file H2 database, kept open by one connection as a pool would.</li>
 * </ul>
 * One import takes seconds, so each measurement is a single shot. Run:
 * {@code mvn -B -q -Pbench -DskipTests package -pl core/benchmarks -am && java -jar core/benchmarks/target/benchmarks.jar CsvImport};
 * add e.g. {@code -p shape=full -jvmArgsAppend -Xmx512m -wi 0 -i 1} to find the heap an import needs: it
 * holds the parsed cohort (rows times columns), never the file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseParallelGC"})
public class CsvImportBenchmark {
    @Param({"1000000"})
    public int rows;

    @Param({"full", "slim"})
    public String shape;

    private Path dir;
    private Path csv;

    @Setup(Level.Trial)
    public void writeCohort() throws IOException {
        dir = Files.createTempDirectory("hepatica-bench-");
        csv = dir.resolve("cohort.csv");
        try (OutputStream out = Files.newOutputStream(csv)) {
            if (shape.equals("slim")) {
                SyntheticCohort.writeSlim(rows, 1, out);
            } else {
                SyntheticCohort.write(rows, 1, out);
            }
        }
    }

    @TearDown(Level.Trial)
    public void deleteCohort() throws IOException {
        delete(dir);
    }

    @Benchmark
    public ParsedCohort parse() throws IOException, CohortImportException {
        try (InputStream in = Files.newInputStream(csv)) {
            return new CohortCsvParser(org.hepatica.cohort.TimeUnit.DAYS).parse(in);
        }
    }

    @Benchmark
    public ImportResult importIntoH2(Database db) throws IOException, CohortImportException {
        try (InputStream in = Files.newInputStream(csv)) {
            return db.service.importCsv("bench", in, org.hepatica.cohort.TimeUnit.DAYS, "bench");
        }
    }

    /** A new, empty file H2 database for each import (the same bytes would otherwise be found there). */
    @State(Scope.Thread)
    public static class Database {
        private Path dir;
        private Connection keepOpen;
        DefaultCohortService service;

        @Setup(Level.Iteration)
        public void open() throws IOException, SQLException {
            dir = Files.createTempDirectory("hepatica-bench-db-");
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:" + dir.resolve("db").toAbsolutePath());
            ds.setUser("sa");
            keepOpen = ds.getConnection();
            service = new DefaultCohortService(new PlatformStore(ds));
        }

        @TearDown(Level.Iteration)
        public void close() throws IOException, SQLException {
            keepOpen.close();
            delete(dir);
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
