package io.custodia.inference.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.custodia.inference.checkpoint.ApertusConfig;
import io.custodia.inference.checkpoint.Checkpoint;
import io.custodia.inference.checkpoint.TinyCheckpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceModelTest {

    @TempDir
    static Path tmp;

    static ReferenceModel model;

    @BeforeAll
    static void load() throws IOException {
        TinyCheckpoint.write(tmp, 42);
        try (Checkpoint checkpoint = Checkpoint.open(tmp)) {
            model = ReferenceModel.load(checkpoint);
        }
    }

    @Test
    void xieluIsTheTechnicalReportsFunction() {
        float alphaP = (float) Math.log(Math.expm1(0.8));
        float alphaN = (float) Math.log(Math.expm1(0.3));
        double an = 0.8;
        for (double x : new double[] {-6, -2, -0.5, -1e-3, 0, 1e-3, 0.5, 2, 6}) {
            double expected = x > 0 ? 0.8 * x * x + 0.5 * x : an * Math.expm1(Math.min(x, -1e-6)) - an * x + 0.5 * x;
            assertThat((double) ReferenceModel.xielu((float) x, alphaP, alphaN, 0.5f, -1e-6f)).as("x = %s", x).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void llama3ScalingDividesLowFrequenciesKeepsHighOnesAndBlendsBetween() {
        ApertusConfig eightB = new ApertusConfig(4096, 21504, 32, 32, 8, 128, 131072, 65536, 1e-5, 12_000_000,
                new ApertusConfig.RopeScaling(8, 1, 4, 8192), 1, 2, 3);
        float[] scaled = ReferenceModel.inverseFrequencies(eightB);
        ApertusConfig unscaled = new ApertusConfig(4096, 21504, 32, 32, 8, 128, 131072, 65536, 1e-5, 12_000_000, null, 1, 2, 3);
        float[] plain = ReferenceModel.inverseFrequencies(unscaled);
        assertThat(scaled).hasSize(64);
        for (int i = 0; i < 64; i++) {
            double wavelen = 2 * Math.PI / plain[i];
            if (wavelen < 8192 / 4.0) {
                assertThat(scaled[i]).as("high frequency %d", i).isEqualTo(plain[i]);
            } else if (wavelen > 8192) {
                assertThat((double) scaled[i]).as("low frequency %d", i).isCloseTo(plain[i] / 8.0, within(plain[i] * 1e-6));
            } else {
                assertThat(scaled[i]).as("blended %d", i).isBetween(plain[i] / 8, plain[i]);
            }
            if (i > 0) {
                assertThat(scaled[i]).isLessThanOrEqualTo(scaled[i - 1]);
            }
        }
    }

    @Test
    void prefillAndTokenByTokenDecodeGiveTheSameLogits() {
        int[] tokens = new Random(3).ints(40, 0, 512).toArray();
        float[][] prefilled = model.session().forward(tokens);
        ReferenceModel.Session decoding = model.session();
        float[][] first = decoding.forward(Arrays.copyOf(tokens, 17));
        for (int t = 0; t < 17; t++) {
            assertThat(first[t]).isEqualTo(prefilled[t]);
        }
        for (int t = 17; t < tokens.length; t++) {
            assertThat(decoding.forward(tokens[t])[0]).as("position %d", t).isEqualTo(prefilled[t]);
        }
        assertThat(decoding.length()).isEqualTo(40);
    }

    @Test
    void attentionIsCausalAndPositionsMatter() {
        float[][] a = model.session().forward(5, 9, 300, 17, 42);
        float[][] b = model.session().forward(5, 9, 300, 99, 7);
        for (int t = 0; t < 3; t++) {
            assertThat(b[t]).as("position %d sees only what came before", t).isEqualTo(a[t]);
        }
        assertThat(b[3]).isNotEqualTo(a[3]);
        float[][] shuffled = model.session().forward(9, 5, 300);
        assertThat(shuffled[2]).as("order changes the result").isNotEqualTo(a[2]);
        assertThat(model.session().forward(5, 5)[1]).as("the same token at another position").isNotEqualTo(a[0]);
    }

    @Test
    void logitsAreFiniteAndVaried() {
        float[] logits = model.session().forward(1, 61, 62, 300)[3];
        assertThat(logits).hasSize(512);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (float v : logits) {
            assertThat(Float.isFinite(v)).isTrue();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(max - min).as("a random model still prefers some tokens").isGreaterThan(1.0);
    }

    @Test
    void rmsNormHasUnitRootMeanSquareBeforeItsWeight() {
        float[] out = ReferenceModel.rmsNorm(new float[] {3, -4, 0, 12}, new float[] {1, 1, 1, 2}, 0);
        double rms = Math.sqrt((9 + 16 + 0 + 144) / 4.0);
        assertThat(out[0]).isCloseTo((float) (3 / rms), within(1e-6f));
        assertThat(out[3]).isCloseTo((float) (2 * 12 / rms), within(1e-6f));
    }
}
