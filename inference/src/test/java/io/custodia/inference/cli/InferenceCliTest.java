package io.custodia.inference.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceCliTest {

    @TempDir
    Path tmp;

    @Test
    void tinyWritesACheckpointAndBadUsageIsExitTwo() {
        StringWriter out = new StringWriter();
        int exit = InferenceCli.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "tiny", "--out", tmp.resolve("tiny").toString(), "--seed", "5");
        assertThat(exit).isZero();
        assertThat(out.toString()).contains("wrote a tiny Apertus checkpoint");
        assertThat(tmp.resolve("tiny/config.json")).exists();
        assertThat(InferenceCli.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "tiny")).isEqualTo(2);
    }

    @Test
    void convertsTheTinyCheckpointAndGeneratesFromIt() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path tiny = tmp.resolve("tiny");
        Path onnx = tmp.resolve("onnx");
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "tiny", "--out", tiny.toString())).isZero();
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "convert", "--hf", tiny.toString(),
                "--out", onnx.toString())).as(err.toString()).isZero();
        assertThat(onnx.resolve("model.onnx")).exists();
        StringWriter generated = new StringWriter();
        assertThat(InferenceCli.run(new PrintWriter(generated, true), new PrintWriter(err, true), "generate", "--model", onnx.toString(),
                "--prompt", "Hello", "--max-tokens", "8", "--seed", "3")).as(err.toString()).isZero();
        assertThat(generated.toString()).containsPattern("\\[(length|stop), \\d+ prompt tokens, \\d+ completion tokens\\]");
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "convert", "--hf", tiny.toString(),
                "--out", onnx.toString(), "--dtype", "bf16")).isEqualTo(2);
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "convert", "--hf", tmp.resolve("missing").toString(),
                "--out", onnx.toString())).isEqualTo(1);
    }
}
