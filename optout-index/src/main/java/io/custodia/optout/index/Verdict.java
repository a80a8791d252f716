package io.custodia.optout.index;

import io.custodia.optout.RuleKind;
import io.custodia.optout.RuleSource;

/** Whether a document stays in the corpus and, if not, which rule took it out. */
public sealed interface Verdict {

    Verdict KEPT = new Kept();

    record Kept() implements Verdict {}

    record Excluded(String ruleId, RuleKind kind, RuleSource source) implements Verdict {}
}
