package io.custodia.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.checkpoint.Checkpoint;
import io.custodia.inference.checkpoint.TinyCheckpoint;
import io.custodia.inference.generation.Decoder;
import io.custodia.inference.generation.Sampling;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This build carries ONNX Runtime's CPU artifact, so asking for CUDA must fall back to the CPU, say why, and still serve. */
class DevicesTest {

    @TempDir
    Path tmp;

    @Test
    void askingForCudaWithoutItRunsOnTheCpuAndSaysWhy() throws Exception {
        Path model = tiny();
        Devices.Placement cuda = Devices.place(new Devices.Request(true, 0, 1L << 30, 1));
        assertThat(cuda).isInstanceOf(Devices.Placement.Cpu.class);
        assertThat(cuda.describe()).startsWith("the CPU, because CUDA was asked for but").contains("CUDA provider");
        Devices.Placement cpu = Devices.place(Devices.Request.cpu(1));
        assertThat(cpu.describe()).isEqualTo("the CPU");
        // The fallback serves the same model with the same numbers.
        assertThat(greedy(model, cuda)).containsExactly(greedy(model, cpu));
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThatThrownBy(() -> new Devices.Request(true, -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Devices.Request(true, 0, -5, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLibrariesUnpackIntoADirectoryThatCountsAsPresent() throws IOException {
        Path dir = tmp.resolve("native");
        assertThat(NativeLibraries.present(dir)).isFalse();
        assertThat(NativeLibraries.extract(dir)).extracting(p -> p.getFileName().toString())
                .contains(System.mapLibraryName("onnxruntime"), System.mapLibraryName("onnxruntime4j_jni"));
        assertThat(NativeLibraries.present(dir)).isTrue();
        assertThat(dir).isDirectoryNotContaining("glob:**.part");
        // Libraries of another build (an upgrade, the GPU artifact) do not count: the directory is filled again.
        java.nio.file.Files.writeString(dir.resolve(NativeLibraries.STAMP), "0000000 gpu\n");
        assertThat(NativeLibraries.present(dir)).isFalse();
        NativeLibraries.extract(dir);
        assertThat(NativeLibraries.present(dir)).isTrue();
    }

    @Test
    void aBf16ModelOnTheCpuIsRefusedWithTheReason() throws Exception {
        TinyCheckpoint.write(tmp.resolve("hf16"), 3);
        try (Checkpoint checkpoint = Checkpoint.open(tmp.resolve("hf16"))) {
            OnnxExport.write(checkpoint, tmp.resolve("bf16"), Precision.BF16);
        }
        assertThatThrownBy(() -> Devices.load(tmp.resolve("bf16/model.onnx"), TinyCheckpoint.TINY, new Devices.Request(true, 0, 0, 1)))
                .isInstanceOf(ai.onnxruntime.OrtException.class).hasMessageContaining("a bf16 model needs CUDA");
    }

    private Path tiny() throws Exception {
        TinyCheckpoint.write(tmp.resolve("hf"), 3);
        try (Checkpoint checkpoint = Checkpoint.open(tmp.resolve("hf"))) {
            OnnxExport.write(checkpoint, tmp.resolve("onnx"));
        }
        return tmp.resolve("onnx/model.onnx");
    }

    private static int[] greedy(Path model, Devices.Placement placement) throws Exception {
        ApertusConfig config = TinyCheckpoint.TINY;
        int[] out = new int[8];
        try (OnnxDecoder decoder = new OnnxDecoder(model, config, placement.options()); Decoder.Sequence sequence = decoder.start()) {
            float[] logits = sequence.prefill(new int[] {1, 100, 200, 300});
            for (int i = 0; i < out.length; i++) {
                out[i] = Sampling.argmax(logits);
                logits = sequence.decode(out[i]);
            }
        }
        return out;
    }
}
