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
    void valuesWrittenInCompatibilityFormsAreFoundAndTheTextAroundThemKept() {
        String text = "電話：＋４１ ４４ ６６８ １８ ００。Mail ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ or jane@example。org, "
                + "IP ８．８．８．８, card ４１１１ 1111 1111 1111, Tel. 044\u2013668 18 00, +41\u201144\u2011668\u201118\u201100, "
                + "هاتف ٠٤٤ ٦٦٨ ١٨ ٠٠ and ０４４\u3000６６８\u3000１８\u3000００; dated ２０２４－１１－２３, ISBN ９７８－３－１６－１４８４１０－０.";
        var outcome = (PiiFilter.Outcome.Redacted) PiiFilter.standard().redact(text);
        assertThat(outcome.text()).isEqualTo("電話：<phone-pii>。Mail <email-pii> or <email-pii>, IP <ip-pii>, card <card-pii>, "
                + "Tel. <phone-pii>, <phone-pii>, هاتف <phone-pii> and <phone-pii>; dated ２０２４－１１－２３, ISBN ９７８－３－１６－１４８４１０－０.");
        assertThat(PiiFilter.standard().scan(text)).extracting(Span::canonical).containsExactly("+41446681800", "jane@example.com",
                "jane@example.org", "8.8.8.8", "4111111111111111", "+41446681800", "+41446681800", "+41446681800", "+41446681800");
        // The same through a stream, token by token.
        StreamingRedactor stream = PiiFilter.standard().streaming();
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < text.length(); i += 3) {
            sent.append(stream.accept(text.substring(i, Math.min(text.length(), i + 3))));
        }
        assertThat(sent.append(stream.finish()).toString()).isEqualTo(outcome.text());
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
    void eachDocumentIsReadAloneThoughTheFilterReusesItsArrays() {
        PiiFilter filter = PiiFilter.standard();
        var first = (PiiFilter.Outcome.Redacted) filter.redact("write to jane@example.org or call +41 44 668 18 00");
        assertThat(first.text()).isEqualTo("write to <email-pii> or call <phone-pii>");
        // A shorter text after it: what is left of the first in a reused array would complete "jane" to an address.
        var second = (PiiFilter.Outcome.Redacted) filter.redact("write to jane");
        assertThat(second.text()).isEqualTo("write to jane");
        assertThat(second.report().counts()).isEmpty();
        var third = (PiiFilter.Outcome.Redacted) filter.redact("from 8.8.8.8 to");
        assertThat(third.text()).isEqualTo("from <ip-pii> to");
        assertThat(first.text()).isEqualTo("write to <email-pii> or call <phone-pii>");
    }

    @Test
    void theThreadsReusedArrayDoesNotKeepTheLastDocument() {
        PiiFilter.standard().redact("write to jane@example.org or call +41 44 668 18 00");
        char[] kept = PiiFilter.SCRATCH.get().chars;
        assertThat(kept.length).isGreaterThanOrEqualTo(50);
        assertThat(new String(kept)).isEqualTo("\0".repeat(kept.length));
    }

    @Test
    void aDetectorOfOnesOwnMayRedactWithAFilterInTurn() {
        PiiFilter inner = PiiFilter.standard();
        // Finds "[...]" and reports it when a filter finds personal data inside: a nested redact on the same thread.
        Detector bracketed = otherIdentifier(40, (text, start, end) -> {
            int close = text.toString().indexOf(']', start);
            if (text.charAt(start) != '[' || close < 0 || close - start > 40) {
                return null;
            }
            String inside = text.subSequence(start + 1, close).toString();
            return inner.redact(inside).report().isEmpty() ? null : new Span(start, close + 1, PiiType.OTHER_IDENTIFIER, inside);
        });
        var outcome = (PiiFilter.Outcome.Redacted) PiiFilter.builder().add(bracketed).build()
                .redact("see [ip 8.8.8.8] and [nothing here] and mail jane@example.org today");
        assertThat(outcome.text()).isEqualTo("see <id-pii> and [nothing here] and mail <email-pii> today");
    }

    @Test
    void detectorsOfOnesOwnPlugIn() {
        Detector ticket = otherIdentifier(10, (text, start, end) -> end - start >= 10
                && text.subSequence(start, start + 4).toString().equals("TKT-")
                ? new Span(start, start + 10, PiiType.OTHER_IDENTIFIER, text.subSequence(start, start + 10).toString())
                : null);
        var outcome = (PiiFilter.Outcome.Redacted) PiiFilter.builder().add(ticket).build().redact("ref TKT-123456 ok");
        assertThat(outcome.text()).isEqualTo("ref <id-pii> ok");
    }

    /** How a detector of one's own finds its value; the rest of {@link Detector} left at its defaults. */
    private interface Match {
        Span at(CharSequence text, int start, int end);
    }

    private static Detector otherIdentifier(int maxLength, Match match) {
        return new Detector() {
            @Override
            public PiiType type() {
                return PiiType.OTHER_IDENTIFIER;
            }

            @Override
            public int maxLength() {
                return maxLength;
            }

            @Override
            public Span match(CharSequence text, int start, int end) {
                return match.at(text, start, end);
            }
        };
    }
}
