package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The folded view against folding char by char, and each folded char against what Unicode says it stands for. */
class CompatibilityFormsDuelTest {

    @Test
    void everyFoldedCharIsTheAsciiCharUnicodeGivesIt() {
        for (int c = 0; c < 0x10000; c++) {
            char folded = CompatibilityForms.fold((char) c);
            if (folded == c) {
                continue;
            }
            assertThat(c).as("U+%04X", c).isGreaterThanOrEqualTo(CompatibilityForms.FIRST);
            assertThat(folded).as("U+%04X", c).isLessThan((char) 128);
            String nfkc = Normalizer.normalize(String.valueOf((char) c), Normalizer.Form.NFKC);
            if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                assertThat(folded).as("U+%04X", c).isEqualTo((char) ('0' + Character.digit(c, 10)));
            } else if ("\u2010\u2011\u2012\u2013\u2212\uFE63".indexOf(c) >= 0) {
                assertThat(folded).isEqualTo('-');
            } else if (c == '\u3002' || c == '\uFF61') {
                assertThat(folded).isEqualTo('.');
            } else {
                assertThat(String.valueOf(folded)).as("U+%04X", c).isEqualTo(nfkc);
            }
        }
        assertThat(CompatibilityForms.fold('\uFF0B')).isEqualTo('+');
        assertThat(CompatibilityForms.fold('\u0664')).isEqualTo('4');
        assertThat(CompatibilityForms.fold('\u2014')).as("an em dash is punctuation, not a number's hyphen").isEqualTo('\u2014');
        assertThat(CompatibilityForms.fold('\u2019')).isEqualTo('\u2019');
    }

    @Test
    void theViewFoldsExactlyTheCharsThatFoldAndCopiesOnlyWhenOneDoes() {
        assertThat(PiiScanner.VECTORS).as("the tests run with the Vector API, so that its path is tested").isTrue();
        Random random = new Random(Seeds.seed("compatibility-forms"));
        char[] alphabet = {'a', 'Z', '4', ' ', '-', '@', '.', 'é', 'ж', '\u2019', '\u2014', '\u0660', '\u0669', '\uFF10',
            '\uFF20', '\u2011', '\u3000', '\u3002', '東', '\uD83D', '\uDE42'};
        for (int round = 0; round < 2_000; round++) {
            int length = random.nextInt(1_200);
            // Past the length, what a reused buffer holds of an earlier text, foldable chars among it: never read.
            char[] chars = new char[length + random.nextInt(40)];
            // Mostly text with nothing to fold, so that whole vectors are skipped and single folds land anywhere.
            int foldable = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20);
            for (int i = 0; i < chars.length; i++) {
                chars[i] = random.nextInt(100) < foldable || i >= length ? alphabet[random.nextInt(alphabet.length)] : alphabet[random.nextInt(9)];
            }
            char[] before = chars.clone();
            char[] expected = new char[length];
            boolean changed = false;
            for (int i = 0; i < length; i++) {
                expected[i] = CompatibilityForms.fold(chars[i]);
                changed |= expected[i] != chars[i];
            }
            for (boolean vectors : new boolean[] {true, false}) {
                char[] view = CompatibilityForms.of(chars, length, vectors);
                assertThat(Arrays.copyOf(view, length)).as("vectors %s", vectors).isEqualTo(expected);
                assertThat(view == chars).as("the same array exactly when nothing folds").isEqualTo(!changed);
                assertThat(chars).as("the text itself is left as it was").isEqualTo(before);
            }
        }
    }
}
