package io.custodia.inference.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** bfloat16 rounding against a naive nearest-value search, on random floats; the seed is logged. */
class PrecisionTest {

    @Test
    void bfloat16RoundsToTheNearestTiesToEven() {
        long seed = new Random().nextLong();
        System.out.println("PrecisionTest seed " + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 200_000; i++) {
            float value = i % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
            if (Float.isNaN(value)) {
                assertThat(Float.isNaN(widen(Precision.bfloat16(value)))).as("seed %d: NaN stays NaN", seed).isTrue();
                continue;
            }
            assertThat(Precision.bfloat16(value)).as("seed %d: %s", seed, value).isEqualTo(naive(value));
        }
    }

    /** The two bfloat16 values around the float, and the nearer one; on a tie the one whose last bit is 0. */
    private static short naive(float value) {
        int bits = Float.floatToRawIntBits(value);
        short down = (short) (bits >>> 16);
        short up = (short) ((bits >>> 16) + 1);
        if ((bits & 0xFFFF) == 0) {
            return down;
        }
        double below = Math.abs((double) widen(down) - value);
        // Past the largest finite bfloat16 lies infinity; IEEE rounding treats it as 2^128 when choosing.
        double above = Float.isInfinite(widen(up)) ? Math.abs(Math.copySign(Math.pow(2, 128), value) - value)
                : Math.abs((double) widen(up) - value);
        if (below != above) {
            return below < above ? down : up;
        }
        return (down & 1) == 0 ? down : up;
    }

    private static float widen(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }
}
