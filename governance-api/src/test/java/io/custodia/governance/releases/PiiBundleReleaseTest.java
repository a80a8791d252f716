package io.custodia.governance.releases;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.governance.ApiTestSupport;
import io.custodia.pii.Bundle;
import io.custodia.pii.PiiFilter;
import io.custodia.pii.SigningKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** From an approved removal request to a published, signed bundle that open-weight users apply themselves. */
class PiiBundleReleaseTest extends ApiTestSupport {

    @Test
    void anApprovedRequestIsReleasedInASignedBundleAndBecomesEnforced() throws Exception {
        String name = "Nadia " + uniqueSurname() + " Okafor";
        Filed filed = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name), "other", List.of("Passport P" + UUID.randomUUID().toString().substring(0, 6)))));
        review("assignment", filed.id(), null);
        review("approval", filed.id(), null);

        Answer released = call("POST", "/api/v1/admin/pii-bundles", null, bearer(ADMIN_TOKEN));
        assertThat(released.status()).as(released.text()).isEqualTo(201);
        JsonNode release = released.json();
        assertThat(release.path("newlyEnforced").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(status(filed)).isEqualTo("ENFORCED");
        JsonNode detail = call("GET", "/api/v1/review/requests/" + filed.id(), null, bearer(staff("REVIEWER"))).json();
        assertThat(detail.path("enforcedRelease").asString()).isEqualTo(release.path("version").asString());

        byte[] bundleBytes = download("/api/v1/pii-bundles/latest");
        String publicKey = call("GET", "/api/v1/pii-bundles/signing-key", null).text();
        assertThat(new String(bundleBytes, StandardCharsets.ISO_8859_1).toLowerCase()).doesNotContain("nadia").doesNotContain("okafor");
        var loading = Bundle.load(bundleBytes, SigningKeys.readPublic(publicKey), Clock.systemUTC());
        assertThat(loading).isInstanceOf(Bundle.Loading.Loaded.class);
        Bundle bundle = ((Bundle.Loading.Loaded) loading).bundle();
        assertThat(bundle.header()).containsEntry("bundle-version", release.path("version").asString());

        PiiFilter filter = PiiFilter.builder().bundle(bundle).build();
        var outcome = (PiiFilter.Outcome.Redacted) filter.redact("The model says " + name.toUpperCase() + " lives nearby.");
        assertThat(outcome.text()).isEqualTo("The model says <name-pii> lives nearby.");
    }

    @Test
    void onlyAdminsReleaseAndEveryoneMayDownload() {
        assertThat(call("POST", "/api/v1/admin/pii-bundles", null).status()).isEqualTo(401);
        assertThat(call("POST", "/api/v1/admin/pii-bundles", null, bearer(staff("REVIEWER"))).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/admin/pii-bundles", null, bearer(staff("AUDITOR"))).status()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/pii-bundles/signing-key", null).text()).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(call("GET", "/api/v1/audit/events?size=10000", null, bearer(staff("AUDITOR"))).text())
                .doesNotContain("Nadia");
    }

    private byte[] download(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/octet-stream");
        return response.body();
    }
}
