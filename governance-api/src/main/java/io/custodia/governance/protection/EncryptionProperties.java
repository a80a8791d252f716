package io.custodia.governance.protection;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The master key for personal data at rest.
 *
 * @param key base64 of 32 random bytes (env {@code CUSTODIA_ENCRYPTION_KEY}); when empty, a key file is generated
 *     once in the data directory and reused
 */
@ConfigurationProperties("custodia.encryption")
record EncryptionProperties(String key) {}
