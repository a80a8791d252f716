package io.custodia.governance.requests;

import io.custodia.governance.platform.Problems.FieldError;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

/** Reads {@code page}, {@code size} and {@code sort=field,asc|desc} for request listings, refusing unknown sort fields. */
final class QueuePaging {

    static final int MAX_SIZE = 500;
    private static final Set<String> SORTABLE = Set.of("createdAt", "verifiedAt", "dueAt", "decidedAt", "status", "kind");

    private QueuePaging() {}

    sealed interface Parsed {
        record Valid(PageRequest page) implements Parsed {}
        record Invalid(FieldError error) implements Parsed {}
    }

    static Parsed parse(int page, int size, String sort) {
        if (page < 0) {
            return new Parsed.Invalid(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            return new Parsed.Invalid(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if ((long) (page + 1) * size > Integer.MAX_VALUE) {
            return new Parsed.Invalid(new FieldError("page", "is beyond any result"));
        }
        String[] parts = Optional.ofNullable(sort).orElse("dueAt,asc").split(",", -1);
        if (parts.length == 0 || parts.length > 2 || !SORTABLE.contains(parts[0])) {
            return new Parsed.Invalid(new FieldError("sort", "must be one of " + SORTABLE + ", optionally ',asc' or ',desc'"));
        }
        Sort.Direction direction;
        try {
            direction = parts.length == 2 ? Sort.Direction.fromString(parts[1].toUpperCase(Locale.ROOT)) : Sort.Direction.ASC;
        } catch (IllegalArgumentException e) {
            return new Parsed.Invalid(new FieldError("sort", "direction must be asc or desc"));
        }
        Sort order = Sort.by(new Sort.Order(direction, parts[0], Sort.NullHandling.NULLS_LAST)).and(Sort.by("createdAt"));
        return new Parsed.Valid(PageRequest.of(page, size, order));
    }
}
