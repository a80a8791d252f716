package io.custodia.governance.access;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminToken the first admin token (env {@code CUSTODIA_ADMIN_TOKEN}); when unset and no admin token exists,
 *     one is generated at first start and printed once
 */
@ConfigurationProperties("custodia")
record AccessProperties(String adminToken) {}
