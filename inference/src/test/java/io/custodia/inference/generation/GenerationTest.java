package io.custodia.inference.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.custodia.inference.checkpoint.Checkpoint;
import io.custodia.inference.checkpoint.TinyCheckpoint;
import io.custodia.inference.reference.ReferenceModel;
import io.custodia.inference.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generation engine on the tiny checkpoint through the reference model: sampling, stops, limits, queueing. */
class GenerationTest {

    @TempDir
    static Path tmp;

    static Generator generator;
    static Tokenizer tokenizer;
    static int[] prompt;

    @BeforeAll
    static void load() throws IOException {
        TinyCheckpoint.write(tmp, 42);
        tokenizer = Tokenizer.load(tmp.resolve("tokenizer.json"));
        try (Checkpoint checkpoint = Checkpoint.open(tmp)) {
            generator = new Generator(new ReferenceDecoder(ReferenceModel.load(checkpoint)), tokenizer);
        }
        prompt = tokenizer.encode("<s><|user_start|>Grüezi! Wie ist das Wetter?<|user_end|><|assistant_start|>");
    }

    static Generator.Request request(int maxTokens, Sampling sampling, Set<Integer> stopTokens, List<String> stopStrings) {
        return new Generator.Request(prompt, maxTokens, sampling, stopTokens, stopStrings);
    }

    static Generator.Finished run(Generator.Request request, List<String> pieces) {
        return generator.generate(request, pieces::add, () -> false);
    }

    @Test
    void greedyIsDeterministicAndStreamsExactlyTheFinalText() {
        List<String> pieces = new ArrayList<>();
        Generator.Finished first = run(request(24, Sampling.GREEDY, Set.of(), List.of()), pieces);
        Generator.Finished second = run(request(24, Sampling.GREEDY, Set.of(), List.of()), new ArrayList<>());
        assertThat(first.reason()).isEqualTo(Generator.FinishReason.LENGTH);
        assertThat(first.completionTokens()).isEqualTo(24);
        assertThat(first.promptTokens()).isEqualTo(prompt.length);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(String.join("", pieces)).isEqualTo(first.text());
    }

    @Test
    void aSeedRepeatsASampledCompletionAndAnotherSeedChangesIt() {
        Sampling seeded = new Sampling(0.8, 0.9, 0, 7);
        String a = run(request(30, seeded, Set.of(), List.of()), new ArrayList<>()).text();
        String b = run(request(30, seeded, Set.of(), List.of()), new ArrayList<>()).text();
        String c = run(request(30, new Sampling(0.8, 0.9, 0, 8), Set.of(), List.of()), new ArrayList<>()).text();
        assertThat(b).isEqualTo(a);
        assertThat(c).isNotEqualTo(a);
        // top_k 1 and a vanishing top_p both leave only the most likely token.
        String greedy = run(request(30, Sampling.GREEDY, Set.of(), List.of()), new ArrayList<>()).text();
        assertThat(run(request(30, new Sampling(1.0, 1.0, 1, 3), Set.of(), List.of()), new ArrayList<>()).text()).isEqualTo(greedy);
        assertThat(run(request(30, new Sampling(1.0, 1e-9, 0, 3), Set.of(), List.of()), new ArrayList<>()).text()).isEqualTo(greedy);
    }

