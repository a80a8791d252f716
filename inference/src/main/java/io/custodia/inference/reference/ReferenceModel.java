package io.custodia.inference.reference;

import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.checkpoint.Checkpoint;
import java.io.IOException;

/**
 * Apertus' forward pass in plain Java and fp32, written to be obviously right rather than fast: the oracle that tests
 * hold exported models to. Tensors are named as in the checkpoint, with their shapes in comments ({@code D} hidden,
 * {@code H} heads, {@code K} KV heads, {@code d} head dim, {@code F} intermediate, {@code V} vocabulary).
 */
public final class ReferenceModel {

    private final ApertusConfig config;
    private final float[] embedTokens; // model.embed_tokens.weight [V, D]
    private final Layer[] layers;
    private final float[] norm; // model.norm.weight [D]
    private final float[] lmHead; // lm_head.weight [V, D]
    private final float[] invFreq; // [d/2], after llama3 scaling

    /** One decoder layer's weights. */
    private record Layer(
            float[] attentionLayernorm, // [D]
            float[] qProj, // [H*d, D]
            float[] kProj, // [K*d, D]
            float[] vProj, // [K*d, D]
            float[] oProj, // [D, H*d]
            float[] qNorm, // [d]
            float[] kNorm, // [d]
            float[] feedforwardLayernorm, // [D]
            float[] upProj, // [F, D]
            float[] downProj, // [D, F]
            float alphaP, float alphaN, float beta, float eps) {}

    private ReferenceModel(ApertusConfig config, float[] embedTokens, Layer[] layers, float[] norm, float[] lmHead) {
        this.config = config;
        this.embedTokens = embedTokens;
        this.layers = layers;
        this.norm = norm;
        this.lmHead = lmHead;
        this.invFreq = inverseFrequencies(config);
    }

    public static ReferenceModel load(Checkpoint checkpoint) throws IOException {
        ApertusConfig c = checkpoint.config();
        long qDim = (long) c.heads() * c.headDim();
        long kvDim = (long) c.kvHeads() * c.headDim();
        Layer[] layers = new Layer[c.layers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "model.layers." + i + ".";
            layers[i] = new Layer(
                    checkpoint.tensor(p + "attention_layernorm.weight", c.hiddenSize()).floats(),
                    checkpoint.tensor(p + "self_attn.q_proj.weight", qDim, c.hiddenSize()).floats(),
                    checkpoint.tensor(p + "self_attn.k_proj.weight", kvDim, c.hiddenSize()).floats(),
                    checkpoint.tensor(p + "self_attn.v_proj.weight", kvDim, c.hiddenSize()).floats(),
                    checkpoint.tensor(p + "self_attn.o_proj.weight", c.hiddenSize(), qDim).floats(),
                    checkpoint.tensor(p + "self_attn.q_norm.weight", c.headDim()).floats(),
                    checkpoint.tensor(p + "self_attn.k_norm.weight", c.headDim()).floats(),
                    checkpoint.tensor(p + "feedforward_layernorm.weight", c.hiddenSize()).floats(),
                    checkpoint.tensor(p + "mlp.up_proj.weight", c.intermediateSize(), c.hiddenSize()).floats(),
                    checkpoint.tensor(p + "mlp.down_proj.weight", c.hiddenSize(), c.intermediateSize()).floats(),
                    checkpoint.tensor(p + "mlp.act_fn.alpha_p", 1).floats()[0],
                    checkpoint.tensor(p + "mlp.act_fn.alpha_n", 1).floats()[0],
                    checkpoint.tensor(p + "mlp.act_fn.beta", 1).floats()[0],
                    checkpoint.tensor(p + "mlp.act_fn.eps", 1).floats()[0]);
        }
        return new ReferenceModel(c,
                checkpoint.tensor("model.embed_tokens.weight", c.vocabSize(), c.hiddenSize()).floats(), layers,
                checkpoint.tensor("model.norm.weight", c.hiddenSize()).floats(),
                checkpoint.tensor("lm_head.weight", c.vocabSize(), c.hiddenSize()).floats());
    }

    public ApertusConfig config() {
        return config;
    }

