package io.custodia.optout.index;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleLines;
import java.util.Arrays;

/** A rule as an index keeps it: a CONTENT rule's text replaced by its sorted fingerprints. */
record StoredRule(Rule rule, long[] fingerprints) {

    /** The fingerprints of every rule that is not CONTENT, shared: millions of rules need no array each. */
    static final long[] NONE = new long[0];

    /** The rule in canonical form, what the snapshot's rules digest is computed over: its line, then any fingerprints. */
    void writeCanonical(RuleLines.LineWriter lines) {
        lines.write(rule, null);
        if (fingerprints.length > 0) {
            lines.writeLine(Arrays.toString(fingerprints));
        }
    }

    boolean sameAs(StoredRule other) {
        return rule.equals(other.rule) && Arrays.equals(fingerprints, other.fingerprints);
    }
}
