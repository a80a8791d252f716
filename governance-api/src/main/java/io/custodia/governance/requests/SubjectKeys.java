package io.custodia.governance.requests;

import io.custodia.governance.protection.KeyedHash;
import io.custodia.optout.OptOutTarget;
import io.custodia.optout.Scope;
import io.custodia.optout.TargetNormalizer;
import io.custodia.optout.TargetParse;
import io.custodia.pii.IdentifierKind;
import io.custodia.pii.IdentifierNormalizer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a request is about, as keyed hashes of normalized values: the opt-out target with each reservation, each PII
 * identifier, the work and each excerpt, and each URL. A request is a duplicate when one covering request already has every one of its keys.
 */
@Component
class SubjectKeys {

    private static final String DOMAIN = "subject";

    private final KeyedHash hash;
    private final IdentifierNormalizer normalizer;
    private final JdbcClient jdbc;
    private final TargetNormalizer urls = new TargetNormalizer();

    SubjectKeys(KeyedHash hash, RequestsProperties properties, JdbcClient jdbc) {
        this.hash = hash;
        this.normalizer = new IdentifierNormalizer(properties.phoneRegion(), true);
        this.jdbc = jdbc;
    }

    /** Canonical subject strings; never stored, only their keyed hashes are. */
    Set<String> canonical(Submission submission, OptOutTarget target) {
        Set<String> keys = new LinkedHashSet<>();
        switch (submission) {
            case Submission.OptOut optOut -> {
                // One key per reservation, so an opt-out that reserves something new is never a duplicate.
                String base = "optout:" + target.subjectKey();
                boolean none = isEmpty(optOut.userAgents()) && isEmpty(optOut.purposes());
                if (none) {
                    keys.add(base + "|purpose:" + Submission.Purpose.AI_TRAINING);
                }
                if (!isEmpty(optOut.userAgents())) {
                    optOut.userAgents().forEach(agent -> keys.add(base + "|agent:" + agent.strip().toLowerCase(Locale.ROOT)));
                }
                if (!isEmpty(optOut.purposes())) {
                    optOut.purposes().forEach(purpose -> keys.add(base + "|purpose:" + purpose));
                }
            }
            case Submission.Pii pii -> {
                add(keys, IdentifierKind.NAME, pii.identifiers().names());
                add(keys, IdentifierKind.EMAIL, pii.identifiers().emails());
                add(keys, IdentifierKind.PHONE, pii.identifiers().phones());
                add(keys, IdentifierKind.ADDRESS, pii.identifiers().addresses());
                add(keys, IdentifierKind.OTHER, pii.identifiers().other());
            }
            case Submission.Copyright copyright -> {
                keys.add("work:" + words(copyright.work().title()) + "|" + words(copyright.work().rightsholder()));
                copyright.excerpts().forEach(excerpt -> keys.add("excerpt:" + words(excerpt)));
            }
        }
        String kind = submission.kind().name();
        for (String url : Submission.urlsOf(submission)) {
            if (urls.parse(Scope.URL, url) instanceof TargetParse.Valid valid) {
                keys.add(kind + "-url:" + valid.target().value());
            }
        }
        return keys;
    }

    /** The normalized form of one identifier, empty when nothing identifying is left (e.g. only punctuation). */
    String normalized(IdentifierKind kind, String value) {
        return normalizer.normalize(kind, value);
    }

    private void add(Set<String> keys, IdentifierKind kind, List<String> values) {
        if (values != null) {
            values.stream()
                    .map(v -> normalizer.normalize(kind, v))
                    .filter(v -> !v.isEmpty())
                    .forEach(v -> keys.add("pii:" + kind + ":" + v));
        }
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    private String words(String text) {
        return normalizer.normalize(IdentifierKind.OTHER, text);
    }

    void store(UUID requestId, Set<String> canonical) {
        for (String key : canonical) {
            jdbc.sql("INSERT INTO request_subject_key (request_id, key_hash) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(requestId, hash.of(DOMAIN, key))
                    .update();
        }
    }

    /** The oldest covering request that has every subject key of this one, if any. */
    Optional<UUID> coveredBy(UUID requestId) {
        return jdbc.sql("""
                SELECT other.request_id
                FROM request_subject_key mine
                JOIN request_subject_key other ON other.key_hash = mine.key_hash AND other.request_id <> mine.request_id
                JOIN removal_request r ON r.id = other.request_id
                WHERE mine.request_id = :id AND r.status IN (:covering)
                GROUP BY other.request_id, r.created_at
                HAVING count(*) = (SELECT count(*) FROM request_subject_key WHERE request_id = :id)
                ORDER BY r.created_at
                LIMIT 1""")
                .param("id", requestId)
                .param("covering", RequestStatus.COVERING.stream().map(Enum::name).toList())
                .query(UUID.class)
                .optional();
    }
}
