package io.custodia.governance.releases;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param bundleValidity how long a released PII bundle stays valid; Apertus promised updates every six months
 * @param phoneRegion region for phone numbers written without a country code, as for requests
 */
@ConfigurationProperties("custodia.releases")
record ReleaseProperties(@DefaultValue("P180D") Duration bundleValidity, @DefaultValue("CH") String phoneRegion) {}
