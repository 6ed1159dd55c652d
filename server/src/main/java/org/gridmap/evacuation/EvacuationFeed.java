package org.gridmap.evacuation;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.NotifyFeed;
import reactor.core.publisher.Flux;

/**
 * Evacuation changes as they commit, from every instance (NOTIFY gridmap_evacuation, R__60_evacuation.sql): a
 * transfer's new status (with its grid or community), a plan that ended (with its area), a shelter's occupancy.
 */
@Singleton
public class EvacuationFeed {
    /** kind: transfer, plan or shelter; id: the transfer or plan id, or the shelter's code; scope: grid/area. */
    public record Change(String kind, String id, String scope, String status) {}

    private final NotifyFeed feed;

    EvacuationFeed(Db db, EvacuationRepository repo) {
        this.feed = new NotifyFeed(db, "evacuation-feed", repo::listen);
    }

    public Flux<Change> changes() {
        return feed.payloads().map(p -> p.split(" ")).filter(p -> p.length == 4)
                .map(p -> new Change(p[0], p[1], p[2], p[3]));
    }

    @PreDestroy
    void stop() {
        feed.close();
    }
}
