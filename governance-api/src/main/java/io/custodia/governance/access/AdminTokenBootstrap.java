package io.custodia.governance.access;

import io.custodia.governance.audit.Actor;
import java.io.PrintStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Makes sure someone can administer a fresh installation: registers {@code CUSTODIA_ADMIN_TOKEN}, or generates an admin
 * token on the very first start and prints it once to standard output (never to the log).
 */
@Component
class AdminTokenBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);

    private final Tokens tokens;
    private final AccessProperties properties;
    private final PrintStream console;

    AdminTokenBootstrap(Tokens tokens, AccessProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
        this.console = System.out;
    }

    @Override
    public void run(ApplicationArguments args) {
        String configured = properties.adminToken();
        if (StringUtils.hasText(configured)) {
            if (!tokens.known(configured)) {
                tokens.register(Role.ADMIN, "admin (CUSTODIA_ADMIN_TOKEN)", configured, Actor.system());
                log.info("Registered the admin token from CUSTODIA_ADMIN_TOKEN");
            } else if (tokens.resolve(configured).isEmpty()) {
                log.warn("CUSTODIA_ADMIN_TOKEN was revoked; it stays revoked");
            }
            return;
        }
        if (!tokens.anyActiveAdmin()) {
            var issued = tokens.issue(Role.ADMIN, "admin (generated at first start)", Actor.system());
            console.println();
            console.println("=== Custodia admin token (shown once; set CUSTODIA_ADMIN_TOKEN to choose your own) ===");
            console.println(issued.token());
            console.println("======================================================================================");
            console.println();
        }
    }
}
