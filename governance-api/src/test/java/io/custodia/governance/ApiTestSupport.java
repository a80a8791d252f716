package io.custodia.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The running service over real HTTP, on a real embedded PostgreSQL, with a real SMTP server (GreenMail) and a real
 * HTTP server standing in for requesters' sites. Every API test shares this one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
public abstract class ApiTestSupport {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final GreenMail SMTP;
    protected static final SiteServer SITES = new SiteServer();
    protected static final DnsServer DNS = new DnsServer();
    protected static final Path DATA_DIR;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CODE = Pattern.compile("confirmation code: (\\d{6})");
    private static final Map<String, String> STAFF_TOKENS = new LinkedHashMap<>();

    static {
        try (ServerSocket free = new ServerSocket(0)) {
            int port = free.getLocalPort();
            free.close();
            SMTP = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            SMTP.start();
            DATA_DIR = Files.createTempDirectory("custodia-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("custodia.data-dir", DATA_DIR::toString);
        registry.add("custodia.admin-token", () -> ADMIN_TOKEN);
        registry.add("custodia.rate-limit-per-minute", () -> 1_000_000);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("custodia.site-ownership.scheme", () -> "http");
        registry.add("custodia.site-ownership.proxy", () -> "127.0.0.1:" + SITES.port());
        registry.add("custodia.site-ownership.dns-server", () -> "127.0.0.1:" + DNS.port());
    }

    @Value("${local.server.port}")
    protected int port;

    @Autowired
    protected TestClock clock;

    /** An HTTP answer: status, content type and the body read as JSON when it is JSON. */
    public record Answer(int status, String contentType, String text) {
        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String get(String field) {
            return json().path(field).asString();
        }
    }

    protected Answer call(String method, String path, Object body, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, publisher)
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    protected static String[] tracking(String token) {
        return new String[] {"X-Tracking-Token", token};
    }

    /** A staff token of the role, issued once through the admin API and reused. */
    protected String staff(String role) {
        if (role.equals("ADMIN")) {
            return ADMIN_TOKEN;
        }
        return STAFF_TOKENS.computeIfAbsent(role, r -> {
            Answer issued = call("POST", "/api/v1/admin/tokens", Map.of("role", r, "name", "test " + r), bearer(ADMIN_TOKEN));
            assertThat(issued.status()).isEqualTo(201);
            return issued.get("token");
        });
    }

    /** A filed request: its id and the tracking token shown once. */
    public record Filed(UUID id, String trackingToken) {}

    protected Filed file(Map<String, ?> body) {
        Answer answer = call("POST", "/api/v1/requests", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        return new Filed(UUID.fromString(answer.get("id")), answer.get("trackingToken"));
    }

    protected static String uniqueEmail() {
        return "req-" + UUID.randomUUID() + "@example.org";
    }

    /**
     * A made-up surname of eight letters: a random hex string would now and then be all digits, which the phone detector
     * rightly takes for a number.
     */
    protected static String uniqueSurname() {
        StringBuilder letters = new StringBuilder("Z");
        UUID.randomUUID().toString().chars().filter(c -> c != '-').limit(7)
                .forEach(c -> letters.append((char) ('a' + Character.digit(c, 16))));
        return letters.toString();
    }

    protected static Map<String, Object> pii(String email, Map<String, ?> identifiers) {
        return Map.of("kind", "PII", "requester", Map.of("name", "Jane Requester", "email", email),
                "identifiers", identifiers, "urls", java.util.List.of("https://example.org/page"), "context", "a forum post");
    }

    protected static Map<String, Object> optOut(String email, String scope, String target) {
        return Map.of("kind", "OPT_OUT", "requester", Map.of("name", "Site Owner", "email", email), "scope", scope,
                "target", target, "userAgents", java.util.List.of("GPTBot"));
    }

    protected static Map<String, Object> copyright(String email, String title, String excerpt) {
        return Map.of("kind", "COPYRIGHT", "requester", Map.of("name", "Rights Holder", "email", email),
                "work", Map.of("title", title, "rightsholder", "Example Press", "type", "BOOK"),
                "excerpts", java.util.List.of(excerpt), "urls", java.util.List.of(), "goodFaith", true);
    }

    /** The newest confirmation code mailed to the address, waiting for it to arrive over SMTP. */
    protected String mailedCode(String email, UUID id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> latestCode(email, id), code -> code != null);
    }

    protected int codesMailed(String email) {
        return (int) Arrays.stream(SMTP.getReceivedMessages()).filter(m -> sentTo(m, email))
                .filter(m -> GreenMailUtil.getBody(m).contains("confirmation code")).count();
    }

    private static String latestCode(String email, UUID id) {
        String code = null;
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            String body = GreenMailUtil.getBody(message);
            if (sentTo(message, email) && body.contains(id.toString())) {
                Matcher m = CODE.matcher(body);
                if (m.find()) {
                    code = m.group(1);
                }
            }
        }
        return code;
    }

    protected static boolean sentTo(MimeMessage message, String email) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(email));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Files and confirms a request; returns it VERIFIED (or DUPLICATE) for PII and copyright. */
    protected Filed fileAndConfirm(Map<String, ?> body) {
        Filed filed = file(body);
        @SuppressWarnings("unchecked")
        String email = ((Map<String, String>) body.get("requester")).get("email");
        Answer confirmed = call("POST", "/api/v1/requests/" + filed.id() + "/verification",
                Map.of("code", mailedCode(email, filed.id())));
        assertThat(confirmed.status()).as(confirmed.text()).isEqualTo(200);
        return filed;
    }

    protected String status(Filed filed) {
        Answer view = call("GET", "/api/v1/requests/" + filed.id(), null, tracking(filed.trackingToken()));
        assertThat(view.status()).as(view.text()).isEqualTo(200);
        return view.get("status");
    }

    protected Answer review(String action, UUID id, Object body) {
        return call("POST", "/api/v1/review/requests/" + id + "/" + action, body, bearer(staff("REVIEWER")));
    }
}
