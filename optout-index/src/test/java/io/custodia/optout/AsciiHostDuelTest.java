package io.custodia.optout;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InternetDomainName;
import java.net.IDN;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shortcut past IDNA for hosts of letters, digits, hyphens and dots, against IDNA itself on random hosts. */
class AsciiHostDuelTest {

    private static final String[] LABELS = {"example", "co", "uk", "github", "io", "com", "org", "ch", "xn--bcher-kva",
        "a", "-a", "a-", "1", "123", "www", "EXAMPLE", "Com", "x".repeat(63), "x".repeat(64), "", "b-c", "--", "xn--"};

    @Test
    void decidesAsIdnaDoes() {
        long seed = Seeds.seed("ascii-host");
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder host = new StringBuilder();
            int labels = 1 + random.nextInt(5);
            for (int l = 0; l < labels; l++) {
                if (l > 0) {
                    host.append('.');
                }
                host.append(LABELS[random.nextInt(LABELS.length)]);
            }
            if (random.nextInt(20) == 0) {
                host.append(".");
            }
            if (random.nextInt(30) == 0) {
                host.insert(random.nextInt(host.length() + 1), "x".repeat(200));
            }
            String raw = host.toString();
            assertThat(TargetNormalizer.asciiHost(raw)).as("seed %d: %s", seed, raw).isEqualTo(throughIdna(raw));
        }
    }

    /** Every host through IDNA, then Guava's validation and Public Suffix List: what the shortcut must agree with. */
    private static Optional<String> throughIdna(String host) {
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException notAHostName) {
            return Optional.empty();
        }
        if (!InternetDomainName.isValid(ascii)) {
            return Optional.empty();
        }
        return InternetDomainName.from(ascii).isUnderPublicSuffix() ? Optional.of(ascii) : Optional.empty();
    }
}
