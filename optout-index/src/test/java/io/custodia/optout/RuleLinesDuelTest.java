package io.custodia.optout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rules are written field by field; the bytes must be those of the same rule built as a JSON tree and serialized, the
 * form the rules digests of earlier snapshots were taken over. Random rules with quotes, backslashes, control chars,
 * non-ASCII and surrogate pairs; the seed is logged.
 */
class RuleLinesDuelTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHARS = "aZ09 \"\\/\u0000\u001f\u007f\t\n\r\u00e9\u00fc\u4e2d\u2028\ud83d\ude00<>&'=";

    @Test
    void writesTheBytesOfTheTree() throws Exception {
        long seed = Seeds.seed("rule-lines-duel");
        Random random = new Random(seed);
        StringWriter shared = new StringWriter();
        StringBuilder trees = new StringBuilder();
        RuleLines.LineWriter lines = new RuleLines.LineWriter(shared);
        for (int i = 0; i < 5_000; i++) {
            Rule rule = new Rule(random.nextBoolean() ? null : text(random), RuleKind.values()[random.nextInt(RuleKind.values().length)],
                    "x" + text(random), texts(random), RuleSource.values()[random.nextInt(RuleSource.values().length)], text(random),
                    texts(random), LocalDate.of(2000 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            String content = random.nextInt(4) == 0 ? text(random) : null;
            StringWriter streamed = new StringWriter();
            RuleLines.write(streamed, rule, content);
            assertThat(streamed.toString()).as("seed %d rule %d", seed, i).isEqualTo(tree(rule, content));
            lines.write(rule, content);
            trees.append(tree(rule, content));
        }
        lines.close();
        // One writer for many rules, as the rules digest writes them, gives the same lines one after the other.
        assertThat(shared.toString()).as("seed %d", seed).isEqualTo(trees.toString());
    }

    /** The former writer: a tree, then the mapper's serialization. */
    private static String tree(Rule rule, String text) {
        ObjectNode object = JSON.createObjectNode();
        object.put("id", rule.id());
        object.put("kind", rule.kind().name());
        object.put("value", rule.value());
        var allow = object.putArray("allow");
        rule.allow().forEach(allow::add);
        object.put("source", rule.source().name());
        object.put("ref", rule.ref());
        var agents = object.putArray("agents");
        rule.agents().forEach(agents::add);
        object.put("effective", rule.effective().toString());
        if (text != null) {
            object.put("text", text);
        }
        return JSON.writeValueAsString(object) + "\n";
    }

    private static String text(Random random) {
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            char c = CHARS.charAt(random.nextInt(CHARS.length()));
            out.append(c);
            if (Character.isHighSurrogate(c)) {
                out.append('\ude00');
            }
        }
        return out.toString();
    }

    private static List<String> texts(Random random) {
        List<String> out = new ArrayList<>();
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(text(random));
        }
        return out;
    }
}
