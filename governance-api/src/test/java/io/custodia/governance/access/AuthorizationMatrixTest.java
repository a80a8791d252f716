package io.custodia.governance.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every endpoint against every kind of caller (a model client is an application that only calls the model), each cell on a fresh SUBMITTED opt-out. A reviewer's decision on such a
 * request is 409, which still shows that the access rule let the reviewer through and nobody else.
 */
class AuthorizationMatrixTest extends ApiTestSupport {

    enum Caller { ANONYMOUS, REQUESTER, REVIEWER, AUDITOR, ADMIN, MODEL_CLIENT }

    /** method, path template ({id}: a fresh request), body, then the expected status per caller in Caller order. */
    record Row(String method, String path, String body, int anonymous, int requester, int reviewer, int auditor, int admin,
            int modelClient) {
        int expected(Caller caller) {
            return switch (caller) {
                case ANONYMOUS -> anonymous;
                case REQUESTER -> requester;
                case REVIEWER -> reviewer;
                case AUDITOR -> auditor;
                case ADMIN -> admin;
                case MODEL_CLIENT -> modelClient;
            };
        }
    }

    static final List<Row> ROWS = List.of(
            new Row("GET", "/api/v1/requests/{id}", null, 401, 200, 401, 401, 401, 401),
            new Row("POST", "/api/v1/requests/{id}/withdrawal", null, 401, 200, 401, 401, 401, 401),
            new Row("POST", "/api/v1/requests/{id}/verification-code", null, 401, 202, 401, 401, 401, 401),
            new Row("GET", "/api/v1/requests/{id}/site-challenge", null, 401, 200, 401, 401, 401, 401),
            new Row("GET", "/api/v1/review/requests", null, 401, 401, 200, 403, 403, 403),
            new Row("GET", "/api/v1/review/requests/{id}", null, 401, 401, 200, 403, 403, 403),
            new Row("POST", "/api/v1/review/requests/{id}/assignment", null, 401, 401, 409, 403, 403, 403),
            new Row("POST", "/api/v1/review/requests/{id}/approval", "{}", 401, 401, 409, 403, 403, 403),
            new Row("POST", "/api/v1/review/requests/{id}/rejection", "{\"reason\":\"r\"}", 401, 401, 409, 403, 403, 403),
            new Row("GET", "/api/v1/audit/requests", null, 401, 401, 403, 200, 403, 403),
            new Row("GET", "/api/v1/audit/events", null, 401, 401, 403, 200, 403, 403),
            new Row("GET", "/api/v1/audit/events?format=csv", null, 401, 401, 403, 200, 403, 403),
            new Row("GET", "/api/v1/audit/verification", null, 401, 401, 403, 200, 403, 403),
            new Row("GET", "/api/v1/admin/tokens", null, 401, 401, 403, 403, 200, 403),
            new Row("POST", "/api/v1/admin/tokens", "{\"role\":\"AUDITOR\",\"name\":\"matrix\"}", 401, 401, 403, 403, 201, 403),
            new Row("GET", "/actuator/health", null, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/actuator/metrics", null, 401, 401, 403, 403, 200, 403),
            new Row("GET", "/v3/api-docs", null, 200, 200, 200, 200, 200, 200),
            new Row("GET", "/v1/models", null, 401, 401, 403, 403, 403, 200),
            new Row("POST", "/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":2}",
                    401, 401, 403, 403, 403, 200),
            new Row("POST", "/v1/completions", "{\"prompt\":\"hi\",\"max_tokens\":2}", 401, 401, 403, 403, 403, 200));

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        for (Row row : ROWS) {
            for (Caller caller : Caller.values()) {
                cells.add(Arguments.of(row.method() + " " + row.path(), caller, row));
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("cells")
    void eachCallerGetsTheExpectedStatus(String name, Caller caller, Row row) {
        Filed request = file(optOut(uniqueEmail(), "DOMAIN", "matrix-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org"));
        Answer answer = call(row.method(), row.path().replace("{id}", request.id().toString()), row.body(), headers(caller, request));
        assertThat(answer.status()).as(answer.text()).isEqualTo(row.expected(caller));
        if (answer.status() >= 400) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void aTrackingTokenOpensOnlyItsOwnRequest() {
        Filed mine = file(pii(uniqueEmail(), Map.of("names", List.of("Mo " + UUID.randomUUID()))));
        Filed theirs = file(pii(uniqueEmail(), Map.of("names", List.of("No " + UUID.randomUUID()))));
        assertThat(call("GET", "/api/v1/requests/" + theirs.id(), null, tracking(mine.trackingToken())).status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/requests/" + theirs.id() + "/withdrawal", null, tracking(mine.trackingToken())).status()).isEqualTo(404);
        assertThat(status(theirs)).isEqualTo("SUBMITTED");
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        Answer issued = call("POST", "/api/v1/admin/tokens", Map.of("role", "REVIEWER", "name", "temp"), bearer(ADMIN_TOKEN));
        String token = issued.get("token");
        assertThat(call("GET", "/api/v1/review/requests", null, bearer(token)).status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/admin/tokens/" + issued.get("id"), null, bearer(ADMIN_TOKEN)).status()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/review/requests", null, bearer(token)).status()).isEqualTo(401);
        assertThat(call("DELETE", "/api/v1/admin/tokens/" + UUID.randomUUID(), null, bearer(ADMIN_TOKEN)).status()).isEqualTo(404);
        JsonNode listed = call("GET", "/api/v1/admin/tokens", null, bearer(ADMIN_TOKEN)).json();
        assertThat(listed.toString()).doesNotContain(token);
    }

    @Test
    void anAuditorNeverSeesContactDataOrIdentifiers() {
        String email = uniqueEmail();
        String name = "Secret Person " + UUID.randomUUID();
        fileAndConfirm(pii(email, Map.of("names", List.of(name), "emails", List.of("private-" + email))));
        String auditor = staff("AUDITOR");
        String requests = call("GET", "/api/v1/audit/requests?size=500&sort=createdAt,desc", null, bearer(auditor)).text();
        String events = call("GET", "/api/v1/audit/events?size=10000", null, bearer(auditor)).text();
        String csv = call("GET", "/api/v1/audit/events?size=10000&format=csv", null, bearer(auditor)).text();
        for (String seen : List.of(requests, events, csv)) {
            assertThat(seen).doesNotContain(email).doesNotContain(name).doesNotContain("Jane Requester").doesNotContain("forum post");
        }
    }

    private String[] headers(Caller caller, Filed request) {
        return switch (caller) {
            case ANONYMOUS -> new String[0];
            case REQUESTER -> tracking(request.trackingToken());
            case REVIEWER -> bearer(staff("REVIEWER"));
            case AUDITOR -> bearer(staff("AUDITOR"));
            case ADMIN -> bearer(staff("ADMIN"));
            case MODEL_CLIENT -> bearer(staff("MODEL_CLIENT"));
        };
    }
}
