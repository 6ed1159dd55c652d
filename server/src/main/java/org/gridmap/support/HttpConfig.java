package org.gridmap.support;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;

/**
 * How the service appears on the network ({@code gridmap.http.*}).
 *
 * @param publicBaseUrl the scheme, host and port clients reach the service at (e.g. {@code https://gridmap.taobei.gov.cn});
 *                      every absolute link (TileJSON, OGC API, Open311 discovery) is built from it, never from the
 *                      request's Host header. Empty: {@code http://localhost:<port>}.
 * @param clientAddressHeader a header set by a trusted reverse proxy that carries the client's address (e.g.
 *                      {@code X-Forwarded-For}); empty: the TCP peer's address. Login throttling and the audit log
 *                      use it.
 */
@ConfigurationProperties("gridmap.http")
public record HttpConfig(@Nullable @Bindable(defaultValue = "") String publicBaseUrl,
                         @Nullable @Bindable(defaultValue = "") String clientAddressHeader) {
}