    /** A sequence being decoded: its KV cache and length. Not thread-safe; one per sequence. */
    public Session session() {
        return new Session();
    }

    /** The KV cache of one sequence, which prefill fills and every decode step extends by one position. */
    public final class Session {
        private final float[][] keys = new float[layers.length][]; // per layer [T, K, d]
        private final float[][] values = new float[layers.length][]; // per layer [T, K, d]
        private int length;

        private Session() {
            int kvDim = config.kvHeads() * config.headDim();
            for (int l = 0; l < layers.length; l++) {
                keys[l] = new float[16 * kvDim];
                values[l] = new float[16 * kvDim];
            }
        }

        public int length() {
            return length;
        }

        /**
         * Runs the tokens at positions {@code length, length + 1, …} and returns each one's logits [n, V]: prefill
         * passes the prompt, decode one token at a time.
         */
        public float[][] forward(int... tokens) {
            if (length + tokens.length > config.maxPositions()) {
                throw new IllegalArgumentException("the sequence would exceed " + config.maxPositions() + " positions");
            }
            float[][] logits = new float[tokens.length][];
            for (int t = 0; t < tokens.length; t++) {
                logits[t] = step(tokens[t]);
            }
            return logits;
        }

        private float[] step(int token) {
            if (token < 0 || token >= config.vocabSize()) {
                throw new IllegalArgumentException("token " + token + " is outside the vocabulary");
            }
            int hidden = config.hiddenSize();
            int d = config.headDim();
            int kvDim = config.kvHeads() * d;
            int position = length;
            float[] h = new float[hidden]; // [D]
            System.arraycopy(embedTokens, token * hidden, h, 0, hidden);
            for (int l = 0; l < layers.length; l++) {
                Layer layer = layers[l];
                ensureCapacity(l, (position + 1) * kvDim);
                float[] a = rmsNorm(h, layer.attentionLayernorm(), config.rmsNormEps()); // [D]
                float[] q = matVec(layer.qProj(), a, config.heads() * d); // [H*d]
                float[] k = matVec(layer.kProj(), a, kvDim); // [K*d]
                float[] v = matVec(layer.vProj(), a, kvDim); // [K*d]
                for (int head = 0; head < config.heads(); head++) {
                    headNorm(q, head * d, d, layer.qNorm());
                    rope(q, head * d, d, position);
                }
                for (int head = 0; head < config.kvHeads(); head++) {
                    headNorm(k, head * d, d, layer.kNorm());
                    rope(k, head * d, d, position);
                }
                System.arraycopy(k, 0, keys[l], position * kvDim, kvDim);
                System.arraycopy(v, 0, values[l], position * kvDim, kvDim);
                float[] o = attention(q, keys[l], values[l], position + 1); // [H*d]
                add(h, matVec(layer.oProj(), o, hidden));
                float[] m = rmsNorm(h, layer.feedforwardLayernorm(), config.rmsNormEps()); // [D]
                float[] up = matVec(layer.upProj(), m, config.intermediateSize()); // [F]
                for (int i = 0; i < up.length; i++) {
                    up[i] = xielu(up[i], layer.alphaP(), layer.alphaN(), layer.beta(), layer.eps());
                }
                add(h, matVec(layer.downProj(), up, hidden));
            }
            length++;
            return matVec(lmHead, rmsNorm(h, norm, config.rmsNormEps()), config.vocabSize());
        }

        private void ensureCapacity(int layer, int size) {
            if (keys[layer].length < size) {
                keys[layer] = java.util.Arrays.copyOf(keys[layer], Math.max(size, keys[layer].length * 2));
                values[layer] = java.util.Arrays.copyOf(values[layer], Math.max(size, values[layer].length * 2));
            }
        }

