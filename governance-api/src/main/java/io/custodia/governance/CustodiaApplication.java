package io.custodia.governance;

import io.custodia.governance.audit.AuditExportVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;

/** Starts the Custodia service, or, with {@code verify-audit}, checks an exported audit chain offline. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableAsync
public class CustodiaApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(AuditExportVerifier.COMMAND)) {
            System.exit(AuditExportVerifier.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(CustodiaApplication.class, args);
    }
}
