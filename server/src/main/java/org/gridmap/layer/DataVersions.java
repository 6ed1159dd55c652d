package org.gridmap.layer;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.NotifyFeed;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tables' data versions (R__50_layers.sql) kept in memory, so a cached tile is served without a query.
 *
 * <p>It stays exact: a listening connection subscribes to the versions' notices and then reads every version (so
 * nothing committed in between is missed, on each reconnect too); a write committed by this instance refreshes the
 * copy before its caller is answered ({@link Db#afterCommit}), so whoever wrote sees tiles with the write at once;
 * other instances' writes arrive as notices within milliseconds of their commit. Versions only grow, so the copy keeps
 * the larger of what it holds and what it hears. While the connection is down the versions are read per request.
 */
@Singleton
public class DataVersions {
    private final LayerRepository repository;
    private final NotifyFeed feed;
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    DataVersions(Db db, LayerRepository repository) {
        this.repository = repository;
        this.feed = new NotifyFeed(db, "data-versions", c -> {
            repository.listenVersions(c);
            merge(repository.versions(c));
        });
        feed.payloads().subscribe(this::heard);
        db.afterCommit(() -> {
            if (feed.listening()) {
                merge(repository.versions());
            }
        });
    }

    /** A layer's data version: the sum of its tables' versions (each only grows, so the sum changes with any). */
    long of(Layer layer) {
        if (!feed.listening()) {
            return repository.version(layer);
        }
        long sum = 0;
        for (String t : layer.tables()) {
            sum += versions.getOrDefault(t, 0L);
        }
        return sum;
    }

    private void heard(String payload) {
        int sp = payload.lastIndexOf(' ');
        if (sp > 0) {
            try {
                versions.merge(payload.substring(0, sp), Long.parseLong(payload.substring(sp + 1)), Math::max);
            } catch (NumberFormatException ignored) {
                // not a version notice
            }
        }
    }

    private void merge(Map<String, Long> read) {
        read.forEach((t, v) -> versions.merge(t, v, Math::max));
    }

    @PreDestroy
    void stop() {
        feed.close();
    }
}
