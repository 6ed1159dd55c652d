package org.gridmap.support;

import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one way features reach the database: a unit of work on a connection, committed as a whole or not at all.
 * Repositories take the {@link Connection} they are given, so a service decides the transaction's extent.
 */
@Singleton
public class Db {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final List<Runnable> afterCommit = new CopyOnWriteArrayList<>();

    public Db(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code hook} in the writer's thread after each {@link #tx} commits, before the writer goes on: what must
     * know of a write before its caller is answered (the tile caches' data versions) registers here.
     */
    public void afterCommit(Runnable hook) {
        afterCommit.add(hook);
    }

    /** Runs {@code work} in one transaction; any exception rolls it back. */
    public <T> T tx(Work<T> work) {
        T result;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                result = work.run(c);
                c.commit();
            } catch (Throwable e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
        afterCommit.forEach(Runnable::run);
        return result;
    }

    /** Runs read-only {@code work} on a pooled connection in auto-commit mode. */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DataAccessException(e);
        }
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** An unexpected database failure; mapped to a 500 problem with a correlation id, never shown to clients. */
    public static final class DataAccessException extends RuntimeException {
        public DataAccessException(SQLException cause) {
            super(cause.getMessage(), cause);
        }

        public SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
