package io.custodia.inference.checkpoint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of an Apertus {@code config.json} that the forward pass needs. {@code headDim} is hidden / heads unless
 * the file says otherwise, and KV heads default to the attention heads, as in transformers.
 */
public record ApertusConfig(int hiddenSize, int intermediateSize, int layers, int heads, int kvHeads, int headDim,
        int vocabSize, int maxPositions, double rmsNormEps, double ropeTheta, RopeScaling ropeScaling, int bosId,
        int eosId, int padId) {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** llama3-type RoPE frequency scaling; null in {@link ApertusConfig#ropeScaling()} when the model has none. */
    public record RopeScaling(double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositions) {}

    public ApertusConfig {
        if (hiddenSize <= 0 || layers <= 0 || heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("inconsistent sizes: hidden " + hiddenSize + ", heads " + heads
                    + ", kv heads " + kvHeads + ", head dim " + headDim);
        }
    }

    public static ApertusConfig read(Path configJson) throws IOException {
        JsonNode c = JSON.readTree(configJson.toFile());
        if (!"apertus".equals(c.path("model_type").asString(""))) {
            throw new IOException(configJson + " is not an Apertus config (model_type " + c.path("model_type") + ")");
        }
        int hidden = c.path("hidden_size").asInt();
        int heads = c.path("num_attention_heads").asInt();
        JsonNode scaling = c.path("rope_scaling");
        RopeScaling rope = scaling.isObject() && "llama3".equals(scaling.path("rope_type").asString(""))
                ? new RopeScaling(scaling.path("factor").asDouble(), scaling.path("low_freq_factor").asDouble(),
                        scaling.path("high_freq_factor").asDouble(), scaling.path("original_max_position_embeddings").asInt())
                : null;
        return new ApertusConfig(hidden, c.path("intermediate_size").asInt(), c.path("num_hidden_layers").asInt(), heads,
                c.path("num_key_value_heads").asInt(heads), c.path("head_dim").asInt(hidden / heads),
                c.path("vocab_size").asInt(), c.path("max_position_embeddings").asInt(), c.path("rms_norm_eps").asDouble(1e-5),
                c.path("rope_theta").asDouble(10_000), rope, c.path("bos_token_id").asInt(1), firstId(c.path("eos_token_id"), 2),
                c.path("pad_token_id").asInt(3));
    }

    /** A token id as transformers writes it: a number, or a list whose first entry is the main one. */
    private static int firstId(JsonNode id, int otherwise) {
        JsonNode first = id.isArray() && !id.isEmpty() ? id.get(0) : id;
        return first.canConvertToInt() ? first.asInt() : otherwise;
    }

    /** The config as transformers writes it for {@code ApertusForCausalLM}. */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("architectures", new String[] {"ApertusForCausalLM"});
        out.put("model_type", "apertus");
        out.put("hidden_size", hiddenSize);
        out.put("intermediate_size", intermediateSize);
        out.put("num_hidden_layers", layers);
        out.put("num_attention_heads", heads);
        out.put("num_key_value_heads", kvHeads);
        out.put("head_dim", headDim);
        out.put("vocab_size", vocabSize);
        out.put("max_position_embeddings", maxPositions);
        out.put("hidden_act", "xielu");
        out.put("rms_norm_eps", rmsNormEps);
        out.put("rope_theta", ropeTheta);
        if (ropeScaling != null) {
            Map<String, Object> rope = new LinkedHashMap<>();
            rope.put("rope_type", "llama3");
            rope.put("factor", ropeScaling.factor());
            rope.put("low_freq_factor", ropeScaling.lowFreqFactor());
            rope.put("high_freq_factor", ropeScaling.highFreqFactor());
            rope.put("original_max_position_embeddings", ropeScaling.originalMaxPositions());
            out.put("rope_scaling", rope);
        }
        out.put("qk_norm", true);
        out.put("post_norm", false);
        out.put("attention_bias", false);
        out.put("mlp_bias", false);
        out.put("tie_word_embeddings", false);
        out.put("bos_token_id", bosId);
        out.put("eos_token_id", eosId);
        out.put("pad_token_id", padId);
        out.put("torch_dtype", "bfloat16");
        return out;
    }
}
