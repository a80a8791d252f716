package io.custodia.inference.generation;

import io.custodia.pii.PiiFilter;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs completions on a fixed number of workers with a bounded queue in front: a request that finds the queue full is
 * refused at once (HTTP 429 upstream) rather than waiting without bound. Each accepted request can be cancelled; it
 * then ends at its next token.
 */
public final class Engine implements AutoCloseable {

    private final Generator generator;
    private final ThreadPoolExecutor workers;
    /** Set when the engine closes: every running and waiting completion then ends at its next token. */
    private volatile boolean closing;

    public Engine(Generator generator, int workers, int queueCapacity) {
        this.generator = generator;
        this.workers = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity),
                Thread.ofPlatform().name("generation-", 0).daemon().factory(), new ThreadPoolExecutor.AbortPolicy());
    }

    /** Whether a request was taken. */
    public sealed interface Submission {
        record Accepted(Job job) implements Submission {}

        record Rejected(String reason) implements Submission {}
    }

    /** An accepted request: its outcome when it ends, and a way to stop it early. */
    public static final class Job {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final CompletableFuture<Generator.Finished> finished = new CompletableFuture<>();

        public void cancel() {
            cancelled.set(true);
        }

        public boolean cancelled() {
            return cancelled.get();
        }

        public CompletableFuture<Generator.Finished> finished() {
            return finished;
        }
    }

    /** Queues a request; {@code out} receives its text on a worker thread as it is generated. */
    public Submission submit(Generator.Request request, Consumer<String> out) {
        return submit(cancelled -> generator.generate(request, out, cancelled));
    }

    /**
     * Queues a request whose text passes the PII filter first ({@link FilteredGeneration}): {@code out} receives only
     * what the filter has released, and the outcome's text is the filtered text.
     */
    public Submission submit(Generator.Request request, PiiFilter filter, Consumer<String> out) {
        return submit(cancelled -> FilteredGeneration.generate(generator, filter, request, out, cancelled).finished());
    }

    private Submission submit(java.util.function.Function<java.util.function.BooleanSupplier, Generator.Finished> work) {
        Job job = new Job();
        try {
            workers.execute(() -> {
                try {
                    job.finished.complete(work.apply(() -> closing || job.cancelled.get()));
                } catch (Throwable e) {
                    // Errors too (out of memory, a native failure): whoever waits for the outcome must hear of it.
                    job.finished.completeExceptionally(e);
                    if (e instanceof Error error) {
                        throw error;
                    }
                }
            });
        } catch (RejectedExecutionException full) {
            return new Submission.Rejected("all " + workers.getMaximumPoolSize() + " workers are busy and "
                    + workers.getQueue().size() + " requests are waiting; try again shortly");
        }
        return new Submission.Accepted(job);
    }

    /** Whether {@link #close()} has begun: completions end at their next token from then on. */
    public boolean closing() {
        return closing;
    }

    /**
     * Ends every completion at its next token and waits for the workers to stop, so that the decoder can be closed
     * after: closing it under a running step would free native memory the step still uses.
     */
    @Override
    public void close() {
        closing = true;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("completions still running 30 s after the engine was closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for completions to end", e);
        }
    }
}
