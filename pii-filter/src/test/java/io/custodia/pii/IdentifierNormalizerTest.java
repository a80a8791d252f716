package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentifierNormalizerTest {

    private final IdentifierNormalizer normalizer = new IdentifierNormalizer("CH", false);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Jane  DOE|jane doe",
        "jane doe|jane doe",
        "Jane Doe's|jane doe",
        "Jane Doe’s|jane doe",
        "  Jane\tDoe,  |jane doe",
        "Straße|strasse",
        "Ｊａｎｅ Ｄｏｅ|jane doe",
        "O'Neil|o neil",
        "R2D2's|r2d2",
    })
    void namesFoldCaseSpacingAndPunctuation(String raw, String expected) {
        assertThat(normalizer.normalize(IdentifierKind.NAME, raw)).isEqualTo(expected);
    }

    @Test
    void diacriticsFoldOnlyWhenAsked() {
        assertThat(normalizer.normalize(IdentifierKind.NAME, "Zoë Brontë")).isEqualTo("zoë brontë");
        assertThat(new IdentifierNormalizer("CH", true).normalize(IdentifierKind.NAME, "Zoë Brontë"))
                .isEqualTo("zoe bronte");
    }

    @Test
    void emailsAreLowerCasedAndTrimmed() {
        assertThat(normalizer.normalize(IdentifierKind.EMAIL, "  Jane.Doe@Example.ORG "))
                .isEqualTo("jane.doe@example.org");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+41 44 668 18 00|+41446681800",
        "044 668 18 00|+41446681800",
        "0041 44 668 18 00|+41446681800",
        "+49 30 901820|+4930901820",
        "(555) 12|55512",
    })
    void phonesBecomeE164WhenValid(String raw, String expected) {
        assertThat(normalizer.normalize(IdentifierKind.PHONE, raw)).isEqualTo(expected);
    }

    @Test
    void onlyPunctuationLeavesNothing() {
        assertThat(normalizer.normalize(IdentifierKind.OTHER, " -- ,, ")).isEmpty();
    }
}
