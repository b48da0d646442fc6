package org.hepatica.platform.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.hepatica.analysis.Analysis;
import org.hepatica.platform.internal.store.PlatformStore;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bundle administration for admins, through the OSGi framework API: the same operations as Karaf's
 * console ({@code bundle:list}, {@code bundle:start|stop|update}, {@code bundle:install}) on the
 * platform's bundles and every bundle that provides an analysis. Each operation is audited.
 */
final class BundleAdmin {
    private static final Logger LOG = LoggerFactory.getLogger(BundleAdmin.class);
    /** Installed by upload: the location names where it came from and what it is. */
    static final String UPLOAD_LOCATION = "hepatica-upload:";

    private final BundleContext context;
    private final PlatformStore store;
    private final long maxBytes;

    BundleAdmin(BundleContext context, PlatformStore store, long maxBytes) {
        this.context = context;
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /** The platform's bundles and those that provide analyses, by symbolic name then version. */
    List<Map<String, Object>> list() {
        Map<Long, List<String>> analyses = analysesByBundle();
        List<Map<String, Object>> out = new ArrayList<>();
        Bundle[] bundles = context.getBundles();
        java.util.Arrays.sort(bundles, Comparator.comparing((Bundle b) -> String.valueOf(b.getSymbolicName()))
                .thenComparing(Bundle::getVersion));
        for (Bundle b : bundles) {
            String name = b.getSymbolicName();
            if (name != null && (name.startsWith("org.hepatica.") || analyses.containsKey(b.getBundleId())
                    || b.getLocation().startsWith(UPLOAD_LOCATION))) {
                out.add(describe(b, analyses.getOrDefault(b.getBundleId(), List.of())));
            }
        }
        return out;
    }

    private Map<Long, List<String>> analysesByBundle() {
        Map<Long, List<String>> out = new LinkedHashMap<>();
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(Analysis.class.getName(), null);
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object service = context.getService(ref);
                try {
                    if (service instanceof Analysis a) {
                        out.computeIfAbsent(ref.getBundle().getBundleId(), k -> new ArrayList<>()).add(a.id());
                    }
                } finally {
                    context.ungetService(ref);
                }
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Map<String, Object> describe(Bundle b, List<String> analyses) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.getBundleId());
        m.put("symbolicName", b.getSymbolicName());
        m.put("version", b.getVersion().toString());
        m.put("state", state(b.getState()));
        m.put("location", b.getLocation());
        m.put("analyses", analyses);
        return m;
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }

