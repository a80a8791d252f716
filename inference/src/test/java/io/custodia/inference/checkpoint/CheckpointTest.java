package io.custodia.inference.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir
    Path tmp;

    @Test
    void theTinyCheckpointHasTheRealLayoutAndOpensWithItsShapes() throws IOException {
        TinyCheckpoint.write(tmp, 42);
        assertThat(tmp.resolve("config.json")).exists();
        assertThat(tmp.resolve("tokenizer.json")).exists();
        assertThat(tmp.resolve("model.safetensors.index.json")).content().contains("\"weight_map\"").contains("model-00002-of-00002.safetensors");
        try (Checkpoint checkpoint = Checkpoint.open(tmp)) {
            assertThat(checkpoint.config()).isEqualTo(TinyCheckpoint.TINY);
            // 2 + 14 per layer + norm and head.
            assertThat(checkpoint.tensors()).hasSize(2 + 2 * 14 + 1);
            assertThat(checkpoint.tensor("model.layers.1.self_attn.k_proj.weight", 32, 64).dtype()).isEqualTo("BF16");
            assertThat(checkpoint.tensor("model.layers.0.mlp.act_fn.beta", 1).floats()).containsExactly(0.5f);
            assertThatThrownBy(() -> checkpoint.tensor("model.layers.0.self_attn.q_proj.weight", 64, 32))
                    .hasMessageContaining("has shape [64, 64]");
            assertThatThrownBy(() -> checkpoint.tensor("model.layers.9.mlp.up_proj.weight", 192, 64)).hasMessageContaining("no tensor");
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOtherWeights() throws IOException {
        TinyCheckpoint.write(tmp.resolve("a"), 7);
        TinyCheckpoint.write(tmp.resolve("b"), 7);
        TinyCheckpoint.write(tmp.resolve("c"), 8);
        for (String file : new String[] {"config.json", "tokenizer.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"}) {
            assertThat(Files.readAllBytes(tmp.resolve("a").resolve(file))).as(file).isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(file)));
        }
        assertThat(Files.readAllBytes(tmp.resolve("a/model-00001-of-00002.safetensors")))
                .isNotEqualTo(Files.readAllBytes(tmp.resolve("c/model-00001-of-00002.safetensors")));
    }

    @Test
    void readsF32Bf16AndF16() throws IOException {
        Map<String, float[]> values = new LinkedHashMap<>();
        values.put("x", new float[] {1.0f, -2.5f, 3.14159f, 65504f});
        Checkpoint.write(tmp.resolve("f32.safetensors"), values, Map.of("x", new long[] {2, 2}), "F32");
        Checkpoint.write(tmp.resolve("bf16.safetensors"), values, Map.of("x", new long[] {2, 2}), "BF16");
        Files.writeString(tmp.resolve("config.json"), TinyCheckpoint.TINY.toJson().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(e.getValue()))
                .collect(java.util.stream.Collectors.joining(",", "{", "}")));
        Files.copy(tmp.resolve("f32.safetensors"), tmp.resolve("model.safetensors"));
        try (Checkpoint checkpoint = Checkpoint.open(tmp)) {
            assertThat(checkpoint.tensor("x", 2, 2).floats()).containsExactly(1.0f, -2.5f, 3.14159f, 65504f);
        }
        Files.copy(tmp.resolve("bf16.safetensors"), tmp.resolve("model.safetensors"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try (Checkpoint checkpoint = Checkpoint.open(tmp)) {
            // bf16 keeps 8 bits of mantissa, rounded to nearest even.
            assertThat(checkpoint.tensor("x", 2, 2).floats()).containsExactly(1.0f, -2.5f, 3.140625f, 65536f);
        }
        // An F16 file written by hand: 1.0 is 0x3C00, -2.0 is 0xC000.
        byte[] header = "{\"x\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}".getBytes();
        ByteBuffer f16 = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        f16.putLong(header.length).put(header).putShort((short) 0x3C00).putShort((short) 0xC000);
        Files.write(tmp.resolve("model.safetensors"), f16.array());
        try (Checkpoint checkpoint = Checkpoint.open(tmp)) {
            assertThat(checkpoint.tensor("x", 2).floats()).containsExactly(1.0f, -2.0f);
        }
    }

    @Test
    void refusesDamagedFiles() throws IOException {
        TinyCheckpoint.write(tmp, 1);
        Path shard = tmp.resolve("model-00002-of-00002.safetensors");
        byte[] bytes = Files.readAllBytes(shard);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length * 10L);
        Files.write(shard, bytes);
        assertThatThrownBy(() -> Checkpoint.open(tmp)).isInstanceOf(IOException.class).hasMessageContaining("header size");
        Files.writeString(tmp.resolve("model.safetensors.index.json"), "{\"weight_map\":{\"x\":\"../elsewhere.safetensors\"}}");
        assertThatThrownBy(() -> Checkpoint.open(tmp)).isInstanceOf(IOException.class).hasMessageContaining("outside");
        Files.writeString(tmp.resolve("config.json"), "{\"model_type\":\"llama\"}");
        assertThatThrownBy(() -> Checkpoint.open(tmp)).isInstanceOf(IOException.class).hasMessageContaining("not an Apertus config");
    }

    @Test
    void anEndOfSequenceListIsReadForItsFirstId(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), """
                {"model_type": "apertus", "hidden_size": 64, "intermediate_size": 192, "num_hidden_layers": 2, "num_attention_heads": 4,
                 "num_key_value_heads": 2, "vocab_size": 512, "max_position_embeddings": 2048, "eos_token_id": [68, 2]}
                """);
        assertThat(ApertusConfig.read(dir.resolve("config.json")).eosId()).isEqualTo(68);
    }
}
