package io.custodia.governance.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input is a 4xx problem+json naming the field, never a 5xx, and stores nothing. */
class BadInputTest extends ApiTestSupport {

    private static final String REQUESTER = "\"requester\":{\"name\":\"A\",\"email\":\"a@example.org\"}";

    static Stream<Arguments> badSubmissions() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"kind\":\"PII\",", "body"),
                Arguments.of("not an object", "[1,2]", "body"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("unknown kind", "{\"kind\":\"SPAM\"," + REQUESTER + "}", "body"),
                Arguments.of("missing kind", "{" + REQUESTER + "}", "body"),
                Arguments.of("unknown field", "{\"kind\":\"PII\"," + REQUESTER + ",\"identifiers\":{\"names\":[\"x y\"]},\"admin\":true}", "admin"),
                Arguments.of("wrong type: number for text", "{\"kind\":\"PII\",\"requester\":{\"name\":5,\"email\":\"a@example.org\"},\"identifiers\":{\"names\":[\"x\"]}}", "requester.name"),
                Arguments.of("wrong type: text for list", "{\"kind\":\"PII\"," + REQUESTER + ",\"identifiers\":{\"names\":\"x\"}}", "identifiers.names"),
                Arguments.of("wrong type: text for boolean", "{\"kind\":\"COPYRIGHT\"," + REQUESTER + ",\"work\":{\"title\":\"t\",\"rightsholder\":\"r\",\"type\":\"BOOK\"},\"excerpts\":[\"e\"],\"goodFaith\":\"yes\"}", "goodFaith"),
                Arguments.of("invalid e-mail", "{\"kind\":\"PII\",\"requester\":{\"name\":\"A\",\"email\":\"not-an-address\"},\"identifiers\":{\"names\":[\"x\"]}}", "requester.email"),
                Arguments.of("missing requester", "{\"kind\":\"PII\",\"identifiers\":{\"names\":[\"x\"]}}", "requester"),
                Arguments.of("no identifier", "{\"kind\":\"PII\"," + REQUESTER + ",\"identifiers\":{}}", "identifiers.anyGiven"),
                Arguments.of("identifier of punctuation only", "{\"kind\":\"PII\"," + REQUESTER + ",\"identifiers\":{\"names\":[\"--\"]}}", "identifiers.names[0]"),
                Arguments.of("invalid identifier e-mail", "{\"kind\":\"PII\"," + REQUESTER + ",\"identifiers\":{\"emails\":[\"nope\"]}}", "identifiers.emails[0]"),
                Arguments.of("invalid URL", "{\"kind\":\"PII\"," + REQUESTER + ",\"identifiers\":{\"names\":[\"x\"]},\"urls\":[\"ftp://example.org/x\"]}", "urls[0]"),
                Arguments.of("public suffix as domain", "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"DOMAIN\",\"target\":\"co.uk\"}", "target"),
                Arguments.of("invalid domain", "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"DOMAIN\",\"target\":\"not a domain\"}", "target"),
                Arguments.of("IP address as domain", "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"DOMAIN\",\"target\":\"10.0.0.1\"}", "target"),
                Arguments.of("URL scope without URL", "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"URL\",\"target\":\"example.org/page\"}", "target"),
                Arguments.of("unknown scope", "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"PLANET\",\"target\":\"example.org\"}", "scope"),
                Arguments.of("bad effective date", "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"DOMAIN\",\"target\":\"example.org\",\"effectiveFrom\":\"yesterday\"}", "effectiveFrom"),
                Arguments.of("no good faith", "{\"kind\":\"COPYRIGHT\"," + REQUESTER + ",\"work\":{\"title\":\"t\",\"rightsholder\":\"r\",\"type\":\"BOOK\"},\"excerpts\":[\"e\"],\"goodFaith\":false}", "goodFaith"),
                Arguments.of("no excerpts", "{\"kind\":\"COPYRIGHT\"," + REQUESTER + ",\"work\":{\"title\":\"t\",\"rightsholder\":\"r\",\"type\":\"BOOK\"},\"excerpts\":[],\"goodFaith\":true}", "excerpts"),
                Arguments.of("unknown work type", "{\"kind\":\"COPYRIGHT\"," + REQUESTER + ",\"work\":{\"title\":\"t\",\"rightsholder\":\"r\",\"type\":\"FILM\"},\"excerpts\":[\"e\"],\"goodFaith\":true}", "work.type"),
                Arguments.of("excerpts over 200 KB", "{\"kind\":\"COPYRIGHT\"," + REQUESTER + ",\"work\":{\"title\":\"t\",\"rightsholder\":\"r\",\"type\":\"BOOK\"},\"excerpts\":[\"" + "x".repeat(120_000) + "\",\"" + "y".repeat(100_000) + "\"],\"goodFaith\":true}", "excerpts"),
                Arguments.of("name too long", "{\"kind\":\"PII\",\"requester\":{\"name\":\"" + "n".repeat(201) + "\",\"email\":\"a@example.org\"},\"identifiers\":{\"names\":[\"x\"]}}", "requester.name"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSubmissions")
    void badSubmissionsAre400WithTheField(String name, String body, String field) {
        long before = count();
        Answer answer = call("POST", "/api/v1/requests", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        if (!field.equals("body") || answer.json().has("errors")) {
            assertThat(answer.json().path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                    .as(answer.text()).contains(field);
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void anOversizedBodyIs413BeforeParsing() {
        long before = count();
        String huge = "{\"kind\":\"PII\",\"context\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}";
        Answer answer = call("POST", "/api/v1/requests", huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(count()).isEqualTo(before);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "{\"kind\":\"PII\",\"requester\":{\"name\":\"A\",\"email\":\"secret-value@nowhere\"},\"identifiers\":{\"names\":[\"x\"]}}",
        "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"DOMAIN\",\"target\":\"secret-value.invalid-tld-zz\"}",
        "{\"kind\":\"OPT_OUT\"," + REQUESTER + ",\"scope\":\"URL\",\"target\":\"https://secret-value\"}",
        "{\"kind\":\"PII\"," + REQUESTER + ",\"identifiers\":{\"names\":[\"x\"]},\"urls\":[\"gopher://secret-value/\"]}",
    })
    void problemsNeverEchoSubmittedValues(String body) {
        Answer answer = call("POST", "/api/v1/requests", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(400);
        assertThat(answer.text()).doesNotContain("secret-value");
    }

    @Test
    void unstorableTextAndOddPagingAre400NotServerErrors() {
        Filed filed = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Nul " + UUID.randomUUID()))));
        review("assignment", filed.id(), null);
        Answer nul = review("rejection", filed.id(), Map.of("reason", "bad\u0000byte"));
        assertThat(nul.status()).as(nul.text()).isEqualTo(400);
        assertThat(status(filed)).isEqualTo("UNDER_REVIEW");
        assertThat(call("POST", "/api/v1/admin/tokens", Map.of("role", "AUDITOR", "name", "a\u0000b"), bearer(ADMIN_TOKEN)).status())
                .isEqualTo(400);
        for (String query : List.of("sort=,", "sort=", "sort=dueAt,up", "page=5000000&size=500", "page=-1")) {
            assertThat(call("GET", "/api/v1/review/requests?" + query, null, bearer(staff("REVIEWER"))).status()).as(query).isEqualTo(400);
            assertThat(call("GET", "/api/v1/audit/requests?" + query, null, bearer(staff("AUDITOR"))).status()).as(query).isEqualTo(400);
        }
    }

    @Test
    void badIdsAndCodesAre4xx() {
        assertThat(call("GET", "/api/v1/requests/not-a-uuid", null, tracking("x")).status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/requests/" + UUID.randomUUID() + "/verification", Map.of("code", "123456")).status()).isEqualTo(404);
        Filed filed = file(pii(uniqueEmail(), Map.of("names", List.of("Oz " + UUID.randomUUID()))));
        Answer shortCode = call("POST", "/api/v1/requests/" + filed.id() + "/verification", Map.of("code", "12"));
        assertThat(shortCode.status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/requests/" + filed.id() + "/site-check", Map.of("method", "CARRIER_PIGEON"),
                tracking(filed.trackingToken())).status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/admin/tokens", Map.of("role", "ROOT", "name", "x"), bearer(ADMIN_TOKEN)).status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/admin/tokens", Map.of("role", "AUDITOR"), bearer(ADMIN_TOKEN)).status()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/audit/events?size=0", null, bearer(staff("AUDITOR"))).status()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/requests", "{}", "Content-Type", "text/plain").status()).isBetween(400, 415);
    }

    private long count() {
        Answer answer = call("GET", "/api/v1/audit/requests?size=1", null, bearer(staff("AUDITOR")));
        assertThat(answer.status()).isEqualTo(200);
        return answer.json().path("total").asLong();
    }
}
