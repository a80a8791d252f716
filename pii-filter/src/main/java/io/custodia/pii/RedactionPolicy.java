package io.custodia.pii;

import java.util.EnumMap;
import java.util.Map;

/** What happens to each type of value: a typed marker (the default), a length-preserving mask, or dropping the document. */
public record RedactionPolicy(Map<PiiType, Action> actions) {

    public enum Action {
        /** {@code <email-pii>} and friends, as in the Apertus pretraining pipeline. */
        MARKER,
        /** One {@code *} per character, so offsets after the value do not move. */
        MASK,
        /** The whole document is unfit; for corpora. A stream cannot be unsent, so streaming writes a marker instead. */
        DROP_DOCUMENT
    }

    public RedactionPolicy {
        actions = Map.copyOf(actions);
    }

    public static RedactionPolicy markers() {
        return new RedactionPolicy(Map.of());
    }

    public Action actionFor(PiiType type) {
        return actions.getOrDefault(type, Action.MARKER);
    }

    public RedactionPolicy with(PiiType type, Action action) {
        Map<PiiType, Action> copy = new EnumMap<>(PiiType.class);
        copy.putAll(actions);
        copy.put(type, action);
        return new RedactionPolicy(copy);
    }

    String replacement(Span span) {
        return actionFor(span.type()) == Action.MASK ? "*".repeat(span.length()) : span.type().marker();
    }
}
