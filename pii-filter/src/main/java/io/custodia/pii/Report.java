package io.custodia.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What was found: types, counts and offsets in the input, never the values themselves. */
public record Report(List<Finding> findings) {

    /** One value found at [start, end) of the input. */
    public record Finding(PiiType type, long start, long end) {}

    public Report {
        findings = List.copyOf(findings);
    }

    public Map<PiiType, Integer> counts() {
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        findings.forEach(f -> counts.merge(f.type(), 1, Integer::sum));
        return Collections.unmodifiableMap(counts);
    }

    public boolean isEmpty() {
        return findings.isEmpty();
    }

    static final class Builder {
        private final List<Finding> findings = new ArrayList<>();

        void add(Span span, long offset) {
            findings.add(new Finding(span.type(), offset + span.start(), offset + span.end()));
        }

        Report build() {
            return new Report(findings);
        }
    }
}
