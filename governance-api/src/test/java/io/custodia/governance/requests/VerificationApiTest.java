package io.custodia.governance.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class VerificationApiTest extends ApiTestSupport {

    @Test
    void aCodeExpiresAndANewOneWorks() {
        String email = uniqueEmail();
        Filed filed = file(pii(email, Map.of("names", List.of("Ivy " + UUID.randomUUID()))));
        String code = mailedCode(email, filed.id());
        clock.advance(Duration.ofMinutes(31));

        Answer expired = confirm(filed, code);
        assertThat(expired.status()).isEqualTo(409);
        assertThat(expired.get("type")).endsWith("/code-expired");
        assertThat(status(filed)).isEqualTo("SUBMITTED");

        Answer resent = call("POST", "/api/v1/requests/" + filed.id() + "/verification-code", null, tracking(filed.trackingToken()));
        assertThat(resent.status()).isEqualTo(202);
        String fresh = awaitSecondCode(email, filed.id());
        assertThat(confirm(filed, fresh).get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void aCodeLocksAfterFiveWrongTriesEvenForTheRightCode() {
        String email = uniqueEmail();
        Filed filed = file(pii(email, Map.of("names", List.of("Jo " + UUID.randomUUID()))));
        String code = mailedCode(email, filed.id());
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 0; left--) {
            Answer answer = confirm(filed, wrong);
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.get("detail")).contains(left + " attempts left");
        }
        Answer locked = confirm(filed, code);
        assertThat(locked.status()).isEqualTo(409);
        assertThat(locked.get("type")).endsWith("/code-locked");
        assertThat(status(filed)).isEqualTo("SUBMITTED");
    }

    @Test
    void codesPerRequestAreCapped() {
        String email = uniqueEmail();
        Filed filed = file(pii(email, Map.of("names", List.of("Kay " + UUID.randomUUID()))));
        mailedCode(email, filed.id());
        for (int i = 2; i <= 5; i++) {
            assertThat(call("POST", "/api/v1/requests/" + filed.id() + "/verification-code", null,
                    tracking(filed.trackingToken())).status()).isEqualTo(202);
        }
        Answer sixth = call("POST", "/api/v1/requests/" + filed.id() + "/verification-code", null, tracking(filed.trackingToken()));
        assertThat(sixth.status()).isEqualTo(429);
    }

    @Test
    void anOptOutNeedsTheSiteProvenOverHttpsAsWellAsTheEmail() {
        String email = uniqueEmail();
        String host = "site-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        Filed filed = fileAndConfirm(optOut(email, "DOMAIN", host));
        assertThat(status(filed)).isEqualTo("SUBMITTED");

        JsonNode challenge = call("GET", "/api/v1/requests/" + filed.id() + "/site-challenge", null,
                tracking(filed.trackingToken())).json();
        assertThat(challenge.path("host").asString()).isEqualTo(host);
        assertThat(challenge.path("dnsName").asString()).isEqualTo("_custodia-challenge." + host);
        assertThat(challenge.path("httpsUrl").asString()).endsWith(host + "/.well-known/custodia-challenge.txt");

        Answer notYet = siteCheck(filed, "HTTPS");
        assertThat(notYet.status()).isEqualTo(200);
        assertThat(notYet.json().path("proven").asBoolean()).isFalse();
        assertThat(notYet.get("reason")).contains("404");

        SITES.serve(host, "/.well-known/custodia-challenge.txt", "someone-elses-token");
        assertThat(siteCheck(filed, "HTTPS").json().path("proven").asBoolean()).isFalse();

        SITES.serve(host, "/.well-known/custodia-challenge.txt", challenge.path("token").asString() + "\n");
        Answer proven = siteCheck(filed, "HTTPS");
        assertThat(proven.json().path("proven").asBoolean()).isTrue();
        assertThat(proven.get("status")).isEqualTo("VERIFIED");
        assertThat(siteCheck(filed, "HTTPS").status()).isEqualTo(409);

        JsonNode detail = call("GET", "/api/v1/review/requests/" + filed.id(), null, bearer(staff("REVIEWER"))).json();
        assertThat(detail.path("siteOwnershipMethod").asString()).isEqualTo("HTTPS");
    }

    @Test
    void theSiteCanBeProvenBeforeTheEmail() {
        String email = uniqueEmail();
        String host = "early-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";
        Filed filed = file(optOut(email, "URL_PREFIX", "https://" + host + "/blog/"));
        String token = call("GET", "/api/v1/requests/" + filed.id() + "/site-challenge", null,
                tracking(filed.trackingToken())).get("token");
        SITES.serve(host, "/.well-known/custodia-challenge.txt", token);
        assertThat(siteCheck(filed, "HTTPS").get("status")).isEqualTo("SUBMITTED");
        assertThat(confirm(filed, mailedCode(email, filed.id())).get("status")).isEqualTo("VERIFIED");
    }

    @Test
    void anOptOutCanProveTheSiteWithADnsTxtRecord() {
        String email = uniqueEmail();
        String host = "dns-" + UUID.randomUUID().toString().substring(0, 8) + ".example.ch";
        Filed filed = fileAndConfirm(optOut(email, "URL", "https://" + host + "/private/page.html"));
        JsonNode challenge = call("GET", "/api/v1/requests/" + filed.id() + "/site-challenge", null,
                tracking(filed.trackingToken())).json();
        assertThat(challenge.path("dnsName").asString()).isEqualTo("_custodia-challenge." + host);

        Answer missing = siteCheck(filed, "DNS");
        assertThat(missing.json().path("proven").asBoolean()).isFalse();
        assertThat(missing.get("reason")).contains("_custodia-challenge." + host);

        DNS.publishTxt("_custodia-challenge." + host, "custodia-site-verification=not-the-token");
        assertThat(siteCheck(filed, "DNS").json().path("proven").asBoolean()).isFalse();

        DNS.publishTxt(challenge.path("dnsName").asString(), challenge.path("dnsValue").asString());
        Answer proven = siteCheck(filed, "DNS");
        assertThat(proven.json().path("proven").asBoolean()).as(proven.text()).isTrue();
        assertThat(proven.get("status")).isEqualTo("VERIFIED");
        JsonNode detail = call("GET", "/api/v1/review/requests/" + filed.id(), null, bearer(staff("REVIEWER"))).json();
        assertThat(detail.path("siteOwnershipMethod").asString()).isEqualTo("DNS");
    }

    @Test
    void onlyOptOutsHaveASiteToProve() {
        Filed filed = file(pii(uniqueEmail(), Map.of("names", List.of("Lu " + UUID.randomUUID()))));
        assertThat(siteCheck(filed, "HTTPS").status()).isEqualTo(409);
        assertThat(call("GET", "/api/v1/requests/" + filed.id() + "/site-challenge", null,
                tracking(filed.trackingToken())).status()).isEqualTo(404);
    }

    private Answer siteCheck(Filed filed, String method) {
        return call("POST", "/api/v1/requests/" + filed.id() + "/site-check", Map.of("method", method),
                tracking(filed.trackingToken()));
    }

    private Answer confirm(Filed filed, String code) {
        return call("POST", "/api/v1/requests/" + filed.id() + "/verification", Map.of("code", code));
    }

    private String awaitSecondCode(String email, UUID id) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> codesMailed(email) >= 2);
        return mailedCode(email, id);
    }
}
