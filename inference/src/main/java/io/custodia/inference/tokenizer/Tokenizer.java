package io.custodia.inference.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A pure-Java reader of Hugging Face {@code tokenizer.json} files for byte-level BPE (Llama 3, Apertus): added and
 * special tokens are split out first, the rest goes through the pre-tokenizers ({@code Split} by regular expression,
 * {@code ByteLevel}), then BPE by merge rank, and back through the {@code ByteLevel} decoder. No native library. A
 * differential test holds it to Hugging Face's tokenizers.js on a real vocabulary. Thread-safe.
 */
public final class Tokenizer {

    /** GPT-2's pre-tokenizer pattern, which ByteLevel applies when {@code use_regex} is set. */
    private static final String GPT2_SPLIT = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private final Map<String, Integer> vocab;
    private final String[] tokens;
    private final Map<String, Integer> mergeRanks;
    private final boolean ignoreMerges;
    private final List<Step> preTokenizer;
    /** Added tokens by first char, longest first, so the leftmost-longest one is found by a few comparisons. */
    private final Map<Character, List<String>> addedByFirstChar = new HashMap<>();
    private final Map<String, Integer> added = new HashMap<>();
    private final boolean[] special;
    private final char[] byteChar = new char[256];
    private final int[] charByte = new int[512];
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 100_000;
    /** Words repeat and are short; a long piece is rare, and caching it would let the cache grow by its length. */
    private static final int CACHED_PIECE_CHARS = 64;

    /** One pre-tokenization step: a regex split, or the byte-to-char mapping (optionally with GPT-2's split first). */
    private sealed interface Step {
        record Split(Pattern pattern) implements Step {}

        record ByteLevel(boolean addPrefixSpace, Pattern split) implements Step {}
    }

    private Tokenizer(JsonNode json) throws IOException {
        JsonNode model = json.path("model");
        if (!"BPE".equals(model.path("type").asString(""))) {
            throw new IOException("only BPE tokenizers are read, not " + model.path("type"));
        }
        vocab = new HashMap<>();
        int size = 0;
        for (var entry : model.path("vocab").properties()) {
            vocab.put(entry.getKey(), entry.getValue().asInt());
            size = Math.max(size, entry.getValue().asInt() + 1);
        }
        for (JsonNode token : json.path("added_tokens")) {
            size = Math.max(size, token.path("id").asInt() + 1);
        }
        tokens = new String[size];
        vocab.forEach((token, id) -> tokens[id] = token);
        special = new boolean[size];
        for (JsonNode token : json.path("added_tokens")) {
            String content = token.path("content").asString();
            int id = token.path("id").asInt();
            tokens[id] = content;
            special[id] = token.path("special").asBoolean(false);
            added.put(content, id);
            addedByFirstChar.computeIfAbsent(content.charAt(0), c -> new ArrayList<>()).add(content);
        }
        addedByFirstChar.values().forEach(list -> list.sort((a, b) -> b.length() - a.length()));
        mergeRanks = new HashMap<>();
        int rank = 0;
        for (JsonNode merge : model.path("merges")) {
            String pair = merge.isArray() ? merge.path(0).asString() + " " + merge.path(1).asString() : merge.asString();
            mergeRanks.putIfAbsent(pair, rank++);
        }
        ignoreMerges = model.path("ignore_merges").asBoolean(false);
        preTokenizer = new ArrayList<>();
        steps(json.path("pre_tokenizer"), preTokenizer);
        Arrays.fill(charByte, -1);
        for (int b = 0; b < 256; b++) {
            byteChar[b] = byteLevelChar(b);
            charByte[byteChar[b]] = b;
        }
    }

    /** GPT-2's map from a byte to the printable char that stands for it in byte-level vocabularies. */
    public static char byteLevelChar(int b) {
        int extra = 0;
        for (int x = 0; x < b; x++) {
            if (!printable(x)) {
                extra++;
            }
        }
        return printable(b) ? (char) b : (char) (256 + extra);
    }

