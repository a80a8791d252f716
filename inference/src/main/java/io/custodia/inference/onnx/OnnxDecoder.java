package io.custodia.inference.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.generation.Decoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Stream;

/**
 * An exported model in ONNX Runtime as a {@link Decoder}. The KV cache stays in ONNX Runtime's memory between steps:
 * each run's {@code present} tensors are the next run's {@code past} inputs, and the previous result is closed only
 * after the next run. ONNX Runtime Java 1.29 has no IoBinding, so on a GPU every step still copies the cache to the
 * host and back; {@link KvCache} is the one place that would change to keep it on the device.
 */
public final class OnnxDecoder implements Decoder, AutoCloseable {

    private final OrtEnvironment env = environment();
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

    /** Tensor names per layer, made once: a step should not build strings. */
    private final String[] pastKey;
    private final String[] pastValue;
    private final String[] presentKey;
    private final String[] presentValue;
    /** The outputs besides the logits, which a decode step writes into a buffer of its own. */
    private final Set<String> presents;
    /** An attention mask of ones as long as the model reads, shared read-only: each step's mask is a prefix of it. */
    private final LongBuffer ones;
    /** Mask tensors by length, views of {@link #ones} made when first needed and shared by every sequence. */
    private final AtomicReferenceArray<OnnxTensor> masks;
    private final OnnxJavaType cacheType;

    public OnnxDecoder(Path modelOnnx, ApertusConfig config, OrtSession.SessionOptions options) throws OrtException {
        this.session = env.createSession(modelOnnx.toString(), options);
        this.config = config;
        int layers = config.layers();
        this.pastKey = new String[layers];
        this.pastValue = new String[layers];
        this.presentKey = new String[layers];
        this.presentValue = new String[layers];
        for (int l = 0; l < layers; l++) {
            pastKey[l] = "past_key_values." + l + ".key";
            pastValue[l] = "past_key_values." + l + ".value";
            presentKey[l] = "present." + l + ".key";
            presentValue[l] = "present." + l + ".value";
        }
        this.presents = Set.copyOf(Stream.concat(Arrays.stream(presentKey),
                Arrays.stream(presentValue)).toList());
        this.ones = longs(config.maxPositions());
        for (int i = 0; i < config.maxPositions(); i++) {
            ones.put(i, 1);
        }
        this.masks = new AtomicReferenceArray<>(config.maxPositions() + 1);
        // fp32, fp16 or bf16, as the model was exported.
        this.cacheType = ((TensorInfo) session.getInputInfo().get(pastKey[0]).getInfo()).type;
    }

    /** The attention mask [1, length]: all ones, as one sequence per batch has no padding. */
    private OnnxTensor mask(int length) throws OrtException {
        OnnxTensor mask = masks.get(length);
        if (mask == null) {
            OnnxTensor made = OnnxTensor.createTensor(env, ones.duplicate().limit(length), new long[] {1, length});
            mask = masks.compareAndExchange(length, null, made);
            if (mask == null) {
                mask = made;
            } else {
                made.close();
            }
        }
        return mask;
    }

    private static OrtEnvironment environment() {
        OrtTelemetry.disableBeforeFirstUse();
        return OrtEnvironment.getEnvironment();
    }

    /** A direct buffer in native order: ONNX Runtime reads it in place, where a heap buffer would be copied first. */
    private static LongBuffer longs(int n) {
        return ByteBuffer.allocateDirect(n * Long.BYTES).order(ByteOrder.nativeOrder()).asLongBuffer();
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
        for (int i = 0; i < masks.length(); i++) {
            OnnxTensor mask = masks.getAndSet(i, null);
            if (mask != null) {
                mask.close();
            }
        }
    }

    /**
     * The cache of one sequence: the tensors of the last result, fed back as the next inputs. This is the seam where
     * device-resident buffers (IoBinding through the C API) would replace the host round trip on a GPU.
     */
    static final class KvCache implements AutoCloseable {
        private final OnnxTensor empty;
        private OrtSession.Result last;

        KvCache(OrtEnvironment env, ApertusConfig config, OnnxJavaType type) throws OrtException {
            // [batch 1, kv heads, 0 positions, head_dim]: one empty tensor serves every layer's key and value.
            this.empty = OnnxTensor.createTensor(env, ByteBuffer.allocateDirect(0), new long[] {1, config.kvHeads(), 0, config.headDim()}, type);
        }