        /** Grouped-query attention of one position over positions [0, n): query head i reads KV head i / (H / K). */
        private float[] attention(float[] q, float[] keyCache, float[] valueCache, int n) {
            int d = config.headDim();
            int kvDim = config.kvHeads() * d;
            int group = config.heads() / config.kvHeads();
            double scale = 1 / Math.sqrt(d);
            float[] out = new float[config.heads() * d];
            double[] scores = new double[n];
            for (int head = 0; head < config.heads(); head++) {
                int kvHead = head / group;
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < n; t++) {
                    double dot = 0;
                    for (int i = 0; i < d; i++) {
                        dot += q[head * d + i] * keyCache[t * kvDim + kvHead * d + i];
                    }
                    scores[t] = dot * scale;
                    max = Math.max(max, scores[t]);
                }
                double sum = 0;
                for (int t = 0; t < n; t++) {
                    scores[t] = Math.exp(scores[t] - max);
                    sum += scores[t];
                }
                for (int t = 0; t < n; t++) {
                    double w = scores[t] / sum;
                    for (int i = 0; i < d; i++) {
                        out[head * d + i] += (float) (w * valueCache[t * kvDim + kvHead * d + i]);
                    }
                }
            }
            return out;
        }

        /** RoPE as transformers applies it: dimension i pairs with i + d/2 ("rotate half"). */
        private void rope(float[] x, int offset, int d, int position) {
            int half = d / 2;
            for (int i = 0; i < half; i++) {
                double angle = position * (double) invFreq[i];
                double cos = Math.cos(angle);
                double sin = Math.sin(angle);
                double a = x[offset + i];
                double b = x[offset + i + half];
                x[offset + i] = (float) (a * cos - b * sin);
                x[offset + i + half] = (float) (b * cos + a * sin);
            }
        }

        private void headNorm(float[] x, int offset, int d, float[] weight) {
            float[] slice = java.util.Arrays.copyOfRange(x, offset, offset + d);
            System.arraycopy(rmsNorm(slice, weight, config.rmsNormEps()), 0, x, offset, d);
        }
    }

    /** x / sqrt(mean(x²) + eps) * weight, the mean taken in double. */
    static float[] rmsNorm(float[] x, float[] weight, double eps) {
        double squares = 0;
        for (float v : x) {
            squares += (double) v * v;
        }
        double scale = 1 / Math.sqrt(squares / x.length + eps);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (x[i] * scale) * weight[i];
        }
        return out;
    }

    /** xIELU with the stored (pre-softplus) parameters, as transformers' {@code XIELUActivation}. */
    static float xielu(float x, float alphaP, float alphaN, float beta, float eps) {
        double ap = softplus(alphaP);
        double an = beta + softplus(alphaN);
        return (float) (x > 0 ? ap * x * x + beta * x : (Math.expm1(Math.min(x, eps)) - x) * an + beta * x);
    }

    static double softplus(double x) {
        return x > 20 ? x : Math.log1p(Math.exp(x));
    }

    /**
     * The rotary inverse frequencies, with llama3's scaling of the low and middle frequencies when configured; public
     * so that exported models build their rotary tables from the same numbers.
     */
    public static float[] inverseFrequencies(ApertusConfig config) {
        int d = config.headDim();
        float[] out = new float[d / 2];
        ApertusConfig.RopeScaling s = config.ropeScaling();
        for (int i = 0; i < d / 2; i++) {
            double inv = 1 / Math.pow(config.ropeTheta(), 2.0 * i / d);
            if (s != null) {
                double wavelen = 2 * Math.PI / inv;
                double lowWavelen = s.originalMaxPositions() / s.lowFreqFactor();
                double highWavelen = s.originalMaxPositions() / s.highFreqFactor();
                if (wavelen > lowWavelen) {
                    inv = inv / s.factor();
                } else if (wavelen >= highWavelen) {
                    double smooth = (s.originalMaxPositions() / wavelen - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
                    inv = (1 - smooth) * inv / s.factor() + smooth * inv;
                }
            }
            out[i] = (float) inv;
        }
        return out;
    }

    /** W x for a row-major [rows, x.length] matrix, accumulated in double. */
    static float[] matVec(float[] w, float[] x, int rows) {
        int cols = x.length;
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                sum += (double) w[base + c] * x[c];
            }
            out[r] = (float) sum;
        }
        return out;
    }

    private static void add(float[] h, float[] delta) {
        for (int i = 0; i < h.length; i++) {
            h[i] += delta[i];
        }
    }
}
