package io.custodia.inference.checkpoint;

import io.custodia.inference.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiny checkpoint's tokenizer: a Hugging Face {@code tokenizer.json} for byte-level BPE as Llama 3 and Apertus
 * configure it (a regex split, then GPT-2's byte-to-char mapping), with Apertus' special tokens at their ids, the 256
 * bytes, and merges learned here by plain BPE on a fixed multilingual text. Deterministic, so tests can rely on it.
 */
final class TinyTokenizer {

    static final int VOCABULARY = 512;
    private static final int SPECIALS = 100;
    /** Llama 3's pre-tokenizer pattern. */
    static final String SPLIT = "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String TEXT = """
            The model is trained on open data. Site owners can opt out of training, and people can ask for their personal
            data to be removed. Das Modell wird mit offenen Daten trainiert; die Betreiber von Websites können widersprechen.
            Le modèle est entraîné sur des données ouvertes, et chacun peut demander la suppression de ses données.
            Il modello è addestrato su dati aperti: i titolari dei siti possono opporsi. Call +41 44 668 18 00 or write
            to jane.doe@example.org. The assistant answers questions, writes code, and explains the weather in Zürich.
            """;

    private TinyTokenizer() {}

    static String json() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        List<Map<String, Object>> added = new ArrayList<>();
        for (int id = 0; id < SPECIALS; id++) {
            String token = special(id);
            vocab.put(token, id);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("content", token);
            entry.put("single_word", false);
            entry.put("lstrip", false);
            entry.put("rstrip", false);
            entry.put("normalized", false);
            entry.put("special", true);
            added.add(entry);
        }
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(Tokenizer.byteLevelChar(b)), SPECIALS + b);
        }
        // Plain BPE: split the text, map its bytes, and merge the most frequent adjacent pair until the vocabulary is full.
        List<List<String>> words = new ArrayList<>();
        Matcher split = Pattern.compile(SPLIT).matcher(TEXT);
        while (split.find()) {
            List<String> word = new ArrayList<>();
            for (byte b : split.group().getBytes(StandardCharsets.UTF_8)) {
                word.add(String.valueOf(Tokenizer.byteLevelChar(b & 0xFF)));
            }
            words.add(word);
        }
        List<List<String>> merges = new ArrayList<>();
        while (vocab.size() < VOCABULARY) {
            Map<String, Integer> counts = new HashMap<>();
            String best = null;
            for (List<String> word : words) {
                for (int i = 0; i + 1 < word.size(); i++) {
                    String pair = word.get(i) + "\u0000" + word.get(i + 1);
                    int n = counts.merge(pair, 1, Integer::sum);
                    if (best == null || n > counts.get(best) || (n == counts.get(best) && pair.compareTo(best) < 0)) {
                        best = pair;
                    }
                }
            }
            if (best == null) {
                break;
            }
            String[] parts = best.split("\u0000");
            String merged = parts[0] + parts[1];
            merges.add(List.of(parts[0], parts[1]));
            vocab.putIfAbsent(merged, vocab.size());
            for (List<String> word : words) {
                for (int i = 0; i + 1 < word.size(); i++) {
                    if (word.get(i).equals(parts[0]) && word.get(i + 1).equals(parts[1])) {
                        word.set(i, merged);
                        word.remove(i + 1);
                    }
                }
            }
        }
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("version", "1.0");
        tokenizer.put("truncation", null);
        tokenizer.put("padding", null);
        tokenizer.put("added_tokens", added);
        tokenizer.put("normalizer", null);
        tokenizer.put("pre_tokenizer", Map.of("type", "Sequence", "pretokenizers", List.of(
                Map.of("type", "Split", "pattern", Map.of("Regex", SPLIT), "behavior", "Isolated", "invert", false),
                Map.of("type", "ByteLevel", "add_prefix_space", false, "trim_offsets", true, "use_regex", false))));
        tokenizer.put("post_processor", null);
        tokenizer.put("decoder", Map.of("type", "ByteLevel", "add_prefix_space", true, "trim_offsets", true, "use_regex", true));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", null);
        model.put("end_of_word_suffix", null);
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        tokenizer.put("model", model);
        return ApertusConfig.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tokenizer);
    }

    /** Apertus' special tokens at their ids; the ids it reserves without a published name get placeholders. */
    static String special(int id) {
        return switch (id) {
            case 0 -> "<unk>";
            case 1 -> "<s>";
            case 2 -> "</s>";
            case 3 -> "<pad>";
            case 36 -> "<iban-pii>";
            case 37 -> "<email-pii>";
            case 38 -> "<ip-pii>";
            case 61 -> "<|system_start|>";
            case 62 -> "<|system_end|>";
            case 63 -> "<|developer_start|>";
            case 64 -> "<|developer_end|>";
            case 65 -> "<|user_start|>";
            case 66 -> "<|user_end|>";
            case 67 -> "<|assistant_start|>";
            case 68 -> "<|assistant_end|>";
            case 69 -> "<|inner_prefix|>";
            case 70 -> "<|inner_suffix|>";
            case 71 -> "<|tools_prefix|>";
            case 72 -> "<|tools_suffix|>";
            default -> "<SPECIAL_" + id + ">";
        };
    }
}
