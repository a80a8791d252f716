package io.custodia.optout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Derived rule ids are part of every snapshot's content: the same rule must get the same id from any build. */
class RuleIdTest {

    private static final LocalDate DAY = LocalDate.parse("2025-01-15");

    @Test
    void derivedIdsAreTheFirstTenBytesOfTheRulesSha256() {
        // Expected values computed outside Java: sha256 of each part and a line feed, hex of the first 10 bytes.
        Rule domain = new Rule(null, RuleKind.DOMAIN, "example.org", List.of(), RuleSource.REQUEST, "r1", List.of(), DAY);
        assertThat(domain.id()).isEqualTo("d-d533760bd8a13e674ed7");
        Rule prefix = new Rule(" ", RuleKind.URL_PREFIX, "https://example.org/a/",
                List.of("https://example.org/a/b", "https://example.org/a/c"), RuleSource.ROBOTS_TXT, null, List.of("GPTBot"), DAY);
        assertThat(prefix.id()).isEqualTo("u-41ad12f22da1bdae738b");
    }

    @Test
    void anIdGivenIsKept() {
        assertThat(new Rule("mine", RuleKind.DOMAIN, "example.org", null, RuleSource.MANUAL, null, null, DAY).id()).isEqualTo("mine");
    }
}
