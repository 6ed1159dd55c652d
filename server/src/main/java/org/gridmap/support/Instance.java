package org.gridmap.support;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * This server process, as the database sees it: a random key whose session-level advisory lock (7262, key) is held on
 * a dedicated connection for the process's lifetime. Long jobs record the key; a RUNNING job whose lock is gone died
 * with its process. Works with any number of instances on one database.
 */
@Context
public class Instance {
    private static final Logger LOG = LoggerFactory.getLogger(Instance.class);
    private final int key = new SecureRandom().nextInt(Integer.MAX_VALUE - 1) + 1;
    private final Connection session;

    public Instance(DataSource dataSource) {
        try {
            this.session = dataSource.getConnection();
            LockRepository.forSession(session, Lock.INSTANCE, key);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot register this instance with the database: " + e.getMessage(), e);
        }
        LOG.debug("instance key {}", key);
    }

    public int key() {
        return key;
    }

    @PreDestroy
    void close() {
        try {
            session.close();
        } catch (SQLException ignored) {
            // the lock goes with the session anyway
        }
    }
}
