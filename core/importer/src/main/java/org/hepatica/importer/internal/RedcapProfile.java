package org.hepatica.importer.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * How a REDCap flat CSV export maps onto the canonical cohort CSV. Read from a properties file
 * (see {@code etc/redcap-hcc-rfa-rt.profile} for the documented keys):
 *
 * <ul>
 * <li>{@code record}: the REDCap field identifying a record; rows of one record are collapsed into one</li>
 * <li>{@code drop}: fields left out (comma-separated, {@code *} as a wildcard)</li>
 * <li>{@code rename.FIELD = column}: the canonical column a field becomes</li>
 * <li>{@code code.FIELD.CODE = value}: a code list (e.g. {@code code.gender.1 = M})</li>
 * <li>{@code date.formats}: the input date patterns tried in order ({@code |}-separated,
 *     {@link DateTimeFormatter} syntax); {@code date.fields}: the fields they apply to; output is ISO</li>
 * <li>{@code scale.FIELD = factor}: a unit conversion by multiplication (cm to mm: 10)</li>
 * <li>{@code collapse.FIELD} (and {@code collapse.default}): which of a record's non-empty values is
 *     kept, {@code first}, {@code last}, {@code min} or {@code max}</li>
 * </ul>
 * Field names are matched case-insensitively.
 */
final class RedcapProfile {

    enum Collapse { FIRST, LAST, MIN, MAX }

    private final String record;
    private final List<Pattern> drop;
    private final Map<String, String> rename = new HashMap<>();
    private final Map<String, Map<String, String>> codes = new HashMap<>();
    private final List<DateTimeFormatter> dateFormats = new ArrayList<>();
    private final List<String> dateFields = new ArrayList<>();
    private final Map<String, Double> scale = new HashMap<>();
    private final Map<String, Collapse> collapse = new HashMap<>();
    private final Collapse collapseDefault;

    RedcapProfile(Properties p) {
        record = key(required(p, "record"));
        drop = new ArrayList<>();
        for (String d : list(p.getProperty("drop", ""))) {
            drop.add(Pattern.compile(Pattern.quote(key(d)).replace("*", "\\E.*\\Q")));
        }
        for (String k : p.stringPropertyNames()) {
            String v = p.getProperty(k).trim();
            if (k.startsWith("rename.")) {
                rename.put(key(k.substring(7)), v);
            } else if (k.startsWith("code.")) {
                String rest = k.substring(5);
                int dot = rest.indexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException("profile key '" + k + "': expected code.FIELD.CODE");
                }
                codes.computeIfAbsent(key(rest.substring(0, dot)), f -> new HashMap<>())
                        .put(rest.substring(dot + 1).trim().toLowerCase(Locale.ROOT), v);
            } else if (k.startsWith("scale.")) {
                try {
                    scale.put(key(k.substring(6)), Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("profile key '" + k + "': '" + v + "' is not a number");
                }
            } else if (k.startsWith("collapse.") && !k.equals("collapse.default")) {
                collapse.put(key(k.substring(9)), collapse(k, v));
            }
        }
        collapseDefault = collapse("collapse.default", p.getProperty("collapse.default", "first"));
        for (String f : p.getProperty("date.formats", "yyyy-MM-dd").split("\\|")) {
            if (!f.isBlank()) {
                // strict: 31/02/2020 is no date, not 29 February ('u' is the proleptic year strict mode needs)
                dateFormats.add(DateTimeFormatter.ofPattern(f.trim().replace('y', 'u'), Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT));
            }
        }
        for (String f : list(p.getProperty("date.fields", ""))) {
            dateFields.add(key(f));
        }
    }

    static RedcapProfile load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return new RedcapProfile(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("REDCap profile " + file + ": " + e.getMessage(), e);
        }
    }

    private static Collapse collapse(String key, String v) {
        try {
            return Collapse.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("profile key '" + key + "': '" + v
                    + "' is not one of first, last, min, max");
        }
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("profile key '" + key + "' is required");
        }
        return v;
    }

    private static List<String> list(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    static String key(String field) {
        return field.trim().toLowerCase(Locale.ROOT);
    }

    String record() {
        return record;
    }

    boolean dropped(String field) {
        String k = key(field);
        return drop.stream().anyMatch(p -> p.matcher(k).matches());
    }

    /** The canonical column name of a field: its rename, or the field itself. */
    String column(String field) {
        return rename.getOrDefault(key(field), field.trim());
    }

    Map<String, String> codes(String field) {
        return codes.get(key(field));
    }

    boolean isDate(String field) {
        return dateFields.contains(key(field));
    }

    List<DateTimeFormatter> dateFormats() {
        return dateFormats;
    }

    Double scale(String field) {
        return scale.get(key(field));
    }

    Collapse collapse(String field) {
        return collapse.getOrDefault(key(field), collapseDefault);
    }
}
