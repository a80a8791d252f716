package io.custodia.inference.generation;

import io.custodia.pii.PiiFilter;
import io.custodia.pii.StreamingRedactor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A completion whose text passes the PII filter before anyone sees it: each piece the generator hands out goes
 * through a streaming redactor, which holds back what could still become a value, and only what it releases is
 * emitted. The streamed pieces and the returned text are the same, and equal the filter applied to the whole text.
 */
public final class FilteredGeneration {

    private FilteredGeneration() {}

    /** The outcome: the generator's, with the text as emitted, and how many values the filter took out. */
    public record Filtered(Generator.Finished finished, int redactions) {}

    public static Filtered generate(Generator generator, PiiFilter filter, Generator.Request request, Consumer<String> out,
            BooleanSupplier cancelled) {
        StreamingRedactor redactor = filter.streaming();
        StringBuilder emitted = new StringBuilder();
        Consumer<String> release = safe -> {
            if (!safe.isEmpty()) {
                emitted.append(safe);
                out.accept(safe);
            }
        };
        Generator.Finished raw = generator.generate(request, piece -> release.accept(redactor.accept(piece)), cancelled);
        release.accept(redactor.finish());
        return new Filtered(new Generator.Finished(raw.reason(), raw.promptTokens(), raw.completionTokens(), emitted.toString()),
                redactor.report().findings().size());
    }
}
