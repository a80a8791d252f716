package io.custodia.governance.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Runs a real PostgreSQL inside the data directory when no datasource is configured, so a restart keeps every request. */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabase.NoDataSourceConfigured.class)
class EmbeddedDatabase {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(PlatformProperties properties) throws IOException {
        Path directory = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        Files.createDirectories(directory);
        // zonky waits 10 s by default; a first start on a slow or busy machine (initdb, recovery) can take longer.
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setPGStartupWait(STARTUP_WAIT)
                .start();
        log.info("Embedded PostgreSQL listening on port {} with data in {}", postgres.getPort(), directory);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("custodia-embedded");
        dataSource.setMaximumPoolSize(20);
        return dataSource;
    }

    static final class NoDataSourceConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
