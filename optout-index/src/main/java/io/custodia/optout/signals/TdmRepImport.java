package io.custodia.optout.signals;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a host's {@code /.well-known/tdmrep.json} (W3C TDMRep, Final Report 2024) into exclusion rules: every entry
 * with {@code "tdm-reservation": 1} becomes a URL_PREFIX rule on its location pattern, exempting the locations of the
 * earlier entries that say 0, because the first matching entry decides. A reservation other than 0 or 1 is a protocol
 * error and leaves that entry unset.
 */
public final class TdmRepImport {

    /** The purpose a TDMRep reservation binds. */
    public static final String PURPOSE = "tdm";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The outcome of reading one file: rules, or why the file is not TDMRep. */
    public sealed interface Parse {
        record Parsed(List<Rule> rules, int ignoredEntries) implements Parse {}

        record Malformed(String reason) implements Parse {}
    }

    public Parse rules(String host, String tdmrepJson, LocalDate fetched) {
        if (tdmrepJson == null) {
            return new Parse.Parsed(List.of(), 0);
        }
        JsonNode root;
        try {
            root = JSON.readTree(tdmrepJson);
        } catch (JacksonException e) {
            return new Parse.Malformed("tdmrep.json is not valid JSON");
        }
        if (root == null || !root.isArray()) {
            return new Parse.Malformed("tdmrep.json must be a JSON array of rules");
        }
        String origin = "https://" + host.toLowerCase(Locale.ROOT);
        List<String> exempt = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        int ignored = 0;
        for (JsonNode entry : root) {
            JsonNode location = entry.get("location");
            JsonNode reservation = entry.get("tdm-reservation");
            if (location == null || !location.isString() || !location.asString().startsWith("/") || reservation == null) {
                ignored++;
                continue;
            }
            String value = reservation.isNumber() || reservation.isString() ? reservation.asString().strip() : "";
            switch (value) {
                case "1" -> rules.add(new Rule(null, RuleKind.URL_PREFIX, origin + location.asString(), List.copyOf(exempt),
                        RuleSource.TDMREP, host.toLowerCase(Locale.ROOT), List.of(PURPOSE), fetched));
                case "0" -> exempt.add(origin + location.asString());
                default -> ignored++;
            }
        }
        return new Parse.Parsed(rules, ignored);
    }
}
