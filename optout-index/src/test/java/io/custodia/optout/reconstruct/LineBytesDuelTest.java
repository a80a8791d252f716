package io.custodia.optout.reconstruct;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.base.Utf8;
import io.custodia.optout.Seeds;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A line is checked as bytes: Guava's well-formedness against the JDK's strict decoder (which the reconstruction used
 * before), and the blank check against {@link String#isBlank()}, on random bytes shaped like UTF-8 and broken in the ways
 * that UTF-8 breaks: overlong forms, encoded surrogates, code points past U+10FFFF, cut sequences, stray continuations.
 */
class LineBytesDuelTest {

    private static final byte[][] PIECES = {
        bytes("{\"text\":\"a\"}"), bytes(" "), bytes("\t"), bytes("\u000B"), bytes("\u001F"), bytes("\u00a0"), bytes("\u3000"),
        bytes("\u2028"), bytes("\u0085"), bytes("é"), bytes("東"), bytes("🙂"), bytes("x"),
        hex("c080"), hex("c1bf"), hex("e08080"), hex("eda080"), hex("edbfbf"), hex("f0808080"), hex("f4908080"),
        hex("f5808080"), hex("ff"), hex("80"), hex("bf"), hex("c3"), hex("e6"), hex("e69d"), hex("f09f99"), hex("c2a0")};

    @Test
    void wellFormedAndBlankAsTheJdkDecides() {
        Random random = new Random(Seeds.seed("line-bytes-duel"));
        for (int round = 0; round < 20_000; round++) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int i = random.nextInt(8); i > 0; i--) {
                // Mostly whitespace, so that blank lines and lines that only look blank both come up.
                byte[] piece = random.nextInt(3) == 0 ? PIECES[random.nextInt(PIECES.length)] : PIECES[1 + random.nextInt(8)];
                line.writeBytes(piece);
            }
            if (random.nextInt(20) == 0) {
                line.write(random.nextInt(256));
            }
            byte[] padded = new byte[line.size() + 6];
            Arrays.fill(padded, (byte) 0xff);
            System.arraycopy(line.toByteArray(), 0, padded, 3, line.size());
            String seen = HexFormat.of().formatHex(line.toByteArray());
            boolean wellFormed = strictlyDecodes(line.toByteArray());
            assertThat(Utf8.isWellFormed(padded, 3, line.size())).as(seen).isEqualTo(wellFormed);
            if (wellFormed) {
                assertThat(Reconstruction.isBlank(padded, 3, line.size())).as(seen)
                        .isEqualTo(new String(line.toByteArray(), StandardCharsets.UTF_8).isBlank());
            }
        }
    }

    private static boolean strictlyDecodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
