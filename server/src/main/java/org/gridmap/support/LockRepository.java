package org.gridmap.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Advisory locks (see {@link Lock}): for a transaction, or for a session's lifetime. */
public final class LockRepository {
    private LockRepository() {}

    /** Waits for the lock and holds it until the transaction ends. */
    public static void forTransaction(Connection c, Lock lock, int key) throws SQLException {
        take(c, "support/lock_transaction", lock, key);
    }

    /** As {@link #forTransaction(Connection, Lock, int)}, keyed by a text's hash. */
    public static void forTransaction(Connection c, Lock lock, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("support/lock_transaction_text"))) {
            ps.setInt(1, lock.classId);
            ps.setString(2, key);
            ps.execute();
        }
    }

    /** Waits for the lock and holds it until the session (connection) closes. */
    public static void forSession(Connection c, Lock lock, int key) throws SQLException {
        take(c, "support/lock_session", lock, key);
    }

    private static void take(Connection c, String sql, Lock lock, int key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get(sql))) {
            ps.setInt(1, lock.classId);
            ps.setInt(2, key);
            ps.execute();
        }
    }
}
