package io.custodia.optout.signals;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns a host's robots.txt into exclusion rules with crawler-commons' RFC 9309 parser: for each listed AI agent,
 * every path the agent may not fetch becomes a URL_PREFIX rule, carrying the Allow patterns that win over it (longer or
 * equally long), so that a rule excludes exactly what robots.txt forbids that agent. An agent without a group of its
 * own follows the {@code *} group, as the RFC says; a missing robots.txt reserves nothing.
 */
public final class RobotsImport {

    /** The AI user agents whose January 2025 reservations Apertus honoured. */
    public static final List<String> APERTUS_AGENTS = List.of("AI2Bot", "Applebot-Extended", "Bytespider", "CCBot",
            "ClaudeBot", "cohere-training-data-crawler", "Diffbot", "FacebookBot", "Meta-ExternalAgent", "Google-Extended",
            "GPTBot", "PanguBot");

    private final List<String> agents;

    public RobotsImport(List<String> agents) {
        if (agents.isEmpty()) {
            throw new IllegalArgumentException("at least one user agent is needed");
        }
        this.agents = List.copyOf(agents);
    }

    /** The rules for one host; none when {@code robotsTxt} is null (no robots.txt) or it reserves nothing. */
    public List<Rule> rules(String host, String robotsTxt, LocalDate fetched) {
        if (robotsTxt == null) {
            return List.of();
        }
        String origin = "https://" + host.toLowerCase(Locale.ROOT);
        byte[] content = robotsTxt.getBytes(StandardCharsets.UTF_8);
        // (disallow pattern, allow patterns that beat it) -> the agents it binds
        Map<List<String>, TreeSet<String>> blocks = new TreeMap<>((a, b) -> String.join("\n", a).compareTo(String.join("\n", b)));
        for (String agent : agents) {
            SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
            SimpleRobotRules rules = parser.parseContent(origin + "/robots.txt", content, "text/plain",
                    List.of(agent.toLowerCase(Locale.ROOT)));
            if (rules.isAllowAll()) {
                continue;
            }
            if (rules.isAllowNone()) {
                blocks.computeIfAbsent(List.of("/"), k -> new TreeSet<>()).add(agent);
                continue;
            }
            List<SimpleRobotRules.RobotRule> list = rules.getRobotRules();
            for (SimpleRobotRules.RobotRule disallow : list) {
                if (disallow.isAllow() || disallow.getPrefix().isEmpty()) {
                    continue;
                }
                List<String> key = new ArrayList<>();
                key.add(disallow.getPrefix());
                list.stream()
                        .filter(r -> r.isAllow() && r.getPrefix().length() >= disallow.getPrefix().length())
                        .map(SimpleRobotRules.RobotRule::getPrefix)
                        .sorted().distinct()
                        .forEach(key::add);
                blocks.computeIfAbsent(key, k -> new TreeSet<>()).add(agent);
            }
        }
        List<Rule> out = new ArrayList<>();
        blocks.forEach((key, bound) -> out.add(new Rule(null, RuleKind.URL_PREFIX, origin + key.getFirst(),
                key.subList(1, key.size()).stream().map(p -> origin + p).toList(),
                RuleSource.ROBOTS_TXT, host.toLowerCase(Locale.ROOT), List.copyOf(bound), fetched)));
        return out;
    }
}
