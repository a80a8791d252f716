package io.custodia.optout;

/** The outcome of reading a requested opt-out target: canonical, or refused with a reason a requester can act on. */
public sealed interface TargetParse {

    record Valid(OptOutTarget target) implements TargetParse {}

    record Invalid(String reason) implements TargetParse {}
}
