package org.gridmap.ticket;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.sql.Connection;

/**
 * New and changed tickets as they commit, from every instance: the ticket table's trigger sends NOTIFY
 * gridmap_ticket (V9), and one listening connection per instance turns the notices into a stream that the
 * Server-Sent Events endpoint filters by the caller's area. Starts with the first subscriber; reconnects on failure.
 */
@Singleton
public class TicketFeed {
    private static final Logger LOG = LoggerFactory.getLogger(TicketFeed.class);

    /** A change: the ticket's id, grid and status. */
    public record Change(long id, String gridCode, String status) {}

    private final Db db;
    private final Sinks.Many<Change> sink = Sinks.many().multicast().directBestEffort();
    private volatile Thread listener;
    private volatile boolean running = true;

    private final TicketRepository tickets;

    TicketFeed(Db db, TicketRepository tickets) {
        this.db = db;
        this.tickets = tickets;
    }

    public Flux<Change> changes() {
        start();
        return sink.asFlux();
    }

    private synchronized void start() {
        if (listener != null) {
            return;
        }
        listener = new Thread(this::listen, "ticket-feed");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (running) {
            try (Connection c = db.dataSource().getConnection()) {
                tickets.listen(c);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(5000);
                    if (ns == null) {
                        continue;
                    }
                    for (PGNotification n : ns) {
                        String[] p = n.getParameter().split(" ");
                        if (p.length == 3) {
                            sink.tryEmitNext(new Change(Long.parseLong(p[0]), p[1], p[2]));
                        }
                    }
                }
            } catch (Exception e) {
                if (running) {
                    LOG.warn("ticket feed: listening failed, retrying in 2 s: {}", e.toString());
                    try {
                        Thread.sleep(2000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }
}
