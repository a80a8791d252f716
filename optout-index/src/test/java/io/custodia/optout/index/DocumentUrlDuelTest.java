package io.custodia.optout.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodia.optout.Scope;
import io.custodia.optout.Seeds;
import io.custodia.optout.TargetNormalizer;
import io.custodia.optout.TargetParse;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hand-written document URL parser against the request portal's normalizer, which uses java.net.URI and IDN: on
 * every random URL the portal accepts, both give the same host and path, so a rule filed as a URL matches the document.
 */
class DocumentUrlDuelTest {

    private static final String[] HOSTS = {"example.org", "Example.ORG", "www.example.co.uk", "bücher.de", "xn--bcher-kva.de",
        "a.b.github.io", "EXAMPLE.org.", "ex%61mple.org", "%45XAMPLE.org", "b%C3%BCcher.de", "b%c3%bccher.de"};
    private static final String PATH_CHARS = "abcXYZ019-._~/%20%2f%7e%41?=&+";

    @Test
    void agreesWithTheTargetNormalizer() {
        Random random = new Random(Seeds.seed("document-url"));
        TargetNormalizer normalizer = new TargetNormalizer();
        int compared = 0;
        for (int n = 0; n < 50_000; n++) {
            String url = url(random);
            if (!(normalizer.parse(Scope.URL, url) instanceof TargetParse.Valid valid)) {
                continue;
            }
            compared++;
            DocumentUrl expected = DocumentUrl.parse(valid.target().value());
            DocumentUrl actual = DocumentUrl.parse(url);
            assertThat(actual).as(url).isNotNull();
            assertThat(actual.key()).as(url).isEqualTo(expected.key());
        }
        assertThat(compared).isGreaterThan(25_000);
    }

    @ParameterizedTest
    @CsvSource({
        "HTTPS://Example.ORG:443/a?b=1#frag, example.org/a?b=1",
        "http://example.org:80, example.org/",
        "http://example.org:8080/x, example.org:8080/x",
        "https://example.org?q, example.org/?q",
        "https://example.org/%7euser/%2f, example.org/~user/%2F",
        "https://example.org/caf\u00e9 menu, example.org/caf%C3%A9%20menu",
        "https://b\u00fccher.de/, xn--bcher-kva.de/",
        "https://example.org./a, example.org/a",
        "https://user:pw@Example.ORG/a, example.org/a",
        "https://example.com@evil.example.net/, evil.example.net/",
        "https://example.org/public/../private/./a?x=../y, example.org/private/a?x=../y",
        "https://example.org/a/%2E%2E/b, example.org/b",
        "https://example.org/a/b/.., example.org/a/",
        "https://example.org/../a, example.org/a",
        "https://example.org/.well-known/x, example.org/.well-known/x",
        "https://ex%61mple.org/a, example.org/a",
        "https://WWW.%45xample.ORG/a, www.example.org/a",
        "https://b%C3%BCcher.de/, xn--bcher-kva.de/",
        "https://example.org.:8443/a, example.org:8443/a",
        "http://example.org:0080/a, example.org/a",
        "https://example.org:00443/a, example.org/a",
        "https://example.org:08443/a, example.org:8443/a",
        "'  https://example.org/a ', example.org/a",
        "'\thttps://example.org/a\n', example.org/a",
        "https://example.org\\private\\a, example.org/private/a",
        "https:\\\\Example.org\\a?q=\\x, example.org/a?q=\\x",
        "https://example.org/public\\..\\private, example.org/private",
        "'https://exam\tple.org/pri\nvate/a\r', example.org/private/a",
    })
    void normalizesTheUsualVariations(String url, String key) {
        assertThat(DocumentUrl.parse(url).key()).isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"ftp://example.org/", "example.org/a", "https://user:pw@/a", "https:///a", "https://example.org:x/",
        "https://ex%2Fample.org/", "https://exa%mple.org/", "https://ex%C3ample.org/", "https://%00example.org/",
        "https://example.org:70000/", "https://example.org:99999999999/", "https://example.org:8o/"})
    void refusesWhatIsNotAnHttpUrl(String url) {
        assertThat(DocumentUrl.parse(url)).isNull();
    }

    private static String url(Random random) {
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "https://" : "HTTP://");
        out.append(HOSTS[random.nextInt(HOSTS.length)]);
        switch (random.nextInt(4)) {
            case 0 -> out.append(":443");
            case 1 -> out.append(":80");
            case 2 -> out.append(":").append(1 + random.nextInt(9000));
            default -> { }
        }
        int length = random.nextInt(12);
        if (length > 0 || random.nextBoolean()) {
            out.append('/');
        }
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(PATH_CHARS.length());
            char c = PATH_CHARS.charAt(at);
            if (c == '%' && at + 2 < PATH_CHARS.length()) {
                out.append(PATH_CHARS, at, at + 3);
            } else {
                out.append(c);
            }
        }
        if (random.nextInt(4) == 0) {
            out.append("#frag");
        }
        return out.toString();
    }
}
