package org.gridmap.ticket;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.NotifyFeed;
import reactor.core.publisher.Flux;

/**
 * New and changed tickets as they commit, from every instance: the ticket table's trigger sends NOTIFY
 * gridmap_ticket (R__40_tickets.sql) with "id grid_code status", and {@link NotifyFeed} turns the notices into a
 * stream that the Server-Sent Events endpoint filters by the caller's area.
 */
@Singleton
public class TicketFeed {
    /** A change: the ticket's id, grid and status. */
    public record Change(long id, String gridCode, String status) {}

    private final NotifyFeed feed;

    TicketFeed(Db db, TicketRepository tickets) {
        this.feed = new NotifyFeed(db, "ticket-feed", tickets::listen);
    }

    public Flux<Change> changes() {
        return feed.payloads().map(p -> p.split(" ")).filter(p -> p.length == 3)
                .map(p -> new Change(Long.parseLong(p[0]), p[1], p[2]));
    }

    @PreDestroy
    void stop() {
        feed.close();
    }
}
