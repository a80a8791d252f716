package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String TEXT = "Mail jane@example.org, card 4111 1111 1111 1111, from 8.8.8.8.";

    @Test
    void typedMarkersByDefaultWithAReportOfTypesAndOffsetsOnly() {
        var outcome = (PiiFilter.Outcome.Redacted) PiiFilter.standard().redact(TEXT);
        assertThat(outcome.text()).isEqualTo("Mail <email-pii>, card <card-pii>, from <ip-pii>.");
        assertThat(outcome.report().counts())
                .isEqualTo(Map.of(PiiType.EMAIL, 1, PiiType.PAYMENT_CARD, 1, PiiType.IP_ADDRESS, 1));
        assertThat(outcome.report().findings().getFirst()).isEqualTo(new Report.Finding(PiiType.EMAIL, 5, 21));
        assertThat(outcome.report().toString()).doesNotContain("jane").doesNotContain("4111").doesNotContain("8.8.8.8");
    }

    @Test
    void maskKeepsLengthsAndOffsets() {
        var filter = PiiFilter.builder().policy(RedactionPolicy.markers().with(PiiType.PAYMENT_CARD, RedactionPolicy.Action.MASK)).build();
        var outcome = (PiiFilter.Outcome.Redacted) filter.redact(TEXT);
        assertThat(outcome.text()).isEqualTo("Mail <email-pii>, card *******************, from <ip-pii>.");
    }

    @Test
    void dropDocumentDropsOnlyDocumentsWithThatType() {
        var filter = PiiFilter.builder()
                .policy(RedactionPolicy.markers().with(PiiType.IBAN, RedactionPolicy.Action.DROP_DOCUMENT)).build();
        assertThat(filter.redact(TEXT)).isInstanceOf(PiiFilter.Outcome.Redacted.class);
        var dropped = filter.redact("pay to CH93 0076 2011 6238 5295 7 please");
        assertThat(dropped).isInstanceOf(PiiFilter.Outcome.Dropped.class);
        assertThat(dropped.report().counts()).isEqualTo(Map.of(PiiType.IBAN, 1));
    }

    @Test
    void detectorsOfOnesOwnPlugIn() {
        Detector ticket = new Detector() {
            @Override
            public PiiType type() {
                return PiiType.OTHER_IDENTIFIER;
            }

            @Override
            public int maxLength() {
                return 10;
            }

            @Override
            public Span match(CharSequence text, int start, int end) {
                return end - start >= 10 && text.subSequence(start, start + 4).toString().equals("TKT-")
                        ? new Span(start, start + 10, PiiType.OTHER_IDENTIFIER, text.subSequence(start, start + 10).toString())
                        : null;
            }
        };
        var outcome = (PiiFilter.Outcome.Redacted) PiiFilter.builder().add(ticket).build().redact("ref TKT-123456 ok");
        assertThat(outcome.text()).isEqualTo("ref <id-pii> ok");
    }
}
