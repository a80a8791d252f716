package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SipHashDuelTest {

    @Test
    void agreesWithGuavaOnRandomUnicodeStrings() {
        Random random = new Random(Seeds.seed("siphash"));
        for (int n = 0; n < 50_000; n++) {
            long k0 = random.nextLong();
            long k1 = random.nextLong();
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                int kind = random.nextInt(5);
                s.appendCodePoint(switch (kind) {
                    case 0 -> 'a' + random.nextInt(26);
                    case 1 -> 0xa0 + random.nextInt(0x700);
                    case 2 -> 0x3040 + random.nextInt(0x100);
                    case 3 -> 0x1f600 + random.nextInt(0x50);
                    default -> ' ' + random.nextInt(32);
                });
            }
            String text = s.toString();
            long expected = Hashing.sipHash24(k0, k1).hashBytes(text.getBytes(StandardCharsets.UTF_8)).asLong();
            assertThat(new SipHash(k0, k1).hash(text)).as(text).isEqualTo(expected);
        }
    }
}
