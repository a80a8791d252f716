package io.custodia.governance.requests;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.custodia.optout.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

/** What a requester files; {@code kind} picks one of three payloads, each validated on its own terms. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Submission.OptOut.class, name = "OPT_OUT"),
    @JsonSubTypes.Type(value = Submission.Pii.class, name = "PII"),
    @JsonSubTypes.Type(value = Submission.Copyright.class, name = "COPYRIGHT"),
})
sealed interface Submission {

    String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    Requester requester();

    @JsonIgnore
    RequestKind kind();

    /** Where the material appears, when the kind has such a list. */
    static List<String> urlsOf(Submission submission) {
        List<String> urls = switch (submission) {
            case OptOut ignored -> null;
            case Pii pii -> pii.urls();
            case Copyright copyright -> copyright.urls();
        };
        return urls == null ? List.of() : urls;
    }

    record Requester(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Size(max = 320) @Email(regexp = EMAIL_PATTERN, message = "must be a valid e-mail address") String email) {}

    /** Reserved purposes; with none and no user agents given, all AI training is reserved. */
    enum Purpose { AI_TRAINING, TEXT_AND_DATA_MINING, AI_RETRIEVAL }

    record OptOut(
            @Valid @NotNull Requester requester,
            @NotNull Scope scope,
            @NotBlank @Size(max = 2048) String target,
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> userAgents,
            @Size(max = 3) List<@NotNull Purpose> purposes,
            LocalDate effectiveFrom) implements Submission {

        @Override
        public RequestKind kind() {
            return RequestKind.OPT_OUT;
        }
    }

    record Identifiers(
            @Size(max = 50) List<@NotBlank @Size(max = 300) String> names,
            @Size(max = 50) List<@NotBlank @Size(max = 320) @Email(regexp = EMAIL_PATTERN, message = "must be a valid e-mail address") String> emails,
            @Size(max = 50) List<@NotBlank @Size(max = 50) String> phones,
            @Size(max = 20) List<@NotBlank @Size(max = 500) String> addresses,
            @Size(max = 50) List<@NotBlank @Size(max = 300) String> other) {

        @JsonIgnore
        @AssertTrue(message = "at least one identifier (names, emails, phones, addresses or other) is required")
        boolean isAnyGiven() {
            return Stream.of(names, emails, phones, addresses, other).anyMatch(l -> l != null && !l.isEmpty());
        }
    }

    record Pii(
            @Valid @NotNull Requester requester,
            @Valid @NotNull Identifiers identifiers,
            @Size(max = 100) List<@NotBlank @Size(max = 2048) String> urls,
            @Size(max = 5000) String context) implements Submission {

        @Override
        public RequestKind kind() {
            return RequestKind.PII;
        }
    }

    enum WorkType { BOOK, ARTICLE, NEWS, LYRICS, POEM, SCRIPT, CODE, OTHER }

    record Work(
            @NotBlank @Size(max = 500) String title,
            @NotBlank @Size(max = 300) String rightsholder,
            @NotNull WorkType type) {}

    record Copyright(
            @Valid @NotNull Requester requester,
            @Valid @NotNull Work work,
            @NotEmpty @Size(max = 100) List<@NotBlank String> excerpts,
            @Size(max = 100) List<@NotBlank @Size(max = 2048) String> urls,
            @AssertTrue(message = "a good-faith statement is required") boolean goodFaith) implements Submission {

        @Override
        public RequestKind kind() {
            return RequestKind.COPYRIGHT;
        }
    }
}
