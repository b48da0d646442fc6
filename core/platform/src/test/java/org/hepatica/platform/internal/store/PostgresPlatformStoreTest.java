package org.hepatica.platform.internal.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

/** The store tests on a real PostgreSQL server started for them. */
class PostgresPlatformStoreTest extends PlatformStoreTest {
    private static EmbeddedPostgres server;
    private static int databases;

    @BeforeAll
    static void startServer() throws Exception {
        // under CI (.ci/run installs the binaries when missing) a machine without them fails the build;
        // elsewhere the PostgreSQL run of the store tests is skipped with the reason
        boolean ci = "true".equals(System.getenv("CI"));
        if (ci && !EmbeddedPostgres.available()) {
            throw new IllegalStateException("CI=true but the PostgreSQL 15 binaries are not in " + EmbeddedPostgres.BIN);
        }
        assumeTrue(EmbeddedPostgres.available(), "PostgreSQL 15 binaries not installed in " + EmbeddedPostgres.BIN);
        server = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    DataSource dataSource() {
        // one empty database per test, created once per test and reused by that test's reconnections
        if (currentUrl == null) {
            try {
                currentUrl = server.createDatabase("hepatica_" + (++databases));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(currentUrl);
        ds.setUser("hepatica");
        return ds;
    }

    private String currentUrl;
}
