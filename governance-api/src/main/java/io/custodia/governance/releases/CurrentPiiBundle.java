package io.custodia.governance.releases;

import io.custodia.governance.requests.ApprovedPii;
import io.custodia.governance.requests.RequestDecided;
import io.custodia.governance.requests.RequestStatus;
import io.custodia.pii.Bundle;
import io.custodia.pii.BundleBuilder;
import io.custodia.pii.PiiFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * This node's own PII bundle, for filtering what its models say: every approved or enforced PII request's identifiers,
 * built at start and again after each approval, signed with the node's key and loaded back through the signature check
 * as any reader would load it. Unlike a release it is not stored or published, and it enforces nothing.
 */
@Component
public class CurrentPiiBundle {

    private static final Logger log = LoggerFactory.getLogger(CurrentPiiBundle.class);

    private final ApprovedPii approved;
    private final BundleSigningKey key;
    private final ReleaseProperties properties;
    private final Clock clock;
    private final AtomicReference<Current> current = new AtomicReference<>();

    CurrentPiiBundle(ApprovedPii approved, BundleSigningKey key, ReleaseProperties properties, Clock clock) {
        this.approved = approved;
        this.key = key;
        this.properties = properties;
        this.clock = clock;
    }

    /** A verified bundle, the filter made from it once (standard detectors plus its entries), its version and age. */
    public record Current(Bundle bundle, PiiFilter filter, String version, Instant builtAt) {}

    /** The bundle as last built, or empty before the first build has finished. */
    public Optional<Current> current() {
        return Optional.ofNullable(current.get());
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        rebuild();
    }

    @Async
    @TransactionalEventListener
    void on(RequestDecided decided) {
        if (decided.outcome() == RequestStatus.APPROVED) {
            rebuild();
        }
    }

    /** Builds, signs and verifies a new bundle from the requests approved now, then makes it current. */
    public synchronized Current rebuild() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String version = "node-" + PiiBundleReleases.VERSION.format(now);
        BundleBuilder builder = PiiBundleReleases.builder(approved.forRelease(), properties);
        byte[] content = builder.build(new BundleBuilder.Release(version, now, now.plus(properties.bundleValidity()), key.keyId()),
                key.privateKey());
        Current built = switch (Bundle.load(content, key.publicKey(), clock)) {
            case Bundle.Loading.Loaded loaded -> new Current(loaded.bundle(), PiiFilter.builder().bundle(loaded.bundle()).build(), version, now);
            case Bundle.Loading.Rejected rejected -> throw new IllegalStateException("the node's own bundle failed its check: " + rejected.reason());
        };
        current.set(built);
        log.info("PII filter bundle {} is current: {} entries", version, built.bundle().size());
        return built;
    }
}
