package io.custodia.governance.requests;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.InitialDirContext;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Proves control of a site by a token served at a well-known HTTPS path or published in a DNS TXT record, the two
 * ways ACME (RFC 8555) and search consoles use.
 */
@Component
class SiteOwnershipCheck {

    static final String WELL_KNOWN_PATH = "/.well-known/custodia-challenge.txt";
    static final String DNS_LABEL = "_custodia-challenge.";
    static final String DNS_PREFIX = "custodia-site-verification=";
    private static final int MAX_BODY = 1024;

    enum Method { HTTPS, DNS }

    sealed interface Proof {
        record Proven(Method method) implements Proof {}
        record NotProven(String reason) implements Proof {}
    }

    private final SiteOwnershipProperties properties;
    private final HttpClient http;

    SiteOwnershipCheck(SiteOwnershipProperties properties) {
        this.properties = properties;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (StringUtils.hasText(properties.proxy())) {
            String[] hostPort = properties.proxy().split(":");
            builder.proxy(ProxySelector.of(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]))));
        }
        this.http = builder.build();
    }

    URI wellKnownUrl(String host) {
        return URI.create(properties.scheme() + "://" + host + WELL_KNOWN_PATH);
    }

    Proof check(String host, String challenge, Method method) {
        return switch (method) {
            case HTTPS -> overHttps(host, challenge);
            case DNS -> overDns(host, challenge);
        };
    }

    private Proof overHttps(String host, String challenge) {
        // With an egress proxy, the proxy resolves and must enforce the same policy; without one, vet every address.
        if (!StringUtils.hasText(properties.proxy()) && !properties.allowPrivateAddresses()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(host)) {
                    if (!isPublic(address)) {
                        return new Proof.NotProven(host + " resolves to an address that is not public");
                    }
                }
            } catch (UnknownHostException e) {
                return new Proof.NotProven(host + " does not resolve");
            }
        }
        URI url = wellKnownUrl(host);
        HttpRequest request = HttpRequest.newBuilder(url).timeout(properties.timeout()).GET().build();
        try {
            // The whole exchange, body included, is bounded in time and size: a site cannot trickle or flood.
            HttpResponse<byte[]> response = http
                    .sendAsync(request, HttpResponse.BodyHandlers.limiting(HttpResponse.BodyHandlers.ofByteArray(), MAX_BODY))
                    .get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                return new Proof.NotProven(url + " answered " + response.statusCode());
            }
            String served = new String(response.body(), StandardCharsets.UTF_8).strip();
            return served.equals(challenge)
                    ? new Proof.Proven(Method.HTTPS)
                    : new Proof.NotProven(url + " does not serve the challenge token");
        } catch (ExecutionException e) {
            return new Proof.NotProven("could not fetch " + url);
        } catch (TimeoutException e) {
            return new Proof.NotProven(url + " did not answer within " + properties.timeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Proof.NotProven("interrupted while fetching " + url);
        }
    }

    /** Global unicast only: no loopback, private, link-local, shared (100.64/10), unique-local, multicast or reserved. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (address instanceof Inet4Address) {
            return first != 0
                    && !(first == 100 && (second & 0xc0) == 64)
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0)
                    && !(first == 198 && (second == 18 || second == 19))
                    && first < 240;
        }
        return (first & 0xe0) == 0x20;
    }

    private Proof overDns(String host, String challenge) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", StringUtils.hasText(properties.dnsServer()) ? "dns://" + properties.dnsServer() : "dns:");
        env.put("com.sun.jndi.dns.timeout.initial", Long.toString(properties.timeout().toMillis()));
        env.put("com.sun.jndi.dns.timeout.retries", "1");
        String name = DNS_LABEL + host;
        try {
            var context = new InitialDirContext(env);
            try {
                Attribute txt = context.getAttributes(name, new String[] {"TXT"}).get("TXT");
                if (txt != null) {
                    for (int i = 0; i < txt.size(); i++) {
                        String value = String.valueOf(txt.get(i)).replace("\"", "").strip();
                        if (value.equals(DNS_PREFIX + challenge)) {
                            return new Proof.Proven(Method.DNS);
                        }
                    }
                }
                return new Proof.NotProven("no TXT record " + name + " with the challenge token");
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            return new Proof.NotProven("DNS lookup of " + name + " failed: " + e.getClass().getSimpleName());
        }
    }
}
