package io.custodia.governance.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Requesters choose the host we fetch from, so without an egress proxy only public addresses may be contacted. */
class SiteOwnershipCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.100.100.200",
        "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "fe80::1", "fd00:ec2::254", "fc00::1", "::ffff:127.0.0.1"})
    void privateAndSpecialAddressesAreNotPublic(String literal) throws Exception {
        assertThat(SiteOwnershipCheck.isPublic(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "193.5.216.14", "2001:4860:4860::8888", "2a00:1450:4001::1"})
    void globalUnicastAddressesArePublic(String literal) throws Exception {
        assertThat(SiteOwnershipCheck.isPublic(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void withoutAProxyAHostOnOurOwnMachineIsNeverFetched(String host) {
        var check = new SiteOwnershipCheck(new SiteOwnershipProperties("http", null, null, Duration.ofSeconds(2), false));
        var proof = check.check(host, "token", SiteOwnershipCheck.Method.HTTPS);
        assertThat(proof).isInstanceOf(SiteOwnershipCheck.Proof.NotProven.class);
        assertThat(((SiteOwnershipCheck.Proof.NotProven) proof).reason()).contains("not public");
    }
}
