package io.custodia.governance.platform;

import java.net.URI;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where Custodia keeps its files and how it faces the public.
 *
 * @param dataDir embedded database, generated keys; env {@code CUSTODIA_DATA_DIR}
 * @param publicUrl the portal's address as requesters reach it, used in e-mailed links
 * @param maxBodySize largest request body accepted; larger bodies get 413 before any parsing
 * @param rateLimitPerMinute requests per minute and client on the public endpoints
 */
@ConfigurationProperties("custodia")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("60") int rateLimitPerMinute) {}
