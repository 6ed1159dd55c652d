package org.gridmap.security;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.Texts;
import org.gridmap.support.PublicUrl;
import io.micronaut.http.context.ServerRequestContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * Writes the append-only audit log (the table refuses UPDATE, DELETE and TRUNCATE).
 * Actions: LOGIN, LOGIN_FAILED, LOGIN_LOCKED, LOGIN_THROTTLED, IMPORT, IMPORT_FAILED, READ_HOUSEHOLDS, REVEAL,
 * TICKET_REVEAL, EXPORT, PUBLISH. Actor and object names are shortened and their control characters escaped.
 */
@Singleton
public class Audit {
    private final Db db;
    private final JsonMapper json;
    private final PublicUrl publicUrl;

    public Audit(Db db, JsonMapper json, PublicUrl publicUrl) {
        this.db = db;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    public void record(String actor, String role, String action, String objectType, String objectId, String area,
                       Map<String, ?> detail, String remoteAddr) {
        db.tx(c -> {
            record(c, actor, role, action, objectType, objectId, area, detail, remoteAddr);
            return null;
        });
    }

    public void record(Caller caller, String action, String objectType, String objectId, Map<String, ?> detail) {
        record(caller.username(), caller.role().name(), action, objectType, objectId, caller.area(), detail, null);
    }

    /** The client address of the HTTP request being served on this thread, or null outside a request. */
    private String currentAddress() {
        return ServerRequestContext.currentRequest().map(publicUrl::clientAddress).orElse(null);
    }

    /** Records within the caller's transaction, so the audit entry commits or rolls back with the work. */
    public void record(Connection c, String actor, String role, String action, String objectType, String objectId,
                       String area, Map<String, ?> detail, String remoteAddr) throws SQLException {
        String detailJson;
        try {
            detailJson = json.writeValueAsString(Texts.storable(detail == null ? Map.of() : detail));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AuditRepository.insert(c, Texts.excerpt(actor == null ? "?" : actor, 100), role, action, objectType,
                Texts.excerpt(objectId, 200), area, detailJson,
                Texts.excerpt(remoteAddr != null ? remoteAddr : currentAddress(), 64));
    }
}
