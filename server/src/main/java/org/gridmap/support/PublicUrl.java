package org.gridmap.support;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpRequest;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The service's public base URL for absolute links, from configuration ({@link HttpConfig#publicBaseUrl()}), never from
 * a request's Host header (a forged Host would otherwise put another site into TileJSON and OGC links); and the
 * client's address as the configured proxy header or the TCP peer gives it.
 */
@Singleton
public class PublicUrl {
    private final String configured;
    private final String addressHeader;
    private final BeanProvider<EmbeddedServer> server;

    PublicUrl(HttpConfig config, BeanProvider<EmbeddedServer> server) {
        String u = config.publicBaseUrl() == null ? "" : config.publicBaseUrl().strip();
        if (!u.isEmpty() && !u.matches("(?i)https?://[^/\\s?#]+(/[^\\s?#]*)?")) {
            throw new IllegalStateException("gridmap.http.public-base-url must be an http(s) URL such as "
                    + "https://gridmap.example.gov.cn, not '" + u + "'");
        }
        this.configured = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        this.addressHeader = config.clientAddressHeader() == null ? "" : config.clientAddressHeader().strip();
        this.server = server;
    }

    /** E.g. {@code http://localhost:8080}, without a trailing slash. */
    public String base() {
        if (!configured.isEmpty()) {
            return configured;
        }
        if (server.isPresent()) {
            return "http://localhost:" + server.get().getPort();
        }
        return "http://localhost:8080";
    }

    /** The client's address: the first entry of the configured proxy header, else the TCP peer. */
    public String clientAddress(HttpRequest<?> request) {
        if (request == null) {
            return null;
        }
        if (!addressHeader.isEmpty()) {
            String h = request.getHeaders().get(addressHeader);
            if (h != null && !h.isBlank()) {
                String first = h.split(",")[0].strip().toLowerCase(Locale.ROOT);
                if (first.matches("[0-9a-f:.\\[\\]]{2,45}")) {
                    return first;
                }
            }
        }
        InetSocketAddress a = request.getRemoteAddress();
        return a == null || a.getAddress() == null ? null : a.getAddress().getHostAddress();
    }
}
