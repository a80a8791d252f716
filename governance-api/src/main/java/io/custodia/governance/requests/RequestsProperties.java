package io.custodia.governance.requests;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Deadlines and limits of the request lifecycle.
 *
 * @param piiDue time from verification to decision for PII removal (GDPR Art. 12(3): one month)
 * @param codeValidity how long an e-mailed confirmation code works
 * @param maxCodeAttempts wrong codes accepted before the code locks
 * @param maxCodesSent codes sent per request, first one included
 * @param phoneRegion region for reading phone numbers written without a country code
 * @param maxExcerptBytes total UTF-8 size of a copyright request's excerpts
 */
@ConfigurationProperties("custodia.requests")
record RequestsProperties(
        @DefaultValue("P30D") Duration piiDue,
        @DefaultValue("P30D") Duration optOutDue,
        @DefaultValue("P30D") Duration copyrightDue,
        @DefaultValue("PT30M") Duration codeValidity,
        @DefaultValue("5") int maxCodeAttempts,
        @DefaultValue("5") int maxCodesSent,
        @DefaultValue("CH") String phoneRegion,
        @DefaultValue("200KB") DataSize maxExcerptBytes) {

    Duration dueAfterVerification(RequestKind kind) {
        return switch (kind) {
            case PII -> piiDue;
            case OPT_OUT -> optOutDue;
            case COPYRIGHT -> copyrightDue;
        };
    }
}
