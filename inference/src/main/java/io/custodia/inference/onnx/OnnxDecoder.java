package io.custodia.inference.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.generation.Decoder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * An exported model in ONNX Runtime as a {@link Decoder}. The KV cache stays in ONNX Runtime's memory between steps:
 * each run's {@code present} tensors are the next run's {@code past} inputs, and the previous result is closed only
 * after the next run. ONNX Runtime Java 1.29 has no IoBinding, so on a GPU every step still copies the cache to the
 * host and back; {@link KvCache} is the one place that would change to keep it on the device.
 */
public final class OnnxDecoder implements Decoder, AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final ApertusConfig config;
    private final java.util.concurrent.atomic.LongAdder stepNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder runNanos = new java.util.concurrent.atomic.LongAdder();

    /** Time spent in steps, and in ONNX Runtime's {@code run} within them, since the decoder was made. */
    public record Timing(long stepNanos, long runNanos) {
        /** The share of step time spent outside {@code OrtSession.run}: tensors in and out, the cache, the logits. */
        public double outsideRun() {
            return stepNanos == 0 ? 0 : 1 - (double) runNanos / stepNanos;
        }
    }

    public Timing timing() {
        return new Timing(stepNanos.sum(), runNanos.sum());
    }

    public OnnxDecoder(Path modelOnnx, ApertusConfig config, OrtSession.SessionOptions options) throws OrtException {
        this.session = env.createSession(modelOnnx.toString(), options);
        this.config = config;
    }

    @Override
    public int vocabularySize() {
        return config.vocabSize();
    }

    @Override
    public int maxPositions() {
        return config.maxPositions();
    }

    @Override
    public Sequence start() {
        return new OrtSequence();
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /** The cache of one sequence: the tensors of the last result, fed back as the next inputs. */
    static final class KvCache implements AutoCloseable {
        private final Map<String, OnnxTensor> empty = new HashMap<>();
        private OrtSession.Result last;

        OnnxTensor past(OrtEnvironment env, ApertusConfig config, int layer, boolean key) throws OrtException {
            if (last != null) {
                return (OnnxTensor) last.get("present." + layer + (key ? ".key" : ".value")).orElseThrow();
            }
            String name = layer + (key ? "k" : "v");
            OnnxTensor tensor = empty.get(name);
            if (tensor == null) {
                tensor = OnnxTensor.createTensor(env, FloatBuffer.allocate(0), new long[] {1, config.kvHeads(), 0, config.headDim()});
                empty.put(name, tensor);
            }
            return tensor;
        }

        /** Keeps a step's outputs as the cache, releasing the step before it. */
        void advance(OrtSession.Result next) {
            if (last != null) {
                last.close();
            }
            last = next;
        }

        @Override
        public void close() {
            if (last != null) {
                last.close();
            }
            empty.values().forEach(OnnxValue::close);
        }
    }

    private final class OrtSequence implements Sequence {
        private final KvCache cache = new KvCache();
        private int length;

        @Override
        public float[] prefill(int[] tokens) {
            return run(tokens);
        }

        @Override
        public float[] decode(int token) {
            return run(new int[] {token});
        }

        @Override
        public int length() {
            return length;
        }

        private float[] run(int[] tokens) {
            long began = System.nanoTime();
            int n = tokens.length;
            long[] ids = new long[n];
            long[] positions = new long[n];
            for (int i = 0; i < n; i++) {
                ids[i] = tokens[i];
                positions[i] = length + i;
            }
            long[] mask = new long[length + n];
            java.util.Arrays.fill(mask, 1);
            Map<String, OnnxTensor> inputs = new HashMap<>();
            Map<String, OnnxTensor> owned = new HashMap<>();
            try {
                owned.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), new long[] {1, n}));
                owned.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(positions), new long[] {1, n}));
                owned.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), new long[] {1, length + n}));
                inputs.putAll(owned);
                for (int l = 0; l < config.layers(); l++) {
                    inputs.put("past_key_values." + l + ".key", cache.past(env, config, l, true));
                    inputs.put("past_key_values." + l + ".value", cache.past(env, config, l, false));
                }
                long before = System.nanoTime();
                OrtSession.Result result = session.run(inputs);
                runNanos.add(System.nanoTime() - before);
                OnnxTensor logits = (OnnxTensor) result.get("logits").orElseThrow();
                FloatBuffer all = logits.getFloatBuffer();
                float[] last = new float[config.vocabSize()];
                all.position((n - 1) * config.vocabSize());
                all.get(last);
                cache.advance(result);
                length += n;
                stepNanos.add(System.nanoTime() - began);
                return last;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
            } finally {
                owned.values().forEach(OnnxValue::close);
            }
        }

        @Override
        public void close() {
            cache.close();
        }
    }
}
