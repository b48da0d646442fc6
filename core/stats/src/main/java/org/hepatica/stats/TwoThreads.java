package org.hepatica.stats;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The engine's explicit two-way split of a long loop: the calling thread does one part, one helper
 * thread the other. Made for the large Cox fits on a 2-core machine, where
 * {@code ForkJoinPool.commonPool()} has a single worker and its tasks queue behind whatever else
 * uses it.
 *
 * <p>A forked task is claimed by whichever thread gets to it first: the helper, or the caller in
 * {@link Forked#join()} when the helper is still busy (with another fit, say). So a join never waits
 * for queued work, nested forks cannot deadlock, and a fit on a loaded machine degrades to running
 * on the calling thread alone. The split never changes a result: every caller splits work whose
 * parts are independent (separate outputs, or partial results combined in a fixed order on the
 * calling thread), so which thread ran a part is invisible in the numbers.
 *
 * <p>The helper is one daemon thread, started on first use and kept idle afterwards.
 */
final class TwoThreads {

    /** From this many subjects the engine splits a long loop (a Cox fit, a sort) with the helper; below, one thread. */
    static final int PARALLEL_THRESHOLD = 50_000;

    private static final ExecutorService HELPER = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "hepatica-stats-helper");
        t.setDaemon(true);
        return t;
    });

    private TwoThreads() {
    }

    /** Offers {@code task} to the helper; {@link Forked#join()} gives its result. */
    static <T> Forked<T> fork(Supplier<T> task) {
        Forked<T> f = new Forked<>(task);
        HELPER.execute(f);
        return f;
    }

    /** Offers {@code task} to the helper; {@link Forked#join()} waits for it. */
    static Forked<Void> fork(Runnable task) {
        return fork(() -> {
            task.run();
            return null;
        });
    }

    /** A task run once, by the helper or by the thread that joins it, whichever claims it first. */
    static final class Forked<T> implements Runnable {
        private final Supplier<T> task;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable failure;

        private Forked(Supplier<T> task) {
            this.task = task;
        }

        @Override
        public void run() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                result = task.get();
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.countDown();
            }
        }

        /**
         * Runs the task here if the helper has not started it, else waits for it; rethrows what
         * it threw (unchecked exceptions and errors as they are).
         */
        T join() {
            run();
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            return result;
        }
    }
}