    /** The bundle of that name (the given version, or the highest installed); 404 otherwise. */
    private Bundle find(String symbolicName, String version) {
        Bundle best = null;
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())
                    && (version == null || b.getVersion().equals(Version.parseVersion(version)))
                    && (best == null || b.getVersion().compareTo(best.getVersion()) > 0)) {
                best = b;
            }
        }
        if (best == null) {
            throw new NoSuchElementException("no bundle '" + symbolicName + "'" + (version == null ? "" : " " + version));
        }
        if (best.getBundleId() == 0 || !(best.getSymbolicName().startsWith("org.hepatica.")
                || best.getLocation().startsWith(UPLOAD_LOCATION) || analysesByBundle().containsKey(best.getBundleId()))) {
            throw new ApiCall.Forbidden("bundle '" + symbolicName + "' is not a platform or analysis bundle: "
                    + "administer it in Karaf's console");
        }
        return best;
    }

    /** {@code start}, {@code stop} or {@code update} (with a new jar as body, or from its location). */
    Map<String, Object> operate(String symbolicName, String version, String operation, InputStream body,
            long contentLength, String user) throws IOException {
        Bundle b = find(symbolicName, version);
        if (b.getSymbolicName().equals(context.getBundle().getSymbolicName()) && !operation.equals("update")) {
            throw new ApiCall.Forbidden("the platform bundle cannot stop or start itself over its own API");
        }
        try {
            switch (operation) {
                case "start" -> b.start();
                case "stop" -> b.stop();
                case "update" -> {
                    if (contentLength > 0) {
                        Path jar = spool(body);
                        try (InputStream in = Files.newInputStream(jar)) {
                            String name = manifest(jar).getMainAttributes().getValue("Bundle-SymbolicName");
                            if (name == null || !name.split(";")[0].trim().equals(b.getSymbolicName())) {
                                throw ApiServlet.Refusal.unprocessable("bundle-refused", "the jar is bundle '" + name
                                        + "', not '" + b.getSymbolicName() + "': install it instead (POST /admin/bundles)");
                            }
                            b.update(in);
                        } finally {
                            Files.deleteIfExists(jar);
                        }
                    } else {
                        b.update();
                    }
                    // the old revision goes now, not at the next refresh
                    context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(b));
                }
                default -> throw new NoSuchElementException("no operation '" + operation + "': start, stop or update");
            }
        } catch (BundleException e) {
            throw ApiServlet.Refusal.unprocessable("bundle-refused", operation + " of bundle '" + symbolicName
                    + "' failed: " + e.getMessage());
        }
        store.audit(user, "bundle." + operation, b.getSymbolicName() + " " + b.getVersion(), b.getLocation());
        LOG.info("bundle {} {} {} by {}", b.getSymbolicName(), b.getVersion(), operation, user);
        return describe(b, List.of());
    }

    /**
     * Installs and starts an uploaded plugin jar. A jar that is not a bundle, or whose bundle does
     * not resolve, is a 422 naming why (the missing requirement), and nothing stays installed.
     */
    Map<String, Object> install(InputStream body, String user) throws IOException {
        Path jar = spool(body);
        try {
            Manifest manifest;
            try {
                manifest = manifest(jar);
            } catch (IOException e) {
                throw ApiServlet.Refusal.unprocessable("not-a-bundle", "the body is not a jar file: " + e.getMessage());
            }
            String name = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
            if (name == null) {
                throw ApiServlet.Refusal.unprocessable("not-a-bundle",
                        "the jar is not an OSGi bundle: its manifest has no Bundle-SymbolicName");
            }
            String symbolicName = name.split(";")[0].trim();
            String version = manifest.getMainAttributes().getValue("Bundle-Version");
            String location = UPLOAD_LOCATION + symbolicName + "/" + (version == null ? "0.0.0" : version);
            for (Bundle b : context.getBundles()) {
                if (symbolicName.equals(b.getSymbolicName()) && b.getVersion().equals(Version.parseVersion(version))) {
                    throw ApiServlet.Refusal.conflict("bundle-installed", "bundle " + symbolicName + " " + version
                            + " is installed already (id " + b.getBundleId() + "): update it instead");
                }
            }
            Bundle installed;
            try (InputStream in = Files.newInputStream(jar)) {
                installed = context.installBundle(location, in);
            } catch (BundleException e) {
                throw ApiServlet.Refusal.unprocessable("bundle-refused", "the bundle cannot be installed: " + e.getMessage());
            }
            try {
                installed.start();
            } catch (BundleException e) {
                try {
                    installed.uninstall();
                } catch (BundleException ignored) {
                    LOG.warn("could not uninstall refused bundle {}", location, ignored);
                }
                throw ApiServlet.Refusal.unprocessable("bundle-refused", "bundle " + symbolicName + " " + version
                        + " does not start, nothing was installed: " + e.getMessage());
            }
            store.audit(user, "bundle.install", symbolicName + " " + version, location);
            LOG.info("bundle {} {} installed by upload by {}", symbolicName, version, user);
            return describe(installed, List.of());
        } finally {
            Files.deleteIfExists(jar);
        }
    }

    private Path spool(InputStream body) throws IOException {
        Path jar = Files.createTempFile("hepatica-bundle-", ".jar");
        try (InputStream in = new LimitedInputStream(body, maxBytes, 0, Long.MAX_VALUE)) {
            Files.copy(in, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(jar);
            throw e;
        }
        return jar;
    }

    private static Manifest manifest(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest m = in.getManifest();
            if (m == null && in.getNextJarEntry() == null) {
                throw new IOException("no jar entries");
            }
            return m;
        }
    }
}
