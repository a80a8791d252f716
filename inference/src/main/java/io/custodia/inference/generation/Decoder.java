package io.custodia.inference.generation;

/**
 * A causal language model as the generation engine drives it: a prompt in, then one token at a time. The KV cache
 * lives behind this seam, so that the reference model, ONNX Runtime on the host and, later, device-resident buffers
 * can each keep it their own way.
 */
public interface Decoder {

    int vocabularySize();

    /** The longest sequence, prompt and output together, the model accepts. */
    int maxPositions();

    /** A new, empty sequence. */
    Sequence start();

    /** One sequence being generated: its cache and length. Not thread-safe; closed when the request ends. */
    interface Sequence extends AutoCloseable {
        /**
         * Runs the prompt and returns the logits after its last token [V]. The array may be the sequence's own, reused
         * by the next call: read it before then.
         */
        float[] prefill(int[] tokens);

        /** Appends one token and returns the logits after it [V], in an array valid until the next call. */
        float[] decode(int token);

        int length();

        @Override
        default void close() {}
    }
}
