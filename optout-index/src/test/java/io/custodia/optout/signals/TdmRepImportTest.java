package io.custodia.optout.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TdmRepImportTest {

    private final TdmRepImport importer = new TdmRepImport();
    private final LocalDate day = LocalDate.parse("2026-11-30");

    @Test
    void reservedLocationsBecomeRulesThatEarlierUnreservedOnesExempt() {
        String file = """
                [{"location":"/open/*","tdm-reservation":0},
                 {"location":"/","tdm-reservation":1,"tdm-policy":"https://example.org/policy.json"},
                 {"location":"/later/","tdm-reservation":0}]
                """;
        var parsed = (TdmRepImport.Parse.Parsed) importer.rules("Example.org", file, day);
        assertThat(parsed.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.kind()).isEqualTo(RuleKind.URL_PREFIX);
            assertThat(rule.value()).isEqualTo("https://example.org/");
            // Only the entry before it wins over it: the first matching entry decides.
            assertThat(rule.allow()).containsExactly("https://example.org/open/*");
            assertThat(rule.source()).isEqualTo(RuleSource.TDMREP);
            assertThat(rule.ref()).isEqualTo("example.org");
            assertThat(rule.agents()).containsExactly("tdm");
            assertThat(rule.effective()).isEqualTo(day);
        });
    }

    @Test
    void protocolErrorsLeaveEntriesUnset() {
        String file = """
                [{"location":"/a","tdm-reservation":2},{"location":"/b","tdm-reservation":"yes"},
                 {"location":"c","tdm-reservation":1},{"tdm-reservation":1},{"location":"/d","tdm-reservation":"1"}]
                """;
        var parsed = (TdmRepImport.Parse.Parsed) importer.rules("example.org", file, day);
        assertThat(parsed.rules()).extracting(Rule::value).containsExactly("https://example.org/d");
        assertThat(parsed.ignoredEntries()).isEqualTo(4);
    }

    @Test
    void aMissingFileReservesNothingAndAnythingButAnArrayIsMalformed() {
        assertThat(importer.rules("example.org", null, day)).isEqualTo(new TdmRepImport.Parse.Parsed(List.of(), 0));
        assertThat(importer.rules("example.org", "{\"tdm\":\"optout\"}", day)).isInstanceOf(TdmRepImport.Parse.Malformed.class);
        assertThat(importer.rules("example.org", "[{", day)).isInstanceOf(TdmRepImport.Parse.Malformed.class);
    }
}