    @Test
    void samplingFollowsTheSoftmaxOfTheLogits() {
        float[] logits = {2.0f, 1.0f, 0.0f, -1.0f};
        Sampling.Sampler sampler = new Sampling(1.0, 1.0, 0, 11).sampler();
        int[] counts = new int[4];
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            counts[sampler.next(logits)]++;
        }
        double total = 0;
        for (float l : logits) {
            total += Math.exp(l);
        }
        for (int i = 0; i < 4; i++) {
            assertThat(counts[i] / (double) draws).as("token %d", i).isCloseTo(Math.exp(logits[i]) / total, within(0.01));
        }
        // top_p 0.7 keeps the two most likely tokens (0.64 then 0.88 of the mass), renormalized.
        Sampling.Sampler nucleus = new Sampling(1.0, 0.7, 0, 12).sampler();
        int[] kept = new int[4];
        for (int i = 0; i < draws; i++) {
            kept[nucleus.next(logits)]++;
        }
        assertThat(kept[2] + kept[3]).isZero();
        assertThat(kept[0] / (double) draws).isCloseTo(Math.E / (Math.E + 1), within(0.01));
    }

    @Test
    void aStopTokenEndsTheCompletionWithoutBeingEmitted() {
        // The greedy tokens, straight from the decoder.
        int[] greedy = new int[6];
        try (Decoder.Sequence sequence = generator.decoder().start()) {
            float[] logits = sequence.prefill(prompt);
            for (int i = 0; i < greedy.length; i++) {
                greedy[i] = Sampling.argmax(logits);
                logits = sequence.decode(greedy[i]);
            }
        }
        int stopAt = 0;
        while (greedy[stopAt] != greedy[3]) {
            stopAt++;
        }
        List<String> pieces = new ArrayList<>();
        Generator.Finished stopped = run(request(12, Sampling.GREEDY, Set.of(greedy[3]), List.of()), pieces);
        assertThat(stopped.reason()).isEqualTo(Generator.FinishReason.STOP);
        assertThat(stopped.completionTokens()).isEqualTo(stopAt);
        assertThat(String.join("", pieces)).isEqualTo(stopped.text());
        assertThat(run(request(12, Sampling.GREEDY, Set.of(), List.of()), new ArrayList<>()).text()).startsWith(stopped.text());
    }

    @Test
    void aStopStringCutsTheTextBeforeItAndIsNeverStreamed() {
        String text = run(request(40, Sampling.GREEDY, Set.of(), List.of()), new ArrayList<>()).text();
        assertThat(text.length()).isGreaterThan(12);
        String stop = text.substring(8, 12);
        List<String> pieces = new ArrayList<>();
        Generator.Finished stopped = run(request(40, Sampling.GREEDY, Set.of(), List.of(stop)), pieces);
        assertThat(stopped.reason()).isEqualTo(Generator.FinishReason.STOP);
        assertThat(stopped.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
        assertThat(String.join("", pieces)).isEqualTo(stopped.text()).doesNotContain(stop);
    }

    @Test
    void cancellationEndsAtTheNextToken() {
        int[] calls = {0};
        Generator.Finished cancelled = generator.generate(request(50, Sampling.GREEDY, Set.of(), List.of()), s -> { }, () -> ++calls[0] > 5);
        assertThat(cancelled.reason()).isEqualTo(Generator.FinishReason.CANCELLED);
        assertThat(cancelled.completionTokens()).isEqualTo(5);
    }

    @Test
    void aFullQueueRefusesAtOnceAndConcurrentRequestsGetTheirOwnResults() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Engine engine = new Engine(generator, 1, 1)) {
            // The worker blocks on its first piece of text until released; one request waits in the queue.
            var blocking = (Engine.Submission.Accepted) engine.submit(request(5, Sampling.GREEDY, Set.of(), List.of()), s -> await(release));
            var queued = (Engine.Submission.Accepted) engine.submit(request(5, new Sampling(0.8, 0.9, 0, 1), Set.of(), List.of()), s -> { });
            Engine.Submission third = engine.submit(request(5, Sampling.GREEDY, Set.of(), List.of()), s -> { });
            assertThat(third).isInstanceOf(Engine.Submission.Rejected.class);
            release.countDown();
            assertThat(blocking.job().finished().get(30, TimeUnit.SECONDS).text())
                    .isEqualTo(run(request(5, Sampling.GREEDY, Set.of(), List.of()), new ArrayList<>()).text());
            assertThat(queued.job().finished().get(30, TimeUnit.SECONDS).text())
                    .isEqualTo(run(request(5, new Sampling(0.8, 0.9, 0, 1), Set.of(), List.of()), new ArrayList<>()).text());

            var cancelled = (Engine.Submission.Accepted) engine.submit(request(200, Sampling.GREEDY, Set.of(), List.of()), s -> { });
            cancelled.job().cancel();
            assertThat(cancelled.job().finished().get(30, TimeUnit.SECONDS).reason()).isEqualTo(Generator.FinishReason.CANCELLED);
        }
    }

    @Test
    void closingTheEngineEndsRunningAndWaitingCompletionsBeforeItReturns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        Engine engine = new Engine(generator, 1, 2);
        // The running completion holds on its first piece until the engine is closing, so it cannot end by itself first.
        var running = (Engine.Submission.Accepted) engine.submit(request(2_000, Sampling.GREEDY, Set.of(), List.of()), s -> {
            started.countDown();
            await(proceed);
        });
        var waiting = (Engine.Submission.Accepted) engine.submit(request(2_000, Sampling.GREEDY, Set.of(), List.of()), s -> { });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closed = CompletableFuture.runAsync(engine::close);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(engine::closing);
        assertThat(closed).isNotDone();
        proceed.countDown();
        closed.get(30, TimeUnit.SECONDS);
        // Both are over when close returns, so a decoder closed after it is no longer in use.
        assertThat(running.job().finished()).isCompleted();
        assertThat(waiting.job().finished()).isCompleted();
        assertThat(running.job().finished().get().reason()).isEqualTo(Generator.FinishReason.CANCELLED);
        assertThat(waiting.job().finished().get().reason()).isEqualTo(Generator.FinishReason.CANCELLED);
    }

    @Test
    void anErrorInAWorkerReachesTheRequestInsteadOfLeavingItWaiting() throws Exception {
        // A decoder that fails the way native code or memory can: with an Error, not an exception.
        Decoder failing = new Decoder() {
            @Override
            public int vocabularySize() {
                return 512;
            }

            @Override
            public int maxPositions() {
                return 2048;
            }

            @Override
            public Sequence start() {
                throw new OutOfMemoryError("Direct buffer memory");
            }
        };
        try (Engine engine = new Engine(new Generator(failing, tokenizer), 1, 1)) {
            var accepted = (Engine.Submission.Accepted) engine.submit(request(5, Sampling.GREEDY, Set.of(), List.of()), s -> { });
            assertThatThrownBy(() -> accepted.job().finished().get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OutOfMemoryError.class);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
