package io.custodia.governance.access;

import io.custodia.governance.platform.ProblemWriter;
import io.custodia.governance.platform.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Which role reaches which endpoints. Roles do not nest: least privilege means an admin issues tokens but does not
 * review, and an auditor reads but never writes.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, Tokens tokens, ProblemWriter problems) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/v1/requests", "/api/v1/requests/**").permitAll()
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/v1/pii-bundles/**").permitAll()
                        .requestMatchers("/api/v1/review/**").hasRole(Role.REVIEWER.name())
                        .requestMatchers("/api/v1/audit/**").hasRole(Role.AUDITOR.name())
                        .requestMatchers("/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/v1/**").hasRole(Role.MODEL_CLIENT.name())
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                        .requestMatchers("/", "/index.html", "/*.js", "/*.css", "/favicon.ico", "/error").permitAll()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> {
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            problems.write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "unauthenticated",
                                    "This endpoint needs a bearer token."));
                        })
                        .accessDeniedHandler((request, response, ex) -> problems.write(response,
                                Problems.problem(HttpStatus.FORBIDDEN, "forbidden",
                                        "This token's role may not use this endpoint."))));
        return http.build();
    }

    /** URLs the firewall refuses (encoded slashes, "//", …) are bad input, answered like any other. */
    @Bean
    RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
        return (request, response, ex) -> problems.write(response,
                Problems.problem(HttpStatus.BAD_REQUEST, "malformed-url", "The request URL is not acceptable."));
    }
}
