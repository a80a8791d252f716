package io.custodia.inference.generation;

import io.custodia.inference.tokenizer.Tokenizer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Generates one completion: prefill, then sample and decode token by token, handing out text as soon as it is final.
 * Text is final when its UTF-8 is complete and it cannot be the start of a stop string; a stop token or stop string
 * ends the completion without being emitted, as OpenAI's API does.
 */
public final class Generator {

    private final Decoder decoder;
    private final Tokenizer tokenizer;

    public Generator(Decoder decoder, Tokenizer tokenizer) {
        this.decoder = decoder;
        this.tokenizer = tokenizer;
    }

    public Decoder decoder() {
        return decoder;
    }

    /** What to generate. */
    public record Request(int[] prompt, int maxTokens, Sampling sampling, Set<Integer> stopTokens, List<String> stopStrings) {
        public Request {
            if (prompt.length == 0) {
                throw new IllegalArgumentException("the prompt is empty");
            }
            if (maxTokens < 1) {
                throw new IllegalArgumentException("max_tokens must be at least 1");
            }
            stopTokens = Set.copyOf(stopTokens);
            stopStrings = stopStrings.stream().filter(s -> !s.isEmpty()).toList();
        }
    }

    /** Why a completion ended, in OpenAI's words where it has them. */
    public enum FinishReason {
        STOP, LENGTH, CANCELLED
    }

    /** The end of a completion: why, how many tokens it read and wrote, and its whole text. */
    public record Finished(FinishReason reason, int promptTokens, int completionTokens, String text) {}

    public Finished generate(Request request, Consumer<String> out, BooleanSupplier cancelled) {
        if (request.prompt().length >= decoder.maxPositions()) {
            throw new IllegalArgumentException("the prompt has " + request.prompt().length + " tokens; the model reads at most "
                    + (decoder.maxPositions() - 1));
        }
        Sampling.Sampler sampler = request.sampling().sampler();
        Text text = new Text(request.stopStrings(), out);
        int generated = 0;
        try (Decoder.Sequence sequence = decoder.start()) {
            float[] logits = sequence.prefill(request.prompt());
            while (true) {
                if (cancelled.getAsBoolean()) {
                    return text.finish(FinishReason.CANCELLED, request.prompt().length, generated);
                }
                int token = sampler.next(logits);
                if (request.stopTokens().contains(token)) {
                    return text.finish(FinishReason.STOP, request.prompt().length, generated);
                }
                generated++;
                if (text.append(tokenizer.bytes(token, true))) {
                    return text.finish(FinishReason.STOP, request.prompt().length, generated);
                }
                if (generated >= request.maxTokens() || sequence.length() + 1 >= decoder.maxPositions()) {
                    return text.finish(FinishReason.LENGTH, request.prompt().length, generated);
                }
                logits = sequence.decode(token);
            }
        }
    }

    /** The completion's text as it grows: decoded incrementally, held back while it may still begin a stop string. */
    private static final class Text {
        private final List<String> stops;
        private final Consumer<String> out;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer pendingBytes = ByteBuffer.allocate(16);
        private final StringBuilder all = new StringBuilder();
        private int emitted;

        Text(List<String> stops, Consumer<String> out) {
            this.stops = stops;
            this.out = out;
        }

        /** Adds a token's bytes; returns true when a stop string has appeared (the text then ends before it). */
        boolean append(byte[] bytes) {
            if (pendingBytes.remaining() < bytes.length) {
                ByteBuffer bigger = ByteBuffer.allocate(pendingBytes.position() + bytes.length + 16);
                pendingBytes.flip();
                bigger.put(pendingBytes);
                pendingBytes = bigger;
            }
            pendingBytes.put(bytes);
            pendingBytes.flip();
            CharBuffer chars = CharBuffer.allocate(pendingBytes.remaining() + 2);
            utf8.decode(pendingBytes, chars, false);
            pendingBytes.compact();
            all.append(chars.flip());
            for (String stop : stops) {
                int at = all.indexOf(stop, Math.max(0, emitted - stop.length()));
                if (at >= 0) {
                    all.setLength(at);
                    emit(at);
                    return true;
                }
            }
            emit(all.length() - heldBack());
            return false;
        }

        /** The longest end of the text that is the beginning of a stop string. */
        private int heldBack() {
            int hold = 0;
            for (String stop : stops) {
                for (int n = Math.min(stop.length() - 1, all.length() - emitted); n > hold; n--) {
                    if (all.substring(all.length() - n).equals(stop.substring(0, n))) {
                        hold = n;
                        break;
                    }
                }
            }
            return hold;
        }

        private void emit(int upTo) {
            if (upTo > emitted) {
                out.accept(all.substring(emitted, upTo));
                emitted = upTo;
            }
        }

        Finished finish(FinishReason reason, int promptTokens, int completionTokens) {
            if (reason != FinishReason.STOP || emitted < all.length()) {
                // Whatever is held back is final now; an incomplete character at the very end becomes U+FFFD.
                pendingBytes.flip();
                CharBuffer chars = CharBuffer.allocate(pendingBytes.remaining() + 2);
                utf8.decode(pendingBytes, chars, true);
                utf8.flush(chars);
                all.append(chars.flip());
                emit(all.length());
            }
            return new Finished(reason, promptTokens, completionTokens, all.toString());
        }
    }
}
