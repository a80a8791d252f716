package io.custodia.governance.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says where Custodia listens once it is ready, so the quick start ends with a link rather than a guess. */
@Component
class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    @EventListener
    void ready(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
        if (port != null) {
            log.info("Custodia is ready: portal http://localhost:{}/ , API docs http://localhost:{}/swagger-ui.html", port, port);
        }
    }
}
