package org.gridmap.support;

import io.micronaut.http.sse.Event;
import reactor.core.publisher.Flux;

import java.time.Duration;

/**
 * The shape every Server-Sent Events endpoint shares: a first 'ready' event at once (so clients and proxies get the
 * response headers before anything changes), the changes, and a comment every 20 s that keeps proxies from closing
 * the stream.
 */
public final class EventStreams {
    private EventStreams() {}

    /** @param area the area the stream is cut to, announced in the 'ready' event */
    public static Flux<Event<String>> live(String area, Flux<Event<String>> changes) {
        Flux<Event<String>> heartbeat = Flux.interval(Duration.ofSeconds(20)).map(n -> Event.of("").comment("heartbeat"));
        return Flux.merge(changes, heartbeat).startWith(Event.of("{\"area\":\"" + area + "\"}").name("ready"));
    }
}
