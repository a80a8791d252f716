package io.custodia.inference.generation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How the next token is chosen from logits: greedy at temperature 0, otherwise softmax at the temperature restricted to
 * the {@code topK} most likely tokens and then to the smallest set whose probability reaches {@code topP}, drawn with a
 * seeded generator so that a seed repeats a completion. Apertus recommends temperature 0.8 and top_p 0.9.
 */
public record Sampling(double temperature, double topP, int topK, long seed) {

    public static final Sampling GREEDY = new Sampling(0, 1, 0, 0);

    public Sampling {
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be greater than 0 and at most 1");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must not be negative");
        }
    }

    /** A sampler for one sequence: its own random generator, seeded. */
    Sampler sampler() {
        return new Sampler(new SplittableRandom(seed));
    }

    /** Chooses tokens for one sequence. */
    final class Sampler {
        private final SplittableRandom random;

        private Sampler(SplittableRandom random) {
            this.random = random;
        }

        int next(float[] logits) {
            if (temperature == 0) {
                return argmax(logits);
            }
            Integer[] order = new Integer[logits.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            // Most likely first; equal logits by id, so the order never depends on the sort.
            Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
            int keep = topK > 0 ? Math.min(topK, order.length) : order.length;
            double max = logits[order[0]];
            double[] weights = new double[keep];
            double total = 0;
            for (int i = 0; i < keep; i++) {
                weights[i] = Math.exp((logits[order[i]] - max) / temperature);
                total += weights[i];
            }
            double cumulative = 0;
            int nucleus = keep;
            for (int i = 0; i < keep; i++) {
                cumulative += weights[i] / total;
                if (cumulative >= topP) {
                    nucleus = i + 1;
                    break;
                }
            }
            double mass = 0;
            for (int i = 0; i < nucleus; i++) {
                mass += weights[i];
            }
            double draw = random.nextDouble() * mass;
            for (int i = 0; i < nucleus; i++) {
                draw -= weights[i];
                if (draw < 0) {
                    return order[i];
                }
            }
            return order[nucleus - 1];
        }
    }

    /** The most likely token; the lowest id among equals. */
    public static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
