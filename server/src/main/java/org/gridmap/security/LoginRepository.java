package org.gridmap.security;

import jakarta.inject.Singleton;
import org.gridmap.support.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The only SQL on users and login throttling (app_user, login_throttle). */
@Singleton
class LoginRepository {

    /** A user who may log in. */
    record User(String username, String passwordHash, String displayName, String role, String area) {}

    /** A running lock: until when, and the seconds left (at least 1). */
    record Lock(OffsetDateTime until, long secondsLeft) {}

    Optional<User> user(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/user_by_name"))) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new User(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    Optional<Lock> locked(Connection c, List<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/throttle_locked"))) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    return Optional.of(new Lock(rs.getObject(1, OffsetDateTime.class), Math.max(1, rs.getLong(2))));
                }
                return Optional.empty();
            }
        }
    }

    /** Counts a failure for the key; returns {failures in the window, earlier lockouts}. */
    int[] failure(Connection c, String key, double windowSeconds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/throttle_failure"))) {
            ps.setString(1, key);
            ps.setDouble(2, windowSeconds);
            ps.setDouble(3, windowSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new int[] {rs.getInt(1), rs.getInt(2)};
            }
        }
    }

    Lock lock(Connection c, String key, double baseSeconds, int earlierLockouts, double maxSeconds)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/throttle_lock"))) {
            ps.setDouble(1, baseSeconds);
            ps.setInt(2, earlierLockouts);
            ps.setDouble(3, maxSeconds);
            ps.setString(4, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Lock(rs.getObject(1, OffsetDateTime.class), Math.max(1, rs.getLong(2)));
            }
        }
    }

    void clear(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("security/throttle_clear"))) {
            ps.setString(1, key);
            ps.executeUpdate();
        }
    }
}
