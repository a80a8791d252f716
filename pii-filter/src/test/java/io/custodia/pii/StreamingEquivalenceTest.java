package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The streaming guarantee as a property over random documents and random chunkings: what the stream sends equals the
 * batch output, no planted value is ever sent, and the hold-back stays bounded.
 */
class StreamingEquivalenceTest {

    private static final int MAX_HELD_BACK = 2 * 256;

    private final PiiFilter filter = PiiFilter.standard();

    @Test
    void streamingOutputEqualsBatchOutputForEveryChunking() {
        long seed = Seeds.seed("streaming");
        Random random = new Random(seed);
        for (int doc = 0; doc < 400; doc++) {
            TextGenerator generator = new TextGenerator(random);
            String text = generator.document(20 + random.nextInt(300));
            PiiFilter.Outcome.Redacted batch = (PiiFilter.Outcome.Redacted) filter.redact(text);
            for (String value : generator.planted) {
                assertThat(batch.text()).as("seed %d doc %d: %s", seed, doc, value).doesNotContain(value);
            }
            assertThat(batch.text()).as("seed %d doc %d: redaction is the scanned spans replaced", seed, doc)
                    .isEqualTo(replaced(text, filter.scan(text)));

            for (int chunking = 0; chunking < 5; chunking++) {
                StreamingRedactor stream = filter.streaming();
                StringBuilder sent = new StringBuilder();
                int maxChunk = chunking == 0 ? 1 : 1 + random.nextInt(chunking * 8);
                for (int i = 0; i < text.length(); ) {
                    int n = Math.min(text.length() - i, 1 + random.nextInt(maxChunk));
                    sent.append(stream.accept(text.substring(i, i + n)));
                    assertThat(stream.heldBack()).isLessThanOrEqualTo(MAX_HELD_BACK + n);
                    i += n;
                }
                sent.append(stream.finish());
                assertThat(sent.toString()).as("seed %d doc %d chunking %d", seed, doc, chunking).isEqualTo(batch.text());
                assertThat(stream.report()).isEqualTo(batch.report());
            }
        }
    }

    private static String replaced(String text, java.util.List<Span> spans) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, span.start()).append(span.type().marker());
            at = span.end();
        }
        return out.append(text.substring(at)).toString();
    }

    @Test
    void aValueSplitAcrossChunksIsNeverSent() {
        String text = "Reach me at jane.doe@example.org or +41 44 668 18 00, IBAN CH93 0076 2011 6238 5295 7.";
        for (int cut = 1; cut < text.length(); cut++) {
            StreamingRedactor stream = filter.streaming();
            String first = stream.accept(text.substring(0, cut));
            String second = stream.accept(text.substring(cut));
            String rest = stream.finish();
            assertThat(first + second + rest).isEqualTo(
                    "Reach me at <email-pii> or <phone-pii>, IBAN <iban-pii>.");
            for (String sent : new String[] {first, second, rest}) {
                assertThat(sent).doesNotContain("jane").doesNotContain("668").doesNotContain("0076");
            }
        }
    }

    @Test
    void finishedStreamsRefuseMoreText() {
        StreamingRedactor stream = filter.streaming();
        stream.accept("a");
        assertThat(stream.finish()).isEqualTo("a");
        assertThat(stream.finish()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stream.accept("b")).isInstanceOf(IllegalStateException.class);
    }
}
