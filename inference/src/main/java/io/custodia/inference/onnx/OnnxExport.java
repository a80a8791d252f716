package io.custodia.inference.onnx;

import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.checkpoint.Checkpoint;
import io.custodia.inference.reference.ReferenceModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Writes an Apertus checkpoint as an ONNX model with a KV cache, in fp32, fp16 or bf16, from standard opset-23 operators
 * (RMSNormalization, RotaryEmbedding, Attention with grouped KV heads): inputs {@code input_ids}, {@code attention_mask},
 * {@code position_ids}, {@code past_key_values.N.key/value} [batch, KV heads, past, head dim]; outputs {@code logits} (of the last position)
 * and {@code present.N.key/value}. Names and layout follow Hugging Face Optimum's exports.
 */
public final class OnnxExport {

    private OnnxExport() {}

    /**
     * A checkpoint directory as a model directory: {@code model.onnx} (and its data file) beside the
     * {@code config.json} and {@code tokenizer.json} it was made from, what the decoder, the CLI and serving read.
     */
    public static void convert(Path checkpointDir, Path out, Precision precision) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(checkpointDir)) {
            write(checkpoint, out, precision);
        }
        for (String file : new String[] {"config.json", "tokenizer.json"}) {
            Files.copy(checkpointDir.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** An fp32 model, for the CPU. */
    public static void write(Checkpoint checkpoint, Path out) throws IOException {
        write(checkpoint, out, Precision.FP32);
    }

    /** Weights of more than 64 MB go to {@code model.onnx.data} once the model would pass 1 GB; everything else stays inline. */
    public static void write(Checkpoint checkpoint, Path out, Precision precision) throws IOException {
        long parameters = checkpoint.tensors().values().stream().mapToLong(Checkpoint.Tensor::elements).sum();
        write(checkpoint, out, precision, parameters * precision.bytes > (1L << 30) ? 64L << 20 : Long.MAX_VALUE);
    }

    /**
     * Writes {@code model.onnx}, and {@code model.onnx.data} for every weight of at least {@code externalThreshold}
     * bytes: written as it is converted, so the heap holds one weight at a time.
     */
    public static void write(Checkpoint checkpoint, Path out, Precision precision, long externalThreshold) throws IOException {
        Files.createDirectories(out);
        Path data = out.resolve("model.onnx.data");
        Files.deleteIfExists(data);
        if (externalThreshold == Long.MAX_VALUE) {
            writeGraph(checkpoint, out, precision, null);
            return;
        }
        try (OnnxGraph.ExternalData external = new OnnxGraph.ExternalData(data, externalThreshold)) {
            writeGraph(checkpoint, out, precision, external);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeGraph(Checkpoint checkpoint, Path out, Precision precision, OnnxGraph.ExternalData external)
            throws IOException {
        ApertusConfig c = checkpoint.config();
        int hidden = c.hiddenSize();
        int d = c.headDim();
        long qDim = (long) c.heads() * d;
        long kvDim = (long) c.kvHeads() * d;
        OnnxGraph g = new OnnxGraph(precision);
        int cache = precision.onnxType;
        if (external != null) {
            g.external(external);
        }
        g.input("input_ids", OnnxGraph.INT64, "batch", "sequence");
        g.input("attention_mask", OnnxGraph.INT64, "batch", "total");
        g.input("position_ids", OnnxGraph.INT64, "batch", "sequence");
        for (int i = 0; i < c.layers(); i++) {
            g.input("past_key_values." + i + ".key", cache, "batch", (long) c.kvHeads(), "past", (long) d);
            g.input("past_key_values." + i + ".value", cache, "batch", (long) c.kvHeads(), "past", (long) d);
        }
        // Only the last position's logits: sampling needs no others, and all of them would be sequence × vocabulary
        // floats (2 GB for a 4,096-token prompt to the 8B).
        g.output("logits", OnnxGraph.FLOAT, "batch", 1L, (long) c.vocabSize());
        for (int i = 0; i < c.layers(); i++) {
            g.output("present." + i + ".key", cache, "batch", (long) c.kvHeads(), "total", (long) d);
            g.output("present." + i + ".value", cache, "batch", (long) c.kvHeads(), "total", (long) d);
        }

        // Rotary tables for every position, from the same (llama3-scaled) frequencies as the reference: [P, d/2].
        float[] invFreq = ReferenceModel.inverseFrequencies(c);
        float[] cos = new float[c.maxPositions() * d / 2];
        float[] sin = new float[c.maxPositions() * d / 2];
        for (int p = 0; p < c.maxPositions(); p++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = p * (double) invFreq[i];
                cos[p * d / 2 + i] = (float) Math.cos(angle);
                sin[p * d / 2 + i] = (float) Math.sin(angle);
            }
        }
        g.initializer("rope.cos", cos, c.maxPositions(), d / 2);
        g.initializer("rope.sin", sin, c.maxPositions(), d / 2);
        g.initializer("shape.q", new long[] {0, 0, c.heads(), d}, 4);
        g.initializer("shape.kv", new long[] {0, 0, c.kvHeads(), d}, 4);
        g.initializer("shape.merged", new long[] {0, 0, qDim}, 3);
        g.initializer("shape.keys", new long[] {1, 1, 1, -1}, 4);
        g.initializer("axes.query", new long[] {1, 3}, 2);
        g.initializer("axes.key", new long[] {1, 2}, 2);
        g.initializer("one", new long[] {1}, 1);
        g.initializer("zero.scalar", new long[] {0});
        g.initializer("one.scalar", new long[] {1});

        // The mask, [batch, 1, sequence, total]: a query sees every key at or before its own position that is not padding.
        String total = g.node("Gather", Map.of("axis", 0L), g.node("Shape", Map.of(), "attention_mask"), "one");
        String keyIndex = g.node("Range", Map.of(), "zero.scalar", g.node("Squeeze", Map.of(), total), "one.scalar");
        String causal = g.node("LessOrEqual", Map.of(), g.node("Reshape", Map.of(), keyIndex, "shape.keys"),
                g.node("Unsqueeze", Map.of(), "position_ids", "axes.query"));
        String notPadding = g.node("Cast", Map.of("to", (long) OnnxGraph.BOOL), g.node("Unsqueeze", Map.of(), "attention_mask", "axes.key"));
        String mask = g.node("And", Map.of(), causal, notPadding);

        String h = g.node("Gather", Map.of("axis", 0L), weight(g, checkpoint, "model.embed_tokens.weight", false, c.vocabSize(), hidden), "input_ids");
        for (int i = 0; i < c.layers(); i++) {
            String p = "model.layers." + i + ".";
            String a = rmsNorm(g, h, weight(g, checkpoint, p + "attention_layernorm.weight", false, hidden), c.rmsNormEps());
            String q = g.node("MatMul", Map.of(), a, weight(g, checkpoint, p + "self_attn.q_proj.weight", true, qDim, hidden));
            String k = g.node("MatMul", Map.of(), a, weight(g, checkpoint, p + "self_attn.k_proj.weight", true, kvDim, hidden));
            String v = g.node("MatMul", Map.of(), a, weight(g, checkpoint, p + "self_attn.v_proj.weight", true, kvDim, hidden));
            // [B, S, heads, d], normalized per head, then [B, heads, S, d] and rotated.
            String qHeads = rmsNorm(g, g.node("Reshape", Map.of(), q, "shape.q"), weight(g, checkpoint, p + "self_attn.q_norm.weight", false, d), c.rmsNormEps());
            String kHeads = rmsNorm(g, g.node("Reshape", Map.of(), k, "shape.kv"), weight(g, checkpoint, p + "self_attn.k_norm.weight", false, d), c.rmsNormEps());
            long[] bhsd = {0, 2, 1, 3};
            String qRot = g.node("RotaryEmbedding", Map.of("interleaved", 0L), g.node("Transpose", Map.of("perm", bhsd), qHeads), "rope.cos", "rope.sin", "position_ids");
            String kRot = g.node("RotaryEmbedding", Map.of("interleaved", 0L), g.node("Transpose", Map.of("perm", bhsd), kHeads), "rope.cos", "rope.sin", "position_ids");
            String vHeads = g.node("Transpose", Map.of("perm", bhsd), g.node("Reshape", Map.of(), v, "shape.kv"));
            String attended = "attention_" + i;
            g.node("Attention", Map.of("scale", (float) (1 / Math.sqrt(d))),
                    new String[] {qRot, kRot, vHeads, mask, "past_key_values." + i + ".key", "past_key_values." + i + ".value"},
                    new String[] {attended, "present." + i + ".key", "present." + i + ".value"});
            String merged = g.node("Reshape", Map.of(), g.node("Transpose", Map.of("perm", bhsd), attended), "shape.merged");
            h = g.node("Add", Map.of(), h, g.node("MatMul", Map.of(), merged, weight(g, checkpoint, p + "self_attn.o_proj.weight", true, hidden, qDim)));
            String m = rmsNorm(g, h, weight(g, checkpoint, p + "feedforward_layernorm.weight", false, hidden), c.rmsNormEps());
            String up = g.node("MatMul", Map.of(), m, weight(g, checkpoint, p + "mlp.up_proj.weight", true, c.intermediateSize(), hidden));
            String act = xielu(g, checkpoint, p, up, precision);
            h = g.node("Add", Map.of(), h, g.node("MatMul", Map.of(), act, weight(g, checkpoint, p + "mlp.down_proj.weight", true, hidden, c.intermediateSize())));
        }
        String normed = rmsNorm(g, h, weight(g, checkpoint, "model.norm.weight", false, hidden), c.rmsNormEps());
        g.initializer("slice.last", new long[] {-1}, 1);
        g.initializer("slice.end", new long[] {Long.MAX_VALUE}, 1);
        String last = g.node("Slice", Map.of(), normed, "slice.last", "slice.end", "one");
        String lmHead = weight(g, checkpoint, "lm_head.weight", true, c.vocabSize(), hidden);
        if (precision == Precision.FP32) {
            g.node("MatMul", Map.of(), new String[] {last, lmHead}, new String[] {"logits"});
        } else {
            // Sampling reads fp32 whatever the weights are: [B, 1, vocab].
            g.node("Cast", Map.of("to", (long) OnnxGraph.FLOAT), new String[] {g.node("MatMul", Map.of(), last, lmHead)}, new String[] {"logits"});
        }
        Files.write(out.resolve("model.onnx"), g.model("apertus", 23));
    }

    private static String rmsNorm(OnnxGraph g, String x, String scale, double eps) {
        return g.node("RMSNormalization", Map.of("axis", -1L, "epsilon", (float) eps), x, scale);
    }

    /**
     * xIELU from the layer's stored scalars, folded at export: ap·x² + beta·x for x > 0, else
     * (expm1(min(x, eps)) − x)·an + beta·x, with ap = softplus(alpha_p) and an = beta + softplus(alpha_n). Computed in
     * fp32 in every format: x² passes fp16's largest value (65504) once x passes 256, which real activations do.
     */
    private static String xielu(OnnxGraph g, Checkpoint checkpoint, String p, String in, Precision precision) throws IOException {
        float alphaP = checkpoint.tensor(p + "mlp.act_fn.alpha_p", 1).floats()[0];
        float alphaN = checkpoint.tensor(p + "mlp.act_fn.alpha_n", 1).floats()[0];
        float beta = checkpoint.tensor(p + "mlp.act_fn.beta", 1).floats()[0];
        float eps = checkpoint.tensor(p + "mlp.act_fn.eps", 1).floats()[0];
        String ap = p + "xielu.ap";
        String an = p + "xielu.an";
        String b = p + "xielu.beta";
        String e = p + "xielu.eps";
        String one = p + "xielu.one";
        String zero = p + "xielu.zero";
        g.initializerFp32(ap, new float[] {(float) Math.log1p(Math.exp(alphaP))});
        g.initializerFp32(an, new float[] {(float) (beta + Math.log1p(Math.exp(alphaN)))});
        g.initializerFp32(b, new float[] {beta});
        g.initializerFp32(e, new float[] {eps});
        g.initializerFp32(one, new float[] {1f});
        g.initializerFp32(zero, new float[] {0f});
        boolean fp32 = precision == Precision.FP32;
        String x = fp32 ? in : g.node("Cast", Map.of("to", (long) OnnxGraph.FLOAT), in);
        String betaX = g.node("Mul", Map.of(), x, b);
        String positive = g.node("Add", Map.of(), g.node("Mul", Map.of(), g.node("Mul", Map.of(), x, x), ap), betaX);
        String expm1 = g.node("Sub", Map.of(), g.node("Exp", Map.of(), g.node("Min", Map.of(), x, e)), one);
        String negative = g.node("Add", Map.of(), g.node("Mul", Map.of(), g.node("Sub", Map.of(), expm1, x), an), betaX);
        String y = g.node("Where", Map.of(), g.node("Greater", Map.of(), x, zero), positive, negative);
        // Back to the model's format for down_proj. An output past fp16's range still overflows there: bf16, which has
        // fp32's range and is what Apertus ships in, is the format for real checkpoints on a GPU.
        return fp32 ? y : g.node("Cast", Map.of("to", (long) precision.onnxType), y);
    }

    /** A weight as an initializer, transposed to [in, out] for MatMul when {@code transpose}; named as in the checkpoint. */
    private static String weight(OnnxGraph g, Checkpoint checkpoint, String name, boolean transpose, long... shape) throws IOException {
        float[] values = checkpoint.tensor(name, shape).floats();
        if (!transpose) {
            g.initializer(name, values, shape);
            return name;
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] t = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                t[col * rows + r] = values[r * cols + col];
            }
        }
        g.initializer(name, t, cols, rows);
        return name;
    }
}
