package io.custodia.governance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local HTTP server that the service reaches as its egress proxy, so a request for any site's well-known path
 * lands here and is answered with whatever the test published for that host.
 */
public final class SiteServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Map<String, String>> sites = new ConcurrentHashMap<>();

    public SiteServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String host = exchange.getRequestURI().getHost() != null
                    ? exchange.getRequestURI().getHost()
                    : exchange.getRequestHeaders().getFirst("Host").replaceFirst(":\\d+$", "");
            String body = sites.getOrDefault(host, Map.of()).get(exchange.getRequestURI().getPath());
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public void serve(String host, String path, String body) {
        sites.computeIfAbsent(host, h -> new ConcurrentHashMap<>()).put(path, body);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
