package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The regex-free fold against the normalizer it stands in for, on random word sequences. */
class LatinFoldDuelTest {

    private static final String LETTERS = "aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789äÄöÖüÜßéÉèàçÇñÑøØåÅæÆœŒłŁıİĳŉſǅǆÞþðĐđ";
    private static final String SEPARATORS = " \t\n-.,;:/()[]\"!?&+*#_'’\u00a0\u0301\u2013";

    @Test
    void agreesWithTheNormalizerWheneverItAnswers() {
        Random random = new Random(Seeds.seed("latinfold"));
        IdentifierNormalizer normalizer = new IdentifierNormalizer("ZZ", true);
        LatinFold fold = new LatinFold(normalizer);
        int answered = 0;
        for (int n = 0; n < 100_000; n++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(4);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    int separators = 1 + random.nextInt(3);
                    for (int k = 0; k < separators; k++) {
                        text.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
                    }
                }
                int length = 1 + random.nextInt(8);
                for (int k = 0; k < length; k++) {
                    text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
                }
            }
            String fast = fold.normalize(text, 0, text.length());
            if (fast != null) {
                answered++;
                assertThat(fast).as(text.toString()).isEqualTo(normalizer.normalize(IdentifierKind.NAME, text.toString()));
            }
        }
        assertThat(answered).as("the fast path must cover most inputs to be worth having").isGreaterThan(30_000);
    }
}
