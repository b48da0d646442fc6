package org.hepatica.baseline;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Semantic versioning of exported packages, checked with bnd's baselining (the bndlib the bundle plugin
 * runs on): every exported package of a newer bundle is compared with the same package of the last
 * release. A removed or changed type or member of a package is a MAJOR change; an addition is MINOR,
 * except that a method added to a {@code @ConsumerType} interface (one institutions implement) is
 * MAJOR and one added to a {@code @ProviderType} is MINOR. The package's version must have moved at
 * least as far as bnd suggests; a mismatch is reported naming the package, the change and the version
 * it requires.
 */
final class ApiBaseline {
    private ApiBaseline() {
    }

    /** One problem per exported package whose version does not follow its change; empty when all do. */
    static List<String> problems(File newer, File older) throws Exception {
        List<String> out = new ArrayList<>();
        try (Processor reporter = new Processor(); Jar n = new Jar(newer); Jar o = new Jar(older)) {
            Set<Baseline.Info> infos = new Baseline(reporter, new DiffPluginImpl()).baseline(n, o, null);
            Set<String> sorted = new TreeSet<>();
            for (Baseline.Info info : infos) {
                if (info.mismatch) {
                    sorted.add("package " + info.packageName + ": " + info.packageDiff.getDelta() + " change ("
                            + String.join("; ", changes(info.packageDiff)) + ") requires version "
                            + info.suggestedVersion + ", but it is " + info.newerVersion + " (release "
                            + info.olderVersion + " in " + older.getName() + ")");
                }
            }
            out.addAll(sorted);
            for (String e : reporter.getErrors()) {
                out.add("bnd: " + e);
            }
        }
        return out;
    }

    /** The changed leaves of a diff, e.g. {@code REMOVED class org.hepatica.cohort.CohortColumns}; at most 5. */
    private static List<String> changes(Diff diff) {
        List<String> out = new ArrayList<>();
        collect(diff, out);
        return out.size() > 5 ? List.of(String.join("; ", out.subList(0, 5)), "and " + (out.size() - 5) + " more") : out;
    }

    private static void collect(Diff diff, List<String> out) {
        Delta d = diff.getDelta();
        if (d == Delta.UNCHANGED || d == Delta.IGNORED) {
            return;
        }
        if (d == Delta.REMOVED || d == Delta.ADDED) {
            // everything inside a removed or added element goes with it
            out.add(d + " " + diff.getType().toString().toLowerCase(java.util.Locale.ROOT) + " " + diff.getName());
            return;
        }
        boolean leaf = true;
        for (Diff child : diff.getChildren()) {
            if (child.getDelta() != Delta.UNCHANGED && child.getDelta() != Delta.IGNORED) {
                leaf = false;
                collect(child, out);
            }
        }
        if (leaf) {
            out.add(d + " " + diff.getType().toString().toLowerCase(java.util.Locale.ROOT) + " " + diff.getName());
        }
    }
}
