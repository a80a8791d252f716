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
                "--out", onnx.toString(), "--dtype", "int4")).isEqualTo(2);
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "convert", "--hf", tiny.toString(),
                "--out", tmp.resolve("fp16").toString(), "--dtype", "fp16")).as(err.toString()).isZero();
        assertThat(InferenceCli.run(new PrintWriter(generated, true), new PrintWriter(err, true), "generate", "--model",
                tmp.resolve("fp16").toString(), "--prompt", "Hello", "--max-tokens", "4")).as(err.toString()).isZero();
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "convert", "--hf", tmp.resolve("missing").toString(),
                "--out", onnx.toString())).isEqualTo(1);
    }

    @Test
    void aNativeDirectoryIsUnpackedOnceAndLoadedFrom() throws Exception {
        Path onnx = tinyOnnx();
        StringWriter err = new StringWriter();
        // A fresh JVM, so that ONNX Runtime loads for the first time, from an empty directory it must fill first.
        Path natives = tmp.resolve("natives");
        for (int start = 0; start < 2; start++) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), InferenceCli.class.getName(),
                    "generate", "--model", onnx.toString(), "--prompt", "Hi", "--max-tokens", "2", "--device", "cuda",
                    "--native-dir", natives.toString()).redirectErrorStream(true).start();
            String log = new String(child.getInputStream().readAllBytes());
            assertThat(child.waitFor()).as(log).isZero();
            assertThat(log).contains("running on the CPU, because CUDA was asked for but")
                    .contains("ONNX Runtime loaded from " + natives.toAbsolutePath().resolve(System.mapLibraryName("onnxruntime")));
        }
        StringWriter out = new StringWriter();
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "native-libs", "--out",
                tmp.resolve("again").toString())).isZero();
        assertThat(out.toString()).contains(System.mapLibraryName("onnxruntime4j_jni"));
        assertThat(InferenceCli.run(new PrintWriter(out, true), new PrintWriter(err, true), "generate", "--model", onnx.toString(),
                "--prompt", "Hi", "--device", "tpu")).isEqualTo(2);
    }

    /**
     * ONNX Runtime 1.29 collects usage telemetry by default: a device id and an event database under the home
     * directory, uploaded to Microsoft, and a crash on command lines over about 4 KB. A fresh JVM with its own home,
     * none of the variables that switch it off or mark a CI machine, and a long class path: it must run, and leave the
     * home directory empty.
     */
    @Test
    void onnxRuntimeWritesNothingHomeAndSurvivesALongCommandLine() throws Exception {
        Path onnx = tinyOnnx();
        Path home = java.nio.file.Files.createDirectories(tmp.resolve("home"));
        String longClassPath = System.getProperty("java.class.path") + java.io.File.pathSeparator + "/nonexistent/" + "y".repeat(6000);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", longClassPath, InferenceCli.class.getName(),
                "generate", "--model", onnx.toString(), "--prompt", "Hi", "--max-tokens", "2").redirectErrorStream(true);
        for (String variable : java.util.List.of("ORT_DISABLE_TELEMETRY", "CI", "TF_BUILD", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL")) {
            builder.environment().remove(variable);
        }
        builder.environment().put("HOME", home.toString());
        builder.environment().remove("XDG_CACHE_HOME");
        Process child = builder.start();
        String log = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as(log).isZero();
        try (var left = java.nio.file.Files.list(home)) {
            assertThat(left.toList()).as("what ONNX Runtime left in the home directory").isEmpty();
        }
    }

    /** A tiny checkpoint converted through the CLI: the model the subprocess tests run. */
    private Path tinyOnnx() {
        StringWriter err = new StringWriter();
        assertThat(InferenceCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "tiny", "--out",
                tmp.resolve("tiny").toString())).isZero();
        assertThat(InferenceCli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "convert", "--hf",
                tmp.resolve("tiny").toString(), "--out", tmp.resolve("onnx").toString())).as(err.toString()).isZero();
        return tmp.resolve("onnx");
    }
}
