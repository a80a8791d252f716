package io.custodia.governance.requests;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How site ownership is checked.
 *
 * @param scheme {@code https} in production; {@code http} only for tests and closed networks
 * @param proxy optional {@code host:port} of an egress HTTP proxy for the well-known fetch
 * @param dnsServer optional {@code host[:port]} of the DNS server for TXT lookups; the system's otherwise
 * @param allowPrivateAddresses whether a site may resolve to loopback or private addresses (never in production:
 *     it would let requesters make us fetch from our own network)
 */
@ConfigurationProperties("custodia.site-ownership")
record SiteOwnershipProperties(
        @DefaultValue("https") String scheme,
        String proxy,
        String dnsServer,
        @DefaultValue("PT5S") Duration timeout,
        @DefaultValue("false") boolean allowPrivateAddresses) {}
