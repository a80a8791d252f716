package io.custodia.inference.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A small Apertus checkpoint with random weights and the real architecture and file layout (config.json, two
 * safetensors shards with their index, a byte-level BPE tokenizer.json with Apertus' special-token ids), for tests and
 * the embedded demo. The same seed writes the same files.
 */
public final class TinyCheckpoint {

    /** 2 layers, hidden 64, 4 heads over 2 KV heads of 16, vocabulary 512; RoPE scaled as the 8B is, from 64 positions. */
    public static final ApertusConfig TINY = new ApertusConfig(64, 192, 2, 4, 2, 16, 512, 2048, 1e-5, 12_000_000,
            new ApertusConfig.RopeScaling(8, 1, 4, 64), 1, 68, 3);

    private TinyCheckpoint() {}

    public static void write(Path dir, long seed) throws IOException {
        write(dir, TINY, seed);
    }

    /** Writes a random checkpoint of any shape; the tokenizer is the tiny one, so the vocabulary must be 512. */
    public static void write(Path dir, ApertusConfig config, long seed) throws IOException {
        if (config.vocabSize() != TinyTokenizer.VOCABULARY) {
            throw new IllegalArgumentException("the generated tokenizer has " + TinyTokenizer.VOCABULARY + " tokens");
        }
        Files.createDirectories(dir);
        Random random = new Random(seed);
        int hidden = config.hiddenSize();
        int d = config.headDim();
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        put(values, shapes, "model.embed_tokens.weight", gaussian(random, config.vocabSize() * hidden, 0.5), config.vocabSize(), hidden);
        for (int i = 0; i < config.layers(); i++) {
            String p = "model.layers." + i + ".";
            put(values, shapes, p + "attention_layernorm.weight", around(random, hidden, 1, 0.1), hidden);
            put(values, shapes, p + "self_attn.q_proj.weight", gaussian(random, config.heads() * d * hidden, 0.15), config.heads() * d, hidden);
            put(values, shapes, p + "self_attn.k_proj.weight", gaussian(random, config.kvHeads() * d * hidden, 0.15), config.kvHeads() * d, hidden);
            put(values, shapes, p + "self_attn.v_proj.weight", gaussian(random, config.kvHeads() * d * hidden, 0.15), config.kvHeads() * d, hidden);
            put(values, shapes, p + "self_attn.o_proj.weight", gaussian(random, hidden * config.heads() * d, 0.15), hidden, config.heads() * d);
            put(values, shapes, p + "self_attn.q_norm.weight", around(random, d, 1, 0.1), d);
            put(values, shapes, p + "self_attn.k_norm.weight", around(random, d, 1, 0.1), d);
            put(values, shapes, p + "feedforward_layernorm.weight", around(random, hidden, 1, 0.1), hidden);
            put(values, shapes, p + "mlp.up_proj.weight", gaussian(random, config.intermediateSize() * hidden, 0.15), config.intermediateSize(), hidden);
            put(values, shapes, p + "mlp.down_proj.weight", gaussian(random, hidden * config.intermediateSize(), 0.1), hidden, config.intermediateSize());
            // As initialised in transformers (a_p = a_n = 0.8 after softplus), moved a little so that layers differ.
            put(values, shapes, p + "mlp.act_fn.alpha_p", new float[] {(float) (Math.log(Math.expm1(0.8)) + 0.1 * random.nextGaussian())}, 1);
            put(values, shapes, p + "mlp.act_fn.alpha_n", new float[] {(float) (Math.log(Math.expm1(0.3)) + 0.1 * random.nextGaussian())}, 1);
            put(values, shapes, p + "mlp.act_fn.beta", new float[] {0.5f}, 1);
            put(values, shapes, p + "mlp.act_fn.eps", new float[] {-1e-6f}, 1);
        }
        put(values, shapes, "model.norm.weight", around(random, hidden, 1, 0.1), hidden);
        put(values, shapes, "lm_head.weight", gaussian(random, config.vocabSize() * hidden, 0.3), config.vocabSize(), hidden);

        // Two shards, as large checkpoints come: the embeddings and first half of the layers, then the rest.
        List<String> names = new ArrayList<>(values.keySet());
        int split = names.size() / 2;
        Map<String, String> weightMap = new TreeMap<>();
        long totalSize = 0;
        for (int shard = 0; shard < 2; shard++) {
            String file = "model-0000" + (shard + 1) + "-of-00002.safetensors";
            Map<String, float[]> part = new LinkedHashMap<>();
            for (String name : shard == 0 ? names.subList(0, split) : names.subList(split, names.size())) {
                part.put(name, values.get(name));
                weightMap.put(name, file);
                totalSize += values.get(name).length * 2L;
            }
            Checkpoint.write(dir.resolve(file), part, shapes, "BF16");
        }
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("metadata", Map.of("total_size", totalSize));
        index.put("weight_map", weightMap);
        ApertusConfig.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.safetensors.index.json").toFile(), index);
        ApertusConfig.JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config.toJson());
        Files.writeString(dir.resolve("tokenizer.json"), TinyTokenizer.json());
    }

    private static void put(Map<String, float[]> values, Map<String, long[]> shapes, String name, float[] data, long... shape) {
        values.put(name, data);
        shapes.put(name, shape);
    }

    private static float[] gaussian(Random random, int n, double std) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (random.nextGaussian() * std);
        }
        return out;
    }

    private static float[] around(Random random, int n, double mean, double std) {
        float[] out = gaussian(random, n, std);
        for (int i = 0; i < n; i++) {
            out[i] += (float) mean;
        }
        return out;
    }
}
