package io.custodia.inference.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.inference.checkpoint.TinyCheckpoint;
import io.custodia.inference.tokenizer.Tokenizer;
import io.custodia.pii.Bundle;
import io.custodia.pii.BundleBuilder;
import io.custodia.pii.IdentifierKind;
import io.custodia.pii.PiiFilter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model made to say personal data never gets it out: a scripted decoder (the test's stand-in at the {@link Decoder}
 * seam) emits a phone number, an e-mail address and a bundle entry one token at a time, and neither the streamed
 * pieces nor the final text contain them, whatever the tokenization.
 */
class FilteredGenerationTest {

    @TempDir
    static Path tmp;

    static Tokenizer tokenizer;
    static PiiFilter filter;

    static final String SAID = "Sure! Call Jane Doe at +41 44 668 18 00 or write to jane.doe@example.org, she knows.";

    @BeforeAll
    static void setUp() throws Exception {
        TinyCheckpoint.write(tmp, 1);
        tokenizer = Tokenizer.load(tmp.resolve("tokenizer.json"));
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        BundleBuilder builder = new BundleBuilder("CH", BundleBuilder.randomKey());
        builder.add(IdentifierKind.NAME, "Jane Doe");
        Instant now = Instant.now();
        byte[] bytes = builder.build(new BundleBuilder.Release("test", now, now.plus(Duration.ofDays(30)), "k1"), keys.getPrivate());
        Bundle bundle = ((Bundle.Loading.Loaded) Bundle.load(bytes, keys.getPublic(), Clock.systemUTC())).bundle();
        filter = PiiFilter.builder().bundle(bundle).build();
    }

    /** Emits the script's tokens in order, whatever it is fed, then the end-of-turn token. */
    record ScriptedDecoder(int[] script, int vocabulary) implements Decoder {
        @Override
        public int vocabularySize() {
            return vocabulary;
        }

        @Override
        public int maxPositions() {
            return 4096;
        }

        @Override
        public Sequence start() {
            return new Sequence() {
                int next;
                int length;

                @Override
                public float[] prefill(int[] tokens) {
                    length += tokens.length;
                    return logits();
                }

                @Override
                public float[] decode(int token) {
                    length++;
                    return logits();
                }

                @Override
                public int length() {
                    return length;
                }

                private float[] logits() {
                    float[] logits = new float[vocabulary];
                    logits[next < script.length ? script[next] : 68] = 10;
                    next++;
                    return logits;
                }
            };
        }
    }

    @Test
    void neitherStreamedNorFinalTextHoldsWhatTheFilterTakesOut() {
        int[] tokens = tokenizer.encode(SAID);
        Generator generator = new Generator(new ScriptedDecoder(tokens, tokenizer.vocabularySize()), tokenizer);
        var request = new Generator.Request(new int[] {1}, 500, Sampling.GREEDY, Set.of(68), List.of());
        List<String> pieces = new ArrayList<>();
        FilteredGeneration.Filtered filtered = FilteredGeneration.generate(generator, filter, request, pieces::add, () -> false);
        String streamed = String.join("", pieces);
        assertThat(streamed).isEqualTo(filtered.finished().text());
        assertThat(streamed).isEqualTo(((PiiFilter.Outcome.Redacted) filter.redact(SAID)).text());
        assertThat(streamed).doesNotContain("668", "jane.doe", "Jane Doe").contains("<phone-pii>", "<email-pii>", "<name-pii>");
        assertThat(filtered.redactions()).isEqualTo(3);
        assertThat(filtered.finished().reason()).isEqualTo(Generator.FinishReason.STOP);
        for (String piece : pieces) {
            assertThat(piece).doesNotContain("+41", "@example");
        }
    }

    @Test
    void holdsUpWhenTheValueIsSpreadOverSingleByteTokens() {
        // One byte per token, the worst split: 100 + byte is the byte's id in the tiny vocabulary.
        byte[] bytes = SAID.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int[] tokens = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            tokens[i] = tokenizer.id(String.valueOf(Tokenizer.byteLevelChar(bytes[i] & 0xFF)));
        }
        Generator generator = new Generator(new ScriptedDecoder(tokens, tokenizer.vocabularySize()), tokenizer);
        List<String> pieces = new ArrayList<>();
        var filtered = FilteredGeneration.generate(generator, filter,
                new Generator.Request(new int[] {1}, 500, Sampling.GREEDY, Set.of(68), List.of()), pieces::add, () -> false);
        assertThat(String.join("", pieces)).isEqualTo(((PiiFilter.Outcome.Redacted) filter.redact(SAID)).text()).doesNotContain("668");
        assertThat(filtered.finished().completionTokens()).isEqualTo(bytes.length);
    }
}
