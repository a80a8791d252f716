package io.custodia.optout.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** robots.txt semantics by example; RobotsDuelTest checks the same against crawler-commons on random files. */
class RobotsImportTest {

    private final RobotsImport importer = new RobotsImport(List.of("GPTBot", "CCBot", "ClaudeBot"));
    private final LocalDate day = LocalDate.parse("2025-01-15");

    @Test
    void aMissingOrPermissiveRobotsTxtReservesNothing() {
        assertThat(importer.rules("example.org", null, day)).isEmpty();
        assertThat(importer.rules("example.org", "User-agent: *\nDisallow:\n", day)).isEmpty();
        assertThat(importer.rules("example.org", "User-agent: Googlebot\nDisallow: /\n", day)).isEmpty();
    }

    @Test
    void aBlockForEveryoneBindsEveryListedAgentWithoutAGroupOfItsOwn() {
        List<Rule> rules = importer.rules("Example.org", "User-agent: *\nDisallow: /\n\nUser-agent: CCBot\nAllow: /\n", day);
        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.kind()).isEqualTo(RuleKind.URL_PREFIX);
            assertThat(rule.value()).isEqualTo("https://example.org/");
            assertThat(rule.agents()).containsExactly("ClaudeBot", "GPTBot");
            assertThat(rule.source()).isEqualTo(RuleSource.ROBOTS_TXT);
            assertThat(rule.ref()).isEqualTo("example.org");
            assertThat(rule.effective()).isEqualTo(day);
        });
    }

    @Test
    void longerAllowsWinAndAreCarriedAsExceptions() {
        String robots = """
                User-agent: GPTBot
                Disallow: /private/
                Allow: /private/press/
                Allow: /p
                Disallow: /*.pdf$
                """;
        List<Rule> rules = importer.rules("example.org", robots, day);
        assertThat(rules).extracting(Rule::value).containsExactlyInAnyOrder("https://example.org/private/", "https://example.org/*.pdf$");
        assertThat(rules).filteredOn(r -> r.value().endsWith("/private/")).singleElement()
                .satisfies(rule -> assertThat(rule.allow()).containsExactly("https://example.org/private/press/"));
    }

    @Test
    void groupsNamingOneAgentAreMergedAndNamesMatchWhateverTheirCase() {
        String robots = """
                User-agent: gptbot
                Disallow: /a/

                User-agent: GPTBot
                Disallow: /b/
                """;
        assertThat(importer.rules("example.org", robots, day)).extracting(Rule::value)
                .containsExactlyInAnyOrder("https://example.org/a/", "https://example.org/b/");
    }
}
