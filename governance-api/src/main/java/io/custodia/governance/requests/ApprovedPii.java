package io.custodia.governance.requests;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a PII bundle must hold: the identifiers of every approved request, and of every request already enforced, since
 * an identifier stays in every later bundle too.
 */
@Component
public class ApprovedPii {

    private final RemovalRequests requests;
    private final SubmissionVault vault;

    ApprovedPii(RemovalRequests requests, SubmissionVault vault) {
        this.requests = requests;
        this.vault = vault;
    }

    @Transactional(readOnly = true)
    public List<PiiSubject> forRelease() {
        Specification<RemovalRequest> spec = (root, query, cb) -> cb.and(
                cb.equal(root.get("kind"), RequestKind.PII),
                root.get("status").in(EnumSet.of(RequestStatus.APPROVED, RequestStatus.ENFORCED)));
        return requests.findAll(spec).stream()
                .map(request -> switch (vault.open(request)) {
                    case Submission.Pii pii -> new PiiSubject(request.id(), request.status(),
                            orEmpty(pii.identifiers().names()), orEmpty(pii.identifiers().emails()),
                            orEmpty(pii.identifiers().phones()), orEmpty(pii.identifiers().addresses()),
                            orEmpty(pii.identifiers().other()));
                    default -> null;
                })
                .filter(Objects::nonNull)
                .toList();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
