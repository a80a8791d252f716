package io.custodia.governance.serving;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param modelDir a directory written by {@code inference-cli.jar convert}; unset: a tiny random Apertus model, made in
 *     the data directory at first start, so that the whole path works on a fresh machine
 * @param workers completions generated at once
 * @param queueCapacity completions waiting for a worker before further ones get 429
 * @param maxFilterAge how old the PII filter bundle may be before serving stops with 503 (Apertus promised updates
 *     every six months)
 * @param maxTokens the most tokens one completion may ask for
 */
@ConfigurationProperties("custodia.serving")
record ServingProperties(Path modelDir, @DefaultValue("1") int workers, @DefaultValue("8") int queueCapacity,
        @DefaultValue("P183D") Duration maxFilterAge, @DefaultValue("1024") int maxTokens) {}
