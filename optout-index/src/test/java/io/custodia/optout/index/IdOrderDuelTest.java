package io.custodia.optout.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The prefix-keyed radix sort of ids against sorting the strings, on random ids made to share prefixes. */
class IdOrderDuelTest {

    @Test
    void ordersIdsAsStringsDo() {
        long seed = Seeds.seed("id-order");
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            boolean ascii = round % 4 != 3;
            List<String> ids = new ArrayList<>();
            int n = random.nextInt(2_000);
            String shared = "request-".substring(0, random.nextInt(9));
            for (int i = 0; i < n; i++) {
                ids.add(id(random, shared, ascii));
            }
            List<String> expected = new ArrayList<>(ids);
            expected.sort(null);
            assertThat(IdOrder.sort(ids, s -> s)).as("seed %d round %d", seed, round).isEqualTo(expected);
        }
    }

    @Test
    void aLongSharedPrefixStillSortsByTheRest() {
        List<String> ids = new ArrayList<>();
        for (int i = 5_000; i > 0; i--) {
            ids.add("request-0000" + i);
        }
        List<String> expected = new ArrayList<>(ids);
        expected.sort(null);
        assertThat(IdOrder.sort(ids, s -> s)).isEqualTo(expected);
    }

    /** Short and long ids from a small alphabet, so that prefixes, lengths and whole ids collide often. */
    private static String id(Random random, String shared, boolean ascii) {
        StringBuilder id = new StringBuilder(shared);
        int length = random.nextInt(14);
        String alphabet = ascii ? "ab-\u0000\u007f09" : "ab-\u00e9\u4e00\ud83d";
        for (int i = 0; i < length; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        // Beyond ASCII after the packed prefix: only the string comparison among equal keys sees it.
        if (id.length() > 9 && random.nextInt(3) == 0) {
            id.append(random.nextBoolean() ? '\u00e9' : 'e');
        }
        return id.toString();
    }

    @Test
    void keysOrderAsTheirIds() {
        assertThat(IdOrder.key("d-0")).isLessThan(IdOrder.key("d-1"));
        assertThat(IdOrder.key("d")).isLessThan(IdOrder.key("d-"));
        assertThat(IdOrder.key("d-000000a")).isEqualTo(IdOrder.key("d-000000ab"));
        assertThat(IdOrder.key("dé")).isEqualTo(-1);
    }
}