    private static boolean printable(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    public static Tokenizer load(Path tokenizerJson) throws IOException {
        return new Tokenizer(JsonMapper.builder().build().readTree(tokenizerJson.toFile()));
    }

    private static void steps(JsonNode node, List<Step> out) throws IOException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        switch (node.path("type").asString("")) {
            case "Sequence" -> {
                for (JsonNode step : node.path("pretokenizers")) {
                    steps(step, out);
                }
            }
            case "Split" -> {
                if (!"Isolated".equals(node.path("behavior").asString("")) || node.path("invert").asBoolean(false)) {
                    throw new IOException("only Split pre-tokenizers that isolate matches are read");
                }
                JsonNode pattern = node.path("pattern");
                String regex = pattern.has("Regex") ? pattern.path("Regex").asString() : Pattern.quote(pattern.path("String").asString());
                out.add(new Step.Split(compile(regex)));
            }
            case "ByteLevel" -> out.add(new Step.ByteLevel(node.path("add_prefix_space").asBoolean(false),
                    node.path("use_regex").asBoolean(true) ? compile(GPT2_SPLIT) : null));
            default -> throw new IOException("pre-tokenizer " + node.path("type") + " is not supported");
        }
    }

    /** Oniguruma patterns as tokenizers writes them; Java needs Unicode classes switched on for {@code \s} to agree. */
    private static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
    }

    public int vocabularySize() {
        return tokens.length;
    }

    /**
     * The most UTF-8 bytes any one token stands for, so also the most UTF-16 chars: a text of c chars needs at least
     * c divided by this many tokens, which tells a prompt too long for the model before it is encoded.
     */
    public int longestTokenBytes() {
        int longest = longestTokenBytes;
        if (longest == 0) {
            for (int id = 0; id < tokens.length; id++) {
                longest = Math.max(longest, bytes(id, false).length);
            }
            longestTokenBytes = Math.max(1, longest);
        }
        return longestTokenBytes;
    }

    private volatile int longestTokenBytes;

    /** The id of a token (as the vocabulary spells it, or an added token's content), or -1. */
    public int id(String token) {
        Integer id = added.get(token);
        if (id == null) {
            id = vocab.get(token);
        }
        return id == null ? -1 : id;
    }

    /** The ids of a text; added and special tokens written in it become their ids. No BOS is added. */
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        int segment = 0;
        int i = 0;
        while (i < text.length()) {
            String token = addedAt(text, i);
            if (token == null) {
                i++;
                continue;
            }
            encodeOrdinary(text.substring(segment, i), out);
            out.add(added.get(token));
            i += token.length();
            segment = i;
        }
        encodeOrdinary(text.substring(segment), out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The ids of a text taken literally: special-token markers written in it stay text. This is how user content is
     * encoded, so that nobody can close their own turn or open the assistant's by typing its marker.
     */
    public int[] encodeText(String text) {
        List<Integer> out = new ArrayList<>();
        encodeOrdinary(text, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private String addedAt(String text, int at) {
        List<String> candidates = addedByFirstChar.get(text.charAt(at));
        if (candidates != null) {
            for (String candidate : candidates) {
                if (text.startsWith(candidate, at)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    private void encodeOrdinary(String text, List<Integer> out) {
        if (text.isEmpty()) {
            return;
        }
        List<String> pieces = List.of(text);
        for (Step step : preTokenizer) {
            List<String> next = new ArrayList<>();
            for (String piece : pieces) {
                switch (step) {
                    case Step.Split split -> isolate(split.pattern(), piece, next);
                    case Step.ByteLevel level -> {
                        String prefixed = level.addPrefixSpace() && pieces.getFirst() == piece && !piece.startsWith(" ") ? " " + piece : piece;
                        List<String> parts = new ArrayList<>();
                        if (level.split() != null) {
                            isolate(level.split(), prefixed, parts);
                        } else {
                            parts.add(prefixed);
                        }
                        for (String part : parts) {
                            next.add(bytesAsChars(part));
                        }
                    }
                }
            }
            pieces = next;
        }
        for (String piece : pieces) {
            // Bounded, so that a stream of never-repeated pieces cannot grow the heap without end.
            int[] ids = piece.length() <= CACHED_PIECE_CHARS && cache.size() < CACHE_LIMIT ? cache.computeIfAbsent(piece, this::bpe)
                    : cache.get(piece);
            for (int id : ids != null ? ids : bpe(piece)) {
                out.add(id);
            }
        }
    }

    /** Matches and the text between them, in order, as tokenizers' "Isolated" behaviour does. */
    private static void isolate(Pattern pattern, String text, List<String> out) {
        Matcher m = pattern.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                out.add(text.substring(last, m.start()));
            }
            if (m.end() > m.start()) {
                out.add(m.group());
            }
            last = m.end();
        }
        if (last < text.length()) {
            out.add(text.substring(last));
        }
    }

    private String bytesAsChars(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = byteChar[bytes[i] & 0xFF];
        }
        return new String(out);
    }

    /**
     * Byte-pair encoding of one piece: repeatedly merges the adjacent pair of lowest merge rank, the leftmost of equals,
     * as tokenizers does. A queue of candidate pairs keeps this O(n log n) in the piece's length; rescanning every pair
     * after each merge was quadratic, and a long run of letters could hold a request thread for hours.
     */
    private int[] bpe(String piece) {
        Integer whole = vocab.get(piece);
        if (ignoreMerges && whole != null) {
            return new int[] {whole};
        }
        int n = piece.length();
        String[] symbols = new String[n];
        int[] next = new int[n];
        int[] prev = new int[n];
        int[] version = new int[n];
        for (int i = 0; i < n; i++) {
            symbols[i] = String.valueOf(piece.charAt(i));
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        // {rank, left, right, left's version, right's version}: lowest rank first, then leftmost.
        PriorityQueue<int[]> pairs = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        for (int i = 0; i + 1 < n; i++) {
            offer(pairs, symbols, version, i, i + 1);
        }
        while (!pairs.isEmpty()) {
            int[] pair = pairs.poll();
            int left = pair[1];
            int right = pair[2];
            if (symbols[left] == null || symbols[right] == null || next[left] != right || version[left] != pair[3]
                    || version[right] != pair[4]) {
                continue;
            }
            symbols[left] = symbols[left] + symbols[right];
            symbols[right] = null;
            version[left]++;
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            if (prev[left] >= 0) {
                offer(pairs, symbols, version, prev[left], left);
            }
            if (next[left] >= 0) {
                offer(pairs, symbols, version, left, next[left]);
            }
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i >= 0 && i < n; i = next[i]) {
            Integer id = vocab.get(symbols[i]);
            if (id == null) {
                throw new IllegalStateException("the vocabulary lacks the byte-level symbol " + symbols[i]);
            }
            ids.add(id);
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private void offer(PriorityQueue<int[]> pairs, String[] symbols, int[] version, int left, int right) {
        Integer rank = mergeRanks.get(symbols[left] + " " + symbols[right]);
        if (rank != null) {
            pairs.add(new int[] {rank, left, right, version[left], version[right]});
        }
    }

    /**
     * The bytes one token stands for: its UTF-8 bytes for byte-level tokens (possibly part of a character), the text
     * of an added token, nothing for a special token when {@code skipSpecial}. What streaming decoders accumulate.
     */
    public byte[] bytes(int id, boolean skipSpecial) {
        if (id < 0 || id >= tokens.length || tokens[id] == null) {
            throw new IllegalArgumentException("id " + id + " is not in the vocabulary");
        }
        if (added.containsKey(tokens[id]) && added.get(tokens[id]) == id) {
            return skipSpecial && special[id] ? new byte[0] : tokens[id].getBytes(StandardCharsets.UTF_8);
        }
        byte[] out = new byte[tokens[id].length()];
        for (int i = 0; i < out.length; i++) {
            char c = tokens[id].charAt(i);
            int b = c < charByte.length ? charByte[c] : -1;
            if (b < 0) {
                throw new IllegalArgumentException("token " + id + " is not a byte-level token");
            }
            out[i] = (byte) b;
        }
        return out;
    }

    /** The text of ids: byte-level tokens back to UTF-8, added tokens as written (special ones left out if asked). */
    public String decode(int[] ids, boolean skipSpecial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.writeBytes(bytes(id, skipSpecial));
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
