package io.custodia.optout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetNormalizerTest {

    private final TargetNormalizer normalizer = new TargetNormalizer();

    @ParameterizedTest
    @CsvSource({
        "Example.ORG,example.org",
        "example.org.,example.org",
        "blog.example.co.uk,blog.example.co.uk",
        "alice.github.io,alice.github.io",
        "bücher.de,xn--bcher-kva.de",
        "ex%61mple.org,example.org",
        "b%C3%BCcher.de,xn--bcher-kva.de",
        "例子.公司.cn,xn--fsqu00a.xn--55qx5d.cn",
    })
    void domainsBecomeLowerCasePunycode(String raw, String expected) {
        assertThat(normalizer.parse(Scope.DOMAIN, raw))
                .isEqualTo(new TargetParse.Valid(new OptOutTarget(Scope.DOMAIN, expected, expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"co.uk", "github.io", "org", "localhost", "127.0.0.1", "exa mple.org", "-bad-.org", "",
        "ex%2Fample.org", "exa%mple.org", "ex%C3ample.org", "c%6F.uk",
        "公司.cn", "xn--55qx5d.cn", "公司.CN."})
    void publicSuffixesAndNonDomainsAreRefused(String raw) {
        assertThat(normalizer.parse(Scope.DOMAIN, raw)).isInstanceOf(TargetParse.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource({
        "HTTPS://Example.org:443/a/b#frag,https://example.org/a/b",
        "http://example.org:80,http://example.org/",
        "https://example.org:8443/x?q=1,https://example.org:8443/x?q=1",
        "https://example.org/%7euser/%2fa%2F,https://example.org/~user/%2Fa%2F",
        "https://bücher.de/katalog,https://xn--bcher-kva.de/katalog",
        "https://example.org/public/../private/./a?x=../y,https://example.org/private/a?x=../y",
        "https://example.org/a/%2e%2E/b,https://example.org/b",
        "https://WWW.ex%61mple.org/a,https://www.example.org/a",
        "https://b%C3%BCcher.de:8443/,https://xn--bcher-kva.de:8443/",
    })
    void urlsAreNormalized(String raw, String expected) {
        var parse = normalizer.parse(Scope.URL, raw);
        assertThat(parse).isInstanceOf(TargetParse.Valid.class);
        assertThat(((TargetParse.Valid) parse).target().value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/", "example.org/page", "https://user:pw@example.org/", "https://co.uk/x", "https://[::1]/", "https://exa mple.org/",
        "https://ex%2Fample.org/", "https://exa%mple.org/"})
    void badUrlsAreRefused(String raw) {
        assertThat(normalizer.parse(Scope.URL_PREFIX, raw)).isInstanceOf(TargetParse.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource({
        "https://bücher.de:8426/e70, https://xn--bcher-kva.de:8426/e70",
        "https://bücher.de:443/a, https://xn--bcher-kva.de/a",
        "http://bücher.de:80, http://xn--bcher-kva.de/",
    })
    void internationalHostsKeepTheirPort(String raw, String expected) {
        assertThat(normalizer.parse(Scope.URL, raw)).isInstanceOfSatisfying(TargetParse.Valid.class,
                valid -> assertThat(valid.target().value()).isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://bücher.de:99999/", "https://bücher.de:123456789012/", "https://example.org:99999/"})
    void portsOutOfRangeAreRefused(String raw) {
        assertThat(normalizer.parse(Scope.URL, raw)).isInstanceOf(TargetParse.Invalid.class);
    }
}
