package org.gridmap.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.Sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;

/** Checks {@code POST /login} credentials against app_user; runs on the blocking executor. */
@Singleton
class DbAuthenticationProvider<B> implements HttpRequestExecutorAuthenticationProvider<B> {
    private final Db db;
    private final Audit audit;

    DbAuthenticationProvider(Db db, Audit audit) {
        this.db = db;
        this.audit = audit;
    }

    @Override
    public AuthenticationResponse authenticate(@Nullable HttpRequest<B> request,
                                               AuthenticationRequest<String, String> auth) {
        String username = auth.getIdentity();
        String remote = request == null ? null : request.getRemoteAddress().getAddress().getHostAddress();
        Object[] row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("security/user_by_name"))) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new Object[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)};
                }
            }
        });
        if (row == null || !PasswordHasher.verify(auth.getSecret(), (String) row[0])) {
            audit.record(username == null ? "?" : username, null, "LOGIN_FAILED", "user", username, null,
                    Map.of(), remote);
            return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
        }
        audit.record(username, (String) row[2], "LOGIN", "user", username, (String) row[3], Map.of(), remote);
        return AuthenticationResponse.success(username, List.of((String) row[2]),
                Map.of(Caller.AREA_CLAIM, row[3], "name", row[1]));
    }
}
