package io.custodia.inference.generation;

import io.custodia.inference.reference.ReferenceModel;

/** The reference forward pass as a {@link Decoder}: slow, exact, and what the engine's tests run on. */
public record ReferenceDecoder(ReferenceModel model) implements Decoder {

    @Override
    public int vocabularySize() {
        return model.config().vocabSize();
    }

    @Override
    public int maxPositions() {
        return model.config().maxPositions();
    }

    @Override
    public Sequence start() {
        ReferenceModel.Session session = model.session();
        return new Sequence() {
            @Override
            public float[] prefill(int[] tokens) {
                float[][] logits = session.forward(tokens);
                return logits[logits.length - 1];
            }

            @Override
            public float[] decode(int token) {
                return session.forward(token)[0];
            }

            @Override
            public int length() {
                return session.length();
            }
        };
    }
}