        OnnxTensor past(String presentName) {
            return last == null ? empty : (OnnxTensor) last.get(presentName).orElseThrow();
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
            empty.close();
        }
    }

    private final class OrtSequence implements Sequence {
        private final KvCache cache;
        private final Map<String, OnnxTensor> inputs = new HashMap<>();
        /** A decode step's token and position: tensors over these buffers are made once, and each step rewrites them. */
        private final LongBuffer stepToken = longs(1);
        private final LongBuffer stepPosition = longs(1);
        private final OnnxTensor stepTokenTensor;
        private final OnnxTensor stepPositionTensor;
        /** A step's logits [1, 1, vocab] (the model gives the last position's only), written straight into this buffer. */
        private final FloatBuffer stepLogits;
        private final OnnxTensor stepLogitsTensor;
        private final Map<String, OnnxTensor> pinned;
        /** The logits handed out, rewritten by each step (the decoder contract allows it): no allocation per token. */
        private final float[] logits;
        private int length;

        OrtSequence() {
            List<AutoCloseable> made = new ArrayList<>();
            try {
                this.cache = new KvCache(env, config, cacheType);
                made.add(cache);
                this.stepLogits = ByteBuffer.allocateDirect(config.vocabSize() * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
                this.stepLogitsTensor = OnnxTensor.createTensor(env, stepLogits, new long[] {1, 1, config.vocabSize()});
                made.add(stepLogitsTensor);
                this.pinned = Map.of("logits", stepLogitsTensor);
                this.logits = new float[config.vocabSize()];
                this.stepTokenTensor = OnnxTensor.createTensor(env, stepToken, new long[] {1, 1});
                made.add(stepTokenTensor);
                this.stepPositionTensor = OnnxTensor.createTensor(env, stepPosition, new long[] {1, 1});
            } catch (OrtException e) {
                // Native tensors are not collected: what was made before the failure is released here.
                for (AutoCloseable m : made) {
                    try {
                        m.close();
                    } catch (Exception ignored) {
                        // Already failing; the first error is the one to report.
                    }
                }
                throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
            }
        }

        @Override
        public float[] prefill(int[] tokens) {
            LongBuffer ids = longs(tokens.length);
            LongBuffer positions = longs(tokens.length);
            for (int i = 0; i < tokens.length; i++) {
                ids.put(i, tokens[i]);
                positions.put(i, length + i);
            }
            long[] shape = {1, tokens.length};
            try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, ids, shape);
                    OnnxTensor positionsTensor = OnnxTensor.createTensor(env, positions, shape)) {
                return run(idsTensor, positionsTensor, tokens.length);
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
            }
        }

        @Override
        public float[] decode(int token) {
            stepToken.put(0, token);
            stepPosition.put(0, length);
            return run(stepTokenTensor, stepPositionTensor, 1);
        }

        @Override
        public int length() {
            return length;
        }

        private float[] run(OnnxTensor idsTensor, OnnxTensor positionsTensor, int n) {
            long began = System.nanoTime();
            try {
                if (inputs.get("input_ids") != idsTensor) {
                    // A decode step's token and position tensors are the same objects every time; a prefill's are new.
                    inputs.put("input_ids", idsTensor);
                    inputs.put("position_ids", positionsTensor);
                }
                inputs.put("attention_mask", mask(length + n));
                for (int l = 0; l < config.layers(); l++) {
                    inputs.put(pastKey[l], cache.past(presentKey[l]));
                    inputs.put(pastValue[l], cache.past(presentValue[l]));
                }
                long before = System.nanoTime();
                OrtSession.Result result = session.run(inputs, presents, pinned);
                runNanos.add(System.nanoTime() - before);
                // The logits [1, 1, vocab] are already in their buffer; the result holds the cache from here on.
                stepLogits.get(0, logits);
                cache.advance(result);
                length += n;
                stepNanos.add(System.nanoTime() - began);
                return logits;
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            cache.close();
            stepLogitsTensor.close();
            stepTokenTensor.close();
            stepPositionTensor.close();
        }
    }
}
