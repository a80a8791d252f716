package io.custodia.pii;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast checks against slow, obviously correct ones, on random input; a failure prints the seed that replays it. */
class ChecksumDuelTest {

    @Test
    void luhnAgreesWithTheTextbookDefinition() {
        Random random = new Random(Seeds.seed("luhn"));
        for (int n = 0; n < 100_000; n++) {
            String digits = digits(random, 13 + random.nextInt(7));
            assertThat(PaymentCardDetector.luhn(digits)).as(digits).isEqualTo(naiveLuhn(digits));
        }
    }

    @Test
    void mod97AgreesWithBigIntegerArithmetic() {
        Random random = new Random(Seeds.seed("mod97"));
        for (int n = 0; n < 100_000; n++) {
            StringBuilder iban = new StringBuilder();
            iban.append((char) ('A' + random.nextInt(26))).append((char) ('A' + random.nextInt(26)));
            iban.append(digits(random, 2));
            int rest = 11 + random.nextInt(20);
            for (int k = 0; k < rest; k++) {
                iban.append(random.nextBoolean() ? (char) ('0' + random.nextInt(10)) : (char) ('A' + random.nextInt(26)));
            }
            assertThat(IbanDetector.mod97(iban)).as(iban.toString()).isEqualTo(naiveMod97(iban.toString()));
        }
    }

    @Test
    void ean13AgreesWithTheStandardWeighting() {
        Random random = new Random(Seeds.seed("ean13"));
        for (int n = 0; n < 100_000; n++) {
            String digits = "756" + digits(random, 10);
            int sum = 0;
            for (int i = 0; i < 12; i++) {
                sum += (digits.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
            }
            boolean expected = (sum + (digits.charAt(12) - '0')) % 10 == 0;
            assertThat(AhvDetector.ean13(digits)).as(digits).isEqualTo(expected);
        }
    }

    @Test
    void ipv6ParsingAgreesWithGuava() {
        Random random = new Random(Seeds.seed("ipv6"));
        String alphabet = "0123456789abcdef:::...";
        List<String> samples = new ArrayList<>(List.of("::", "::1", "1::", "2001:db8::1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8",
                "1:2:3:4:5:6:1.2.3.4", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", ":1::", "1:::2"));
        for (int n = 0; n < 100_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = 2 + random.nextInt(20);
            for (int k = 0; k < length; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            samples.add(s.toString());
        }
        for (String s : samples) {
            boolean guava = s.contains(":") && InetAddresses.isInetAddress(s);
            assertThat(Ipv6.parse(s) != null).as(s).isEqualTo(guava);
        }
    }

    private static String digits(Random random, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private static boolean naiveLuhn(String digits) {
        int sum = 0;
        String reversed = new StringBuilder(digits).reverse().toString();
        for (int i = 0; i < reversed.length(); i++) {
            int d = reversed.charAt(i) - '0';
            int contribution = i % 2 == 1 ? (d * 2) / 10 + (d * 2) % 10 : d;
            sum += contribution;
        }
        return sum % 10 == 0;
    }

    private static int naiveMod97(String iban) {
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    }
}
