package io.custodia.inference.bench;

import ai.onnxruntime.OrtSession;
import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.checkpoint.Checkpoint;
import io.custodia.inference.checkpoint.TinyCheckpoint;
import io.custodia.inference.generation.Decoder;
import io.custodia.inference.generation.Sampling;
import io.custodia.inference.onnx.Devices;
import io.custodia.inference.onnx.OnnxDecoder;
import io.custodia.inference.onnx.OnnxExport;
import io.custodia.inference.onnx.Precision;
import io.custodia.inference.tokenizer.Tokenizer;
import io.custodia.pii.PiiFilter;
import io.custodia.pii.StreamingRedactor;
import java.nio.file.Path;
import java.util.Random;

/**
 * Decoding speed on the CPU through ONNX Runtime: time to first token (a 64-token prompt), tokens per second over 128
 * greedy decode steps, the share of each step spent outside {@code OrtSession.run}, and what the streaming PII filter
 * costs per token against the time per token. Runs the tiny model and a mid-size random one (12 layers, hidden 768).
 * Arguments: DIR [threads for ONNX Runtime, default 1] [cpu | cuda, default cpu] [fp32 | fp16 | bf16, default fp32].
 * On CUDA it also prints the KV cache bytes each decode step copies to the host and back (no IoBinding in 1.29).
 */
public final class DecodeBenchmarkMain {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean cuda = args.length > 2 && args[2].equals("cuda");
        Precision precision = args.length > 3 ? Precision.valueOf(args[3].toUpperCase(java.util.Locale.ROOT)) : Precision.FP32;
        Devices.Placement placement = Devices.place(new Devices.Request(cuda, 0, 0, threads));
        System.out.println("running on " + placement.describe() + ", " + precision);
        ApertusConfig mid = new ApertusConfig(768, 2048, 12, 12, 4, 64, 512, 2048, 1e-5, 12_000_000,
                new ApertusConfig.RopeScaling(8, 1, 4, 64), 1, 68, 3);
        measure("tiny (2 layers, hidden 64)", dir.resolve("tiny"), TinyCheckpoint.TINY, placement.options(), precision);
        measure("mid (12 layers, hidden 768)", dir.resolve("mid"), mid, placement.options(), precision);
        if (placement instanceof Devices.Placement.Cuda) {
            // Each decode step reads the whole cache in as past and writes it out as present: keys and values, all layers.
            long perPosition = 2L * mid.layers() * mid.kvHeads() * mid.headDim() * (precision == Precision.FP32 ? 4 : 2);
            System.out.printf("mid: the KV cache is %d bytes per position, copied to the host and back each step%n", perPosition);
        }
    }

    static void measure(String name, Path dir, ApertusConfig config, OrtSession.SessionOptions options, Precision precision)
            throws Exception {
        TinyCheckpoint.write(dir.resolve("hf"), config, 7);
        try (Checkpoint checkpoint = Checkpoint.open(dir.resolve("hf"))) {
            OnnxExport.write(checkpoint, dir.resolve("onnx"), precision);
        }
        Tokenizer tokenizer = Tokenizer.load(dir.resolve("hf/tokenizer.json"));
        int[] prompt = new Random(1).ints(64, 100, 512).toArray();
        try (OnnxDecoder decoder = new OnnxDecoder(dir.resolve("onnx/model.onnx"), config, options)) {
            // Rounds before the last warm the JIT up; only the last is reported.
            int rounds = config.layers() > 4 ? 4 : 40;
            for (int round = 0; round < rounds; round++) {
                run(decoder, tokenizer, prompt, round == rounds - 1 ? name : null);
            }
        }
    }

    static void run(OnnxDecoder decoder, Tokenizer tokenizer, int[] prompt, String report) {
        StreamingRedactor redactor = PiiFilter.standard().streaming();
        long filterNanos = 0;
        long start = System.nanoTime();
        try (Decoder.Sequence sequence = decoder.start()) {
            float[] logits = sequence.prefill(prompt);
            long firstToken = System.nanoTime() - start;
            // The goal is about decode steps: the prefill's time is the first-token figure instead.
            OnnxDecoder.Timing before = decoder.timing();
            int steps = 128;
            long decodeStart = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                int token = Sampling.argmax(logits);
                String text = new String(tokenizer.bytes(token, true), java.nio.charset.StandardCharsets.UTF_8);
                long f = System.nanoTime();
                redactor.accept(text);
                filterNanos += System.nanoTime() - f;
                logits = sequence.decode(token);
            }
            long decode = System.nanoTime() - decodeStart;
            OnnxDecoder.Timing after = decoder.timing();
            OnnxDecoder.Timing steps128 = new OnnxDecoder.Timing(after.stepNanos() - before.stepNanos(), after.runNanos() - before.runNanos());
            if (report != null) {
                System.out.printf("%s: first token %.1f ms after a 64-token prompt; %.1f tokens/s over %d steps (%.2f ms per token);"
                                + " outside OrtSession.run %.1f%% of step time; PII filter %.2f µs per token = %.3f%% of the time per token%n",
                        report, firstToken / 1e6, steps / (decode / 1e9), steps, decode / 1e6 / steps, 100 * steps128.outsideRun(),
                        filterNanos / 1e3 / steps, 100.0 * filterNanos / decode);
            }
        }
    }
}
