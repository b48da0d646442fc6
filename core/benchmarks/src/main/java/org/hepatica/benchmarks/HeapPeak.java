package org.hepatica.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The heap one analysis takes beyond the cohort it runs on: the cohort CSV is loaded as
 * {@link AnalysisWorkBenchmark} loads it, the heap is collected, the peak usage of every heap pool
 * is reset, the analysis runs {@code REPS} times, and the sum of the pools' peaks (an upper bound
 * of the heap in use at any moment: the pools may peak at different moments, and garbage not yet
 * collected counts) is printed with the live heap of the loaded cohort beside it.
 *
 * <p>{@code java -Xmx1g -XX:+UseParallelGC -cp core/benchmarks/target/benchmarks.jar
 * org.hepatica.benchmarks.HeapPeak COHORT.csv cox|coxBreslow|dfsPlugin|dfs [REPS]}
 * ({@code cox}: Efron with C and cox.zph, {@code dfsPlugin}: the dfs plugin's whole run, as the
 * HTTP request runs it, without the container and the JSON of the result).
 */
public final class HeapPeak {

    private HeapPeak() {
    }

    public static void main(String[] args) throws Exception {
        AnalysisWorkBenchmark b = new AnalysisWorkBenchmark();
        b.csv = args[0];
        b.load();
        String analysis = args[1];
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        Runnable run = switch (analysis) {
            case "cox" -> b::cox;
            case "coxBreslow" -> b::coxBreslow;
            case "dfs" -> b::dfs;
            case "dfsPlugin" -> () -> {
                try {
                    b.dfsPlugin();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
            default -> throw new IllegalArgumentException("analysis: cox, coxBreslow, dfs or dfsPlugin");
        };
        run.run(); // warm: class loading and the helper thread
        System.gc();
        long cohort = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (int r = 0; r < reps; r++) {
            run.run();
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("heap-peak %s: peak %d MB (sum of the heap pools' peaks over %d runs), of which"
                + " the loaded cohort %d MB (live after a full GC); max heap %d MB%n", analysis, peak >> 20, reps,
                cohort >> 20, Runtime.getRuntime().maxMemory() >> 20);
    }
}
