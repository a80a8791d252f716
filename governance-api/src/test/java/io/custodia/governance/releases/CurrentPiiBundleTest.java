package io.custodia.governance.releases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodia.governance.ApiTestSupport;
import io.custodia.pii.PiiFilter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Approving a PII request changes what this node's filter takes out within seconds, without a release. */
class CurrentPiiBundleTest extends ApiTestSupport {

    @Autowired
    CurrentPiiBundle currentBundle;

    @Test
    void anApprovalReachesTheNodesOwnBundleWithinSeconds() {
        assertThat(currentBundle.current()).as("built at start").isPresent();
        String name = "Ilse " + uniqueSurname() + " Brandt";
        String said = "The model says " + name + " lives nearby.";
        assertThat(redacted(said)).contains(name);

        Filed filed = fileAndConfirm(pii(uniqueEmail(), Map.of("names", List.of(name))));
        review("assignment", filed.id(), null);
        assertThat(redacted(said)).as("not before approval").contains(name);
        review("approval", filed.id(), null);

        await().atMost(Duration.ofSeconds(20)).until(() -> redacted(said).equals("The model says <name-pii> lives nearby."));
        assertThat(status(filed)).as("the node's bundle enforces nothing; a release does").isEqualTo("APPROVED");
    }

    private String redacted(String text) {
        return ((PiiFilter.Outcome.Redacted) currentBundle.current().orElseThrow().filter().redact(text)).text();
    }
}
