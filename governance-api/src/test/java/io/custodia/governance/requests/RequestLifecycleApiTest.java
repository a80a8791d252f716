package io.custodia.governance.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class RequestLifecycleApiTest extends ApiTestSupport {

    @Autowired
    Enforcing enforcing;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPiiRequestGoesFromSubmissionToEnforcement() {
        String email = uniqueEmail();
        Filed filed = file(pii(email, Map.of("names", List.of("Walter " + UUID.randomUUID()))));
        assertThat(status(filed)).isEqualTo("SUBMITTED");

        Answer confirmed = call("POST", "/api/v1/requests/" + filed.id() + "/verification",
                Map.of("code", mailedCode(email, filed.id())));
        assertThat(confirmed.get("status")).isEqualTo("VERIFIED");

        JsonNode view = call("GET", "/api/v1/requests/" + filed.id(), null, tracking(filed.trackingToken())).json();
        Instant verifiedAt = Instant.parse(view.path("verifiedAt").asString());
        assertThat(Instant.parse(view.path("dueAt").asString())).isEqualTo(verifiedAt.plus(Duration.ofDays(30)));

        assertThat(review("assignment", filed.id(), null).get("status")).isEqualTo("UNDER_REVIEW");
        assertThat(review("approval", filed.id(), Map.of("note", "identifiers match the page")).get("status")).isEqualTo("APPROVED");
        assertThat(enforcing.markEnforced(filed.id(), "pii-bundle-2026.11.1")).isTrue();
        assertThat(status(filed)).isEqualTo("ENFORCED");

        JsonNode detail = call("GET", "/api/v1/review/requests/" + filed.id(), null, bearer(staff("REVIEWER"))).json();
        assertThat(detail.path("enforcedRelease").asString()).isEqualTo("pii-bundle-2026.11.1");
        assertThat(detail.path("history").valueStream().map(e -> e.path("action").asString()).toList()).containsExactly(
                "REQUEST_SUBMITTED", "EMAIL_CONFIRMED", "REQUEST_VERIFIED", "REQUEST_UNDER_REVIEW", "REQUEST_APPROVED",
                "REQUEST_ENFORCED");
        assertThat(detail.path("submission").path("requester").path("email").asString()).isEqualTo(email);
    }

    @Test
    void aRejectionNeedsAReasonAndTheRequesterSeesIt() {
        Filed filed = fileAndConfirm(pii(uniqueEmail(), Map.of("emails", List.of(uniqueEmail()))));
        review("assignment", filed.id(), null);
        Answer noReason = review("rejection", filed.id(), Map.of("reason", "  "));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.contentType()).startsWith("application/problem+json");
        assertThat(status(filed)).isEqualTo("UNDER_REVIEW");

        assertThat(review("rejection", filed.id(), Map.of("reason", "the page does not name you")).get("status")).isEqualTo("REJECTED");
        JsonNode view = call("GET", "/api/v1/requests/" + filed.id(), null, tracking(filed.trackingToken())).json();
        assertThat(view.path("rejectionReason").asString()).isEqualTo("the page does not name you");
        assertThat(view.path("decidedAt").isMissingNode()).isFalse();
    }

    @Test
    void requestersWithdrawBeforeADecisionButNotAfter() {
        Filed submitted = file(pii(uniqueEmail(), Map.of("names", List.of("Ann " + UUID.randomUUID()))));
        assertThat(withdraw(submitted).get("status")).isEqualTo("WITHDRAWN");

        Filed verified = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Bob " + UUID.randomUUID()))));
        assertThat(withdraw(verified).get("status")).isEqualTo("WITHDRAWN");

        Filed underReview = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Cy " + UUID.randomUUID()))));
        review("assignment", underReview.id(), null);
        assertThat(withdraw(underReview).get("status")).isEqualTo("WITHDRAWN");

        Filed approved = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Di " + UUID.randomUUID()))));
        review("assignment", approved.id(), null);
        review("approval", approved.id(), null);
        Answer late = withdraw(approved);
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.get("currentStatus")).isEqualTo("APPROVED");
        assertThat(status(approved)).isEqualTo("APPROVED");
    }

    @Test
    void everyIllegalStepIs409AndChangesNothing() {
        Filed filed = file(pii(uniqueEmail(), Map.of("names", List.of("Eve " + UUID.randomUUID()))));
        // SUBMITTED: no review step applies.
        assertUnchanged(filed, "assignment", "approval", "rejection");
        Filed verified = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Fay " + UUID.randomUUID()))));
        assertUnchanged(verified, "approval", "rejection");
        review("assignment", verified.id(), null);
        assertUnchanged(verified, "assignment");
        review("approval", verified.id(), null);
        assertUnchanged(verified, "assignment", "approval", "rejection");
        assertThat(call("POST", "/api/v1/requests/" + verified.id() + "/verification", Map.of("code", "000000")).status())
                .isEqualTo(409);
    }

    private void assertUnchanged(Filed filed, String... actions) {
        for (String action : actions) {
            String before = call("GET", "/api/v1/review/requests/" + filed.id(), null, bearer(staff("REVIEWER"))).text();
            long chain = jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single();
            Answer refused = review(action, filed.id(), action.equals("rejection") ? Map.of("reason", "no") : null);
            assertThat(refused.status()).as(action).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(call("GET", "/api/v1/review/requests/" + filed.id(), null, bearer(staff("REVIEWER"))).text())
                    .as("request after refused " + action).isEqualTo(before);
            assertThat(jdbc.sql("SELECT count(*) FROM audit_event").query(Long.class).single()).isEqualTo(chain);
        }
    }

    @Test
    void aRequestCoveredByAnOpenOneIsADuplicateButOneWithSomethingNewIsNot() {
        String name = "Grace " + UUID.randomUUID();
        String phone = "+41 44 668 18 00";
        Filed original = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name), "phones", List.of(phone))));
        assertThat(status(original)).isEqualTo("VERIFIED");

        Filed repeat = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("  " + name.toUpperCase() + "'s"))));
        assertThat(status(repeat)).isEqualTo("DUPLICATE");
        JsonNode view = call("GET", "/api/v1/requests/" + repeat.id(), null, tracking(repeat.trackingToken())).json();
        assertThat(view.path("duplicateOf").asString()).isEqualTo(original.id().toString());

        Filed more = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name, "Other " + UUID.randomUUID()))));
        assertThat(status(more)).isEqualTo("VERIFIED");
    }

    @Test
    void aWithdrawnRequestCoversNothing() {
        String name = "Hal " + UUID.randomUUID();
        Filed first = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name))));
        withdraw(first);
        assertThat(status(fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name)))))).isEqualTo("VERIFIED");
    }

    @Test
    void copyrightDuplicatesAreFoundByWorkAndExcerpt() {
        String title = "The Book of " + UUID.randomUUID();
        String excerpt = "It was a bright cold day in April, and the clocks were striking thirteen " + UUID.randomUUID();
        Filed original = fileAndConfirm(copyright(uniqueEmail(), title, excerpt));
        assertThat(status(original)).isEqualTo("VERIFIED");
        assertThat(status(fileAndConfirm(copyright(uniqueEmail(), title.toUpperCase(), "  " + excerpt + " ")))).isEqualTo("DUPLICATE");
        assertThat(status(fileAndConfirm(copyright(uniqueEmail(), title, excerpt + " and more")))).isEqualTo("VERIFIED");
    }

    @Test
    void overdueRequestsShowInTheQueue() {
        // Only requests filed from here on are looked at, so other tests' requests cannot hide or stand in for this one.
        String since = "&createdFrom=" + clock.instant().minusMillis(1);
        Filed filed = fileAndConfirm(copyright(uniqueEmail(), "Overdue " + UUID.randomUUID(), "Some protected text " + UUID.randomUUID()));
        assertThat(queueIds("overdue=true&size=500" + since)).isEmpty();
        assertThat(queueIds("overdue=false&status=VERIFIED&size=500" + since)).containsExactly(filed.id().toString());
        // The shared clock only moves forward; later tests compute their deadlines from it as well.
        clock.advance(Duration.ofDays(31));
        assertThat(queueIds("overdue=true&size=500" + since)).containsExactly(filed.id().toString());
        JsonNode item = call("GET", "/api/v1/review/requests?overdue=true&kind=COPYRIGHT&size=500" + since, null,
                bearer(staff("REVIEWER"))).json().path("items").get(0);
        assertThat(item.path("overdue").asBoolean()).isTrue();
        assertThat(queueIds("overdue=true&kind=PII&size=500" + since)).isEmpty();
    }

    @Test
    void anyReviewerMayDecideAndAuditorsSeeWhoDid() {
        Filed filed = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of("Ula " + UUID.randomUUID()))));
        review("assignment", filed.id(), null);
        Answer second = call("POST", "/api/v1/admin/tokens", Map.of("role", "REVIEWER", "name", "second reviewer"), bearer(ADMIN_TOKEN));
        Answer approved = call("POST", "/api/v1/review/requests/" + filed.id() + "/approval", null, bearer(second.get("token")));
        assertThat(approved.get("status")).isEqualTo("APPROVED");
        JsonNode audited = call("GET", "/api/v1/audit/requests?size=500&sort=decidedAt,desc&status=APPROVED", null,
                bearer(staff("AUDITOR"))).json().path("items").valueStream()
                .filter(i -> i.path("id").asString().equals(filed.id().toString())).findFirst().orElseThrow();
        assertThat(audited.path("decidedBy").asString()).isEqualTo("token:" + second.get("id"));
    }

    @Test
    void anOptOutThatReservesSomethingNewIsNotADuplicate() {
        String host = "agents-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        Filed gptBot = fileOptOutProven(host, List.of("GPTBot"));
        assertThat(status(gptBot)).isEqualTo("VERIFIED");
        assertThat(status(fileOptOutProven(host, List.of("gptbot")))).isEqualTo("DUPLICATE");
        assertThat(status(fileOptOutProven(host, List.of("GPTBot", "CCBot")))).isEqualTo("VERIFIED");
    }

    @Test
    void aNewUrlForTheSamePersonIsNotADuplicate() {
        String name = "Vic " + UUID.randomUUID();
        fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name))));
        Map<String, Object> elsewhere = new java.util.HashMap<>(pii(uniqueEmail(), Map.of("names", List.of(name))));
        elsewhere.put("urls", List.of("https://another.example.org/profile"));
        assertThat(status(fileAndConfirm(elsewhere))).isEqualTo("VERIFIED");
    }

    @Test
    void duplicatesOfAWithdrawnOrRejectedRequestAreReinstated() {
        String name = "Wes " + UUID.randomUUID();
        Filed original = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name))));
        Filed first = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name))));
        Filed second = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name))));
        assertThat(List.of(status(first), status(second))).containsOnly("DUPLICATE");

        // The original is withdrawn: the first duplicate takes its place, the second now duplicates the first.
        call("POST", "/api/v1/requests/" + original.id() + "/withdrawal", null, tracking(original.trackingToken()));
        assertThat(status(first)).isEqualTo("VERIFIED");
        JsonNode secondView = call("GET", "/api/v1/requests/" + second.id(), null, tracking(second.trackingToken())).json();
        assertThat(secondView.path("status").asString()).isEqualTo("DUPLICATE");
        assertThat(secondView.path("duplicateOf").asString()).isEqualTo(first.id().toString());

        review("assignment", first.id(), null);
        review("rejection", first.id(), Map.of("reason", "not enough detail"));
        JsonNode reinstated = call("GET", "/api/v1/requests/" + second.id(), null, tracking(second.trackingToken())).json();
        assertThat(reinstated.path("status").asString()).isEqualTo("VERIFIED");
        assertThat(reinstated.has("duplicateOf")).isFalse();
        assertThat(reinstated.path("dueAt").isMissingNode()).isFalse();
    }

    private Filed fileOptOutProven(String host, List<String> agents) {
        String email = uniqueEmail();
        Map<String, Object> body = new java.util.HashMap<>(optOut(email, "DOMAIN", host));
        body.put("userAgents", agents);
        Filed filed = fileAndConfirm(body);
        String token = call("GET", "/api/v1/requests/" + filed.id() + "/site-challenge", null, tracking(filed.trackingToken())).get("token");
        SITES.serve(host, "/.well-known/custodia-challenge.txt", token);
        Answer proven = call("POST", "/api/v1/requests/" + filed.id() + "/site-check", Map.of("method", "HTTPS"),
                tracking(filed.trackingToken()));
        assertThat(proven.json().path("proven").asBoolean()).as(proven.text()).isTrue();
        return filed;
    }

    @Test
    void theQueueRefusesUnknownSortFieldsAndOversizedPages() {
        assertThat(call("GET", "/api/v1/review/requests?sort=payload", null, bearer(staff("REVIEWER"))).status()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/review/requests?size=100000", null, bearer(staff("REVIEWER"))).status()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/review/requests?status=NOPE", null, bearer(staff("REVIEWER"))).status()).isEqualTo(400);
    }

    private List<String> queueIds(String query) {
        Answer answer = call("GET", "/api/v1/review/requests?" + query, null, bearer(staff("REVIEWER")));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("items").valueStream().map(i -> i.path("id").asString()).toList();
    }

    private Answer withdraw(Filed filed) {
        return call("POST", "/api/v1/requests/" + filed.id() + "/withdrawal", null, tracking(filed.trackingToken()));
    }
}
