package org.gridmap.support;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * PostgreSQL notices as a stream, from every instance: a trigger sends NOTIFY after commit, and one listening
 * connection per instance (started with the first subscriber, reconnecting on failure) turns the payloads into a
 * hot stream that each Server-Sent Events endpoint filters by the caller's area.
 */
public final class NotifyFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotifyFeed.class);

    /** Subscribes a connection to the channel (a repository's LISTEN statement). */
    @FunctionalInterface
    public interface Listen {
        void on(Connection c) throws SQLException;
    }

    private final Db db;
    private final String name;
    private final Listen listen;
    private final Sinks.Many<String> sink = Sinks.many().multicast().directBestEffort();
    private volatile Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;

    public NotifyFeed(Db db, String name, Listen listen) {
        this.db = db;
        this.name = name;
        this.listen = listen;
    }

    /** The payloads of the notices, as they commit. */
    public Flux<String> payloads() {
        start();
        return sink.asFlux();
    }

    /** Starts listening without a subscriber (for a feed read through its {@link Listen} callback and payloads). */
    public void open() {
        start();
    }

    /**
     * True while the listening connection is subscribed: every notice committed since {@link Listen#on} returned
     * reaches {@link #payloads()}. False before, and from a failure until the reconnect has subscribed again.
     */
    public boolean listening() {
        return listening;
    }

    private synchronized void start() {
        if (listener != null) {
            return;
        }
        listener = new Thread(this::run, name);
        listener.setDaemon(true);
        listener.start();
    }

    private void run() {
        while (running) {
            try (Connection c = db.dataSource().getConnection()) {
                listen.on(c);
                listening = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] ns = pg.getNotifications(5000);
                    if (ns != null) {
                        for (PGNotification n : ns) {
                            sink.tryEmitNext(n.getParameter());
                        }
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (running) {
                    LOG.warn("{}: listening failed, retrying in 2 s: {}", name, e.toString());
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

    @Override
    public void close() {
        running = false;
        Thread t = listener;
        if (t != null) {
            t.interrupt();
        }
    }
}
