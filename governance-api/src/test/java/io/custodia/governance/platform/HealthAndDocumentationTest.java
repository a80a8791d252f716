package io.custodia.governance.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class HealthAndDocumentationTest extends ApiTestSupport {

    @Test
    void healthIsUpWithTheDatabaseAndWithoutDetailsForAnonymousCallers() {
        Answer health = call("GET", "/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        JsonNode json = health.json();
        assertThat(json.path("status").asString()).isEqualTo("UP");
        assertThat(json.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(json.path("components").path("db").has("details")).isFalse();
        assertThat(json.path("components").has("mail")).isFalse();
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointAndBothTokens() {
        JsonNode doc = call("GET", "/v3/api-docs", null).json();
        assertThat(doc.path("paths").propertyNames()).contains(
                "/api/v1/requests", "/api/v1/requests/{id}", "/api/v1/requests/{id}/verification",
                "/api/v1/requests/{id}/withdrawal", "/api/v1/requests/{id}/site-challenge", "/api/v1/requests/{id}/site-check",
                "/api/v1/review/requests", "/api/v1/review/requests/{id}/approval", "/api/v1/review/requests/{id}/rejection",
                "/api/v1/audit/requests", "/api/v1/audit/events", "/api/v1/audit/verification",
                "/api/v1/admin/tokens", "/api/v1/admin/tokens/{id}");
        assertThat(doc.path("components").path("securitySchemes").propertyNames()).contains("staffToken", "trackingToken");
        assertThat(call("GET", "/swagger-ui/index.html", null).status()).isEqualTo(200);
        assertThat(call("GET", "/", null).text()).contains("Custodia").contains("app.js");
    }
}
