package org.hepatica.figure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hepatica.stats.KaplanMeierResult;

/** The Kaplan-Meier curves of DFS by arm of the demo cohort, as the dfs analysis stored them (figure/dfs-km.csv). */
final class DemoCurves {
    private DemoCurves() {
    }

    static List<KaplanMeierResult.Curve> dfsByArm() {
        Map<String, List<String[]>> byLabel = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                DemoCurves.class.getResourceAsStream("/figure/dfs-km.csv"), StandardCharsets.UTF_8))) {
            in.readLine(); // comment
            in.readLine(); // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                byLabel.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<KaplanMeierResult.Curve> curves = new ArrayList<>();
        for (List<String[]> rows : byLabel.values()) {
            List<KaplanMeierResult.Row> table = new ArrayList<>();
            int events = 0;
            for (String[] f : rows) {
                int nEvent = Integer.parseInt(f[5]);
                events += nEvent;
                table.add(new KaplanMeierResult.Row(Double.parseDouble(f[3]), Integer.parseInt(f[4]), nEvent,
                        Integer.parseInt(f[6]), Double.parseDouble(f[7]), null, orNull(f[8]), orNull(f[9])));
            }
            String[] first = rows.get(0);
            curves.add(new KaplanMeierResult.Curve(first[0], Integer.parseInt(first[1]), events,
                    new KaplanMeierResult.Median(orNull(first[2]), null, null), null, List.of(), table));
        }
        return curves;
    }

    private static Double orNull(String s) {
        return s.isEmpty() ? null : Double.valueOf(s);
    }
}
