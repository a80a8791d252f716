package io.custodia.governance.access;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Describes the two ways to authenticate in the OpenAPI document, so Swagger UI can send them. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI custodiaOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Custodia API").version("v1")
                        .description("Opt-out, PII-removal and copyright-removal requests: filing, verification, review, audit.")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes("staffToken", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("A REVIEWER, AUDITOR or ADMIN token issued by an admin"))
                        .addSecuritySchemes("trackingToken", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-Tracking-Token")
                                .description("The tracking token shown once when the request was filed")));
    }
}
