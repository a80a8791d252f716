package io.custodia.governance.platform;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One injectable clock, so deadlines and code expiry can be tested without waiting. */
@Configuration(proxyBeanMethods = false)
class Clocks {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        // PostgreSQL keeps microseconds; a clock at that resolution makes stored and in-memory times equal.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
