package io.custodia.optout.index;

import io.custodia.optout.Rule;
import io.custodia.optout.RuleLines;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** A rule as an index keeps it: a CONTENT rule's text replaced by its sorted fingerprints. */
record StoredRule(Rule rule, long[] fingerprints) {

    /** The fingerprints of every rule that is not CONTENT, shared: millions of rules need no array each. */
    static final long[] NONE = new long[0];

    /** The rule in canonical form, one line: what the snapshot's rules digest is computed over. */
    String canonical() {
        StringWriter out = new StringWriter();
        try {
            RuleLines.write(out, rule, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (fingerprints.length > 0) {
            out.append(Arrays.toString(fingerprints)).append('\n');
        }
        return out.toString();
    }

    boolean sameAs(StoredRule other) {
        return rule.equals(other.rule) && Arrays.equals(fingerprints, other.fingerprints);
    }
}
