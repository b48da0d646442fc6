package org.hepatica.platform.internal.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a synthetic RFA vs RFA+RT cohort in the canonical CSV format: invented patients, never
 * real ones, for demonstrations and benchmarks. The same size and seed give the same bytes.
 *
 * <p>Recurrence and death times are exponential with hazards raised by microvascular invasion,
 * Child-Pugh B, and a narrow margin, and lowered by radiotherapy; follow-up ends at a uniform
 * administrative censoring time between 1 and 8 years.
 *
 * <p>Two shapes of the same model: {@code full} ({@link #write}, 22 columns with dates, about 93 bytes
 * a row, the demo cohort) and {@code slim} ({@link #writeSlim}, 8 columns with the endpoints as
 * durations in days, about 34 bytes a row).
 *
 * <p>Usage: {@code java -cp org.hepatica.platform.jar org.hepatica.platform.internal.demo.SyntheticCohort
 * N SEED FILE [full|slim]}
 */
public final class SyntheticCohort {
    private static final String HEADER = "patient_id,site,arm,rt_technique,rt_dose_gy,rt_fractions,recurrent_hcc,age,sex,"
            + "child_pugh,bclc,tumor_size_cm,tumor_count,afp_ng_ml,mvi,margin_mm,treatment_date,recurrence_date,"
            + "death_date,last_followup_date,response_mrecist,ae_max_grade\n";
    private static final String SLIM_HEADER =
            "patient_id,arm,os_time,os_event,dfs_time,dfs_event,mvi,margin_mm\n";
    private static final LocalDate FIRST = LocalDate.of(2015, 1, 1);

    private SyntheticCohort() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261126L;
        Path out = Path.of(args.length > 2 ? args[2] : "hcc-demo.csv");
        String shape = args.length > 3 ? args[3] : "full";
        if (!shape.equals("full") && !shape.equals("slim")) {
            throw new IllegalArgumentException("shape must be full or slim, not " + shape);
        }
        try (OutputStream os = Files.newOutputStream(out)) {
            if (shape.equals("slim")) {
                writeSlim(n, seed, os);
            } else {
                write(n, seed, os);
            }
        }
    }

    /** Writes {@code n} patients drawn with {@code seed} in the full shape. */
    public static void write(int n, long seed, OutputStream out) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(HEADER);
        StringBuilder b = new StringBuilder(256);
        for (int i = 1; i <= n; i++) {
            b.setLength(0);
            Patient p = Patient.draw(r);
            boolean rt = p.rt();
            boolean sbrt = p.sbrt();
            LocalDate t0 = FIRST.plusDays(r.nextInt(5 * 365));
            b.append(String.format(Locale.ROOT, "SYN-%07d", i)).append(',')
                    .append('S').append(1 + r.nextInt(4)).append(',')
                    .append(rt ? "RFA+RT" : "RFA").append(',')
                    .append(rt ? (sbrt ? "SBRT" : "IMRT") : "none").append(',')
                    .append(rt ? (sbrt ? "45" : "60") : "").append(',')
                    .append(rt ? (sbrt ? "5" : "30") : "").append(',')
                    .append(r.nextDouble() < 0.3 ? 1 : 0).append(',')
                    .append((int) p.age()).append(',')
                    .append(r.nextDouble() < 0.8 ? 'M' : 'F').append(',')
                    .append(p.childB() ? 'B' : 'A').append(',')
                    .append(r.nextDouble() < 0.2 ? "0" : "A").append(',')
                    .append(Math.round((1 + r.nextDouble() * 4) * 10) / 10.0).append(',')
                    .append(1 + (r.nextDouble() < 0.2 ? 1 : 0)).append(',')
                    .append(Math.round(Math.exp(1 + r.nextDouble() * 6) * 10) / 10.0).append(',')
                    .append(p.mviKnown() ? Integer.toString(p.mvi()) : "").append(',')
                    .append(p.margin()).append(',')
                    .append(t0).append(',');
            double end = Math.min(p.death(), p.follow());
            b.append(p.rec() <= end ? t0.plusDays((long) p.rec()).toString() : "").append(',');
            b.append(p.death() <= p.follow() ? t0.plusDays((long) p.death()).toString() : "").append(',');
            b.append(t0.plusDays((long) end)).append(',');
            double u = r.nextDouble();
            b.append(u < 0.05 ? "" : u < 0.55 ? "CR" : u < 0.8 ? "PR" : u < 0.93 ? "SD" : "PD").append(',');
            double g = r.nextDouble();
            b.append(g < 0.4 ? 0 : g < 0.7 ? 1 : g < 0.9 ? 2 : g < 0.98 ? 3 : 4).append('\n');
            w.write(b.toString());
        }
        w.flush();
    }

    /**
     * Writes {@code n} patients drawn with {@code seed} in the slim shape: {@code patient_id, arm,
     * os_time, os_event, dfs_time, dfs_event, mvi, margin_mm}, times in whole days from treatment,
     * as {@link #write} would derive them from its dates ({@code dfs_time <= os_time}).
     */
    public static void writeSlim(int n, long seed, OutputStream out) throws IOException {
        SplittableRandom r = new SplittableRandom(seed);
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.US_ASCII), 1 << 16);
        w.write(SLIM_HEADER);
        StringBuilder b = new StringBuilder(64);
        for (int i = 1; i <= n; i++) {
            b.setLength(0);
            Patient p = Patient.draw(r);
            boolean dead = p.death() <= p.follow();
            double end = Math.min(p.death(), p.follow());
            boolean recurred = p.rec() <= end;
            b.append('P');
            String id = Integer.toString(i);
            for (int pad = id.length(); pad < 7; pad++) {
                b.append('0');
            }
            b.append(id).append(',')
                    .append(p.rt() ? "RFA+RT" : "RFA").append(',')
                    .append((long) end).append(',')
                    .append(dead ? 1 : 0).append(',')
                    .append((long) (recurred ? p.rec() : end)).append(',')
                    .append(recurred || dead ? 1 : 0).append(',')
                    .append(p.mviKnown() ? Integer.toString(p.mvi()) : "").append(',')
                    .append(p.margin()).append('\n');
            w.write(b.toString());
        }
        w.flush();
    }

    /** The draws both shapes share: treatment, the risk factors, and the event and censoring times in days. */
    private record Patient(boolean rt, boolean sbrt, int mvi, boolean mviKnown, boolean childB, double margin,
            double age, double rec, double death, double follow) {

        static Patient draw(SplittableRandom r) {
            boolean rt = r.nextBoolean();
            boolean sbrt = rt && r.nextDouble() < 0.6;
            int mvi = r.nextDouble() < 0.3 ? 1 : 0;
            boolean mviKnown = r.nextDouble() < 0.95;
            boolean childB = r.nextDouble() < 0.2;
            double margin = Math.round(r.nextDouble() * 200) / 10.0;
            double age = 40 + Math.round(r.nextDouble() * 40);
            double hazardRec = 0.00045 * Math.exp((rt ? -0.5 : 0) + 0.5 * mvi + (margin < 10 ? 0.3 : 0));
            double hazardDeath = 0.00012 * Math.exp((rt ? -0.4 : 0) + 0.5 * mvi + (childB ? 0.6 : 0));
            double rec = -Math.log(1 - r.nextDouble()) / hazardRec;
            double death = -Math.log(1 - r.nextDouble()) / hazardDeath;
            double follow = 365 + r.nextDouble() * 7 * 365;
            return new Patient(rt, sbrt, mvi, mviKnown, childB, margin, age, rec, death, follow);
        }
    }
}
