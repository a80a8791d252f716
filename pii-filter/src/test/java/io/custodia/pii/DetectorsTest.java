package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Valid samples are found with their canonical form and exact extent; near misses (bad checksums, shapes) are not. */
class DetectorsTest {

    private final PiiFilter filter = PiiFilter.standard();

    private Span only(String text) {
        List<Span> spans = filter.scan(text);
        assertThat(spans).as(text).hasSize(1);
        return spans.getFirst();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "write to Jane.Doe@Example.ORG today|EMAIL|Jane.Doe@Example.ORG|jane.doe@example.org",
        "(mail: a.b-c+tag@mail.example.co.uk).|EMAIL|a.b-c+tag@mail.example.co.uk|a.b-c+tag@mail.example.co.uk",
        "Kontakt: jürgen@bücher.de.|EMAIL|jürgen@bücher.de|jürgen@bücher.de",
        "Impressum: info(at)example.ch|EMAIL|info(at)example.ch|info@example.ch",
        "mail jane [at] example [dot] org now|EMAIL|jane [at] example [dot] org|jane@example.org",
        "Mail: Jane.Doe (AT) mail (DOT) example.co.uk.|EMAIL|Jane.Doe (AT) mail (DOT) example.co.uk|jane.doe@mail.example.co.uk",
        "write {jane}{at}... no: jane{at}example{dot}org|EMAIL|jane{at}example{dot}org|jane@example.org",
        "jane[dot]doe[at]example[dot]org|EMAIL|jane[dot]doe[at]example[dot]org|jane.doe@example.org",
        "soft hyphen: jane\u00ad (at) example (dot) org|EMAIL|jane\u00ad (at) example (dot) org|jane@example.org",
        "zero width: jane\u200b[at]example[dot]org|EMAIL|jane\u200b[at]example[dot]org|jane@example.org",
        "call +41 44 668 18 00 now|PHONE|+41 44 668 18 00|+41446681800",
        "call 044 668 18 00 now|PHONE|044 668 18 00|+41446681800",
        "Tel. 0041 44 668 18 00|PHONE|0041 44 668 18 00|+41446681800",
        "Tel: +49 30 901820.|PHONE|+49 30 901820|+4930901820",
        "Tel 030 901820 (Berlin)|PHONE|030 901820|+4930901820",
        "appelez le 01 42 68 53 00|PHONE|01 42 68 53 00|+33142685300",
        "call (212) 555-0123 today|PHONE|(212) 555-0123|+12125550123",
        "call 1-212-555-0123 today|PHONE|1-212-555-0123|+12125550123",
        "call 212.555.0123 today|PHONE|212.555.0123|+12125550123",
        "NBSP: +41\u00a044\u00a0668\u00a018\u00a000|PHONE|+41\u00a044\u00a0668\u00a018\u00a000|+41446681800",
        "spaced +41  44  668  18  00 end|PHONE|+41  44  668  18  00|+41446681800",
        "IBAN CH93 0076 2011 6238 5295 7 bitte|IBAN|CH93 0076 2011 6238 5295 7|CH9300762011623852957",
        "iban: DE89370400440532013000.|IBAN|DE89370400440532013000|DE89370400440532013000",
        "GB29 NWBK 6016 1331 9268 19|IBAN|GB29 NWBK 6016 1331 9268 19|GB29NWBK60161331926819",
        "IBAN: GB29-NWBK-6016-1331-9268-19.|IBAN|GB29-NWBK-6016-1331-9268-19|GB29NWBK60161331926819",
        "fr1420041010050500013m02606|IBAN|fr1420041010050500013m02606|FR1420041010050500013M02606",
        "NO9386011117947|IBAN|NO9386011117947|NO9386011117947",
        "card 4111 1111 1111 1111 exp|PAYMENT_CARD|4111 1111 1111 1111|4111111111111111",
        "card 5500-0000-0000-0004.|PAYMENT_CARD|5500-0000-0000-0004|5500000000000004",
        "amex 378282246310005|PAYMENT_CARD|378282246310005|378282246310005",
        "from 8.8.8.8 and|IP_ADDRESS|8.8.8.8|8.8.8.8",
        "peer 2a00:1450:4001:82b::200e responded|IP_ADDRESS|2a00:1450:4001:82b::200e|2a00:1450:4001:82b::200e",
        "client ::ffff:8.8.8.8 said|IP_ADDRESS|::ffff:8.8.8.8|::ffff:8.8.8.8",
        "via 64:ff9b::93.184.216.34 ok|IP_ADDRESS|64:ff9b::93.184.216.34|64:ff9b::93.184.216.34",
        "AHV 756.1234.5678.97 ok|CH_AHV|756.1234.5678.97|756.1234.5678.97",
        "call (312) 555-0123 now|PHONE|(312) 555-0123|+13125550123",
        "cell 347 123 4567 now|PHONE|347 123 4567|+393471234567",
        "AVS 7561234567897|CH_AHV|7561234567897|756.1234.5678.97",
        "AHV-Nr. 756 1234 5678 97, gültig|CH_AHV|756 1234 5678 97|756.1234.5678.97",
        "card 4111 1111 1111 1111 12/26|PAYMENT_CARD|4111 1111 1111 1111|4111111111111111",
        "email = 'jane.doe@example.com'|EMAIL|jane.doe@example.com|jane.doe@example.com",
        "see _jane@example.com_ now|EMAIL|jane@example.com|jane@example.com",
        "server 93.184.216.34:443 up|IP_ADDRESS|93.184.216.34|93.184.216.34",
        "http://8.8.8.8:53/ ok|IP_ADDRESS|8.8.8.8|8.8.8.8",
    })
    void validValuesAreFoundWithTheirCanonicalForm(String text, PiiType type, String value, String canonical) {
        Span span = only(text);
        assertThat(span.type()).isEqualTo(type);
        assertThat(text.substring(span.start(), span.end())).isEqualTo(value);
        assertThat(span.canonical()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jane.doe@example", "jane@-example.org", "jane@example.c0m",
        "jane (at) example", "jane(at)example", "jane (at)", "jane [at) example.org", "jane [at]  example.org",
        "jane [at] example [dot].", "jane [at] example [dot] 42",
        "user@localhost", "@example.org", "a@b@example.org",
        "CH93 0076 2011 6238 5295 8", "DE89370400440532013001", "XX89370400440532013000", "DE8937040044053201300",
        "GB29-NWBK 6016-1331 9268 19", "GB29 NWBK-6016-1331-9268-19", "GB29-NWBK-6016-1331-9268-18", "GB29-NW-BK60-1613-3192-6819",
        "4111 1111 1111 1112", "4111-1111 1111-1111", "1234 5678 9012 3456", "41111111111111111111",
        "10.0.0.1", "192.168.1.20", "127.0.0.1", "172.16.5.4", "100.64.0.1", "256.1.1.1", "1.2.3", "01.2.3.4",
        "fe80::1", "::1", "2001:db8::1", "fd00::1", "::ffff:192.168.1.20", "::ffff:127.0.0.1", "64:ff9b::10.0.0.1",
        "756.1234.5678.98", "7561234567898", "757.1234.5678.97",
        "756 1234 5678 98", "756.1234 5678.97", "756 1234 5678 97 12", "756 12345 678 97",
        "+41 44 668 18", "+1 555", "12345678", "0000000000",
    })
    void nearMissesAreNotFound(String text) {
        assertThat(filter.scan("see " + text + " here")).as(text).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "ISBN 978-3-16-148410-0", "ISBN 0-306-40615-2", "ISBN-13: 9780306406157",
        "doi:10.1000/182", "https://doi.org/10.1038/nphys1170",
        "on 2024-01-15", "am 15.01.2024", "on 01/15/2024", "at 12:30:45", "2024-01-15T12:30:45Z",
        "version 1.2.3.4", "v2.10.4.1", "release 4.1.0.12", "Python 3.11.7",
        "order 100234567", "invoice #2024-000123", "SKU 4006381333931", "tracking 1Z999AA10123456784",
        "pi is 3.14159265358979", "population 8 000 000 000", "serial 123456789012", "MAC 00:1A:2B:3C:4D:5E",
        "UUID 123e4567-e89b-12d3-a456-426614174000", "hash e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "ratio 1:2:3", "C++ and C#", "x == y", "foo@bar", "£1,234,567.89", "+/- 5%",
        "ordine n. 3471234567 spedito", "codice 347 1234 567 89",
        "we meet (at) noon", "look [at] this", "arrive at example.org", "Hotel (at) the lake.",
        "snake_ [dot] case", "grade a+ (at) school", "a+ (at) example.org grade",
    })
    void theFalsePositiveCorpusStaysClean(String text) {
        assertThat(filter.scan(text)).as(text).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CH|Tel. 021 234 56 78.|021 234 56 78|+41212345678",
        "DE|Tel. 030 123456.|030 123456|+4930123456",
        "FR|Tél. 01 23 45 67 89.|01 23 45 67 89|+33123456789",
        "IT|Tel. 02 1234 5678.|02 1234 5678|+390212345678",
        "IT|Cell. 347 123 4567.|347 123 4567|+393471234567",
        "IT|cellulare 347/1234567, ore serali|347/1234567|+393471234567",
        "AT|Tel. 01 234567890.|01 234567890|+431234567890",
        "GB|Tel. 0121 234 5678.|0121 234 5678|+441212345678",
        "US|Tel. (201) 555-0123.|(201) 555-0123|+12015550123",
        "US|Tel. 201-555-0123.|201-555-0123|+12015550123",
    })
    void nationalFormatsAreReadInTheConfiguredRegion(String region, String text, String value, String e164) {
        List<Span> spans = PiiFilter.builder().phoneRegions(List.of(region)).build().scan(text);
        assertThat(spans).as(text).singleElement().satisfies(span -> {
            assertThat(text.substring(span.start(), span.end())).isEqualTo(value);
            assertThat(span.canonical()).isEqualTo(e164);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"+41\u202f44\u202f668\u202f18\u202f00", "+41 44 668\u200b18 00", "+41\u200b4\u200d4 668 18 00",
        "01\u202f42\u202f68\u202f53\u202f00", "+41\u00ad44\u00ad668\u00ad18\u00ad00"})
    void phonesSplitByInvisibleOrNarrowSpacesAreStillFound(String phone) {
        String text = "call " + phone + " now";
        var outcome = (PiiFilter.Outcome.Redacted) filter.redact(text);
        assertThat(outcome.text()).as(phone).isEqualTo("call <phone-pii> now");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CH93\u202f0076\u202f2011\u202f6238\u202f5295\u202f7", "CH9300\u200b762011623852957",
        "CH93 00\u200d76 2011 6238 5295 7"})
    void ibansSplitByInvisibleOrNarrowSpacesAreStillFound(String iban) {
        var outcome = (PiiFilter.Outcome.Redacted) filter.redact("IBAN " + iban + ".");
        assertThat(outcome.text()).as(iban).isEqualTo("IBAN <iban-pii>.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane\u200b@example.org", "ja\u00adne.doe@exam\u200cple.org", "jane@example\u2060.org"})
    void emailsWithInvisibleCharsAreFoundWhole(String email) {
        var outcome = (PiiFilter.Outcome.Redacted) filter.redact("mail " + email + " now");
        assertThat(outcome.text()).as(email).isEqualTo("mail <email-pii> now");
        assertThat(filter.scan(email).getFirst().canonical()).doesNotContain("\u200b").doesNotContain("\u00ad");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111\u200b1111\u200b1111\u200b1111", "4111\u202f1111\u202f1111\u202f1111", "4111 1111\u00a01111 1111"})
    void cardsSplitByInvisibleOrNarrowSpacesAreStillFound(String card) {
        var outcome = (PiiFilter.Outcome.Redacted) filter.redact("pay " + card + ".");
        assertThat(outcome.text()).as(card).isEqualTo("pay <card-pii>.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"jane..doe@example.org|jane..doe@example.org", "taro.yamada.@docomo.ne.jp|taro.yamada.@docomo.ne.jp",
        ".jane@example.org|jane@example.org", "...jane@example.org|jane@example.org"})
    void addressesWithDotsThatBreakTheRfcAreRedactedWhole(String text, String found) {
        assertThat(filter.scan(text)).singleElement().satisfies(span -> assertThat(text.substring(span.start(), span.end())).isEqualTo(found));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.20", "fd00::1"})
    void privateAddressesAreFoundWhenAskedFor(String ip) {
        PiiFilter all = PiiFilter.builder().publicIpsOnly(false).build();
        assertThat(all.scan("host " + ip + " up")).extracting(Span::type).containsExactly(PiiType.IP_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@example.orgx@y.z", "4111111111111111x", "CH9300762011623852957Z"})
    void valuesGluedToWordsAreNotValues(String text) {
        assertThat(filter.scan(text)).as(text).isEmpty();
    }
}
