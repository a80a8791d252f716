package io.custodia.inference.onnx;

import java.nio.ByteBuffer;

/**
 * The number format of an exported model's weights, activations and KV cache: fp32 for the CPU, fp16 or bf16 for a
 * GPU, where they halve the memory and the cache copies. Normalization statistics stay fp32 in every format
 * (RMSNormalization's stash type), as Apertus computes them, and logits leave the model as fp32.
 */
public enum Precision {
    FP32(1, 4),
    FP16(10, 2),
    BF16(16, 2);

    /** The ONNX TensorProto data type. */
    final int onnxType;
    /** Bytes per element. */
    final int bytes;

    Precision(int onnxType, int bytes) {
        this.onnxType = onnxType;
        this.bytes = bytes;
    }

    /** Appends {@code values[from, from + n)} little-endian in this format. */
    void put(ByteBuffer out, float[] values, int from, int n) {
        for (int i = from; i < from + n; i++) {
            switch (this) {
                case FP32 -> out.putFloat(values[i]);
                case FP16 -> out.putShort(Float.floatToFloat16(values[i]));
                case BF16 -> out.putShort(bfloat16(values[i]));
            }
        }
    }

    /** Rounds to the nearest bfloat16, ties to even, keeping NaN a NaN. */
    static short bfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }
}
