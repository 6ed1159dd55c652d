package org.gridmap.imports;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.gridmap.support.Db;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;
import java.util.UUID;

/** import_job rows, always written in their own short transactions so progress is visible while a job runs. */
@Singleton
class ImportJobRepository {
    private final Db db;
    private final JsonMapper json;

    private final org.gridmap.support.Instance instance;

    ImportJobRepository(Db db, JsonMapper json, org.gridmap.support.Instance instance) {
        this.instance = instance;
        this.db = db;
        this.json = json;
    }

    void create(UUID id, ImportKind kind, String fileName, String actor, Object options) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("imports/job_insert"))) {
                ps.setObject(1, id);
                ps.setString(2, kind.apiName());
                ps.setString(3, org.gridmap.support.Texts.excerpt(fileName, 255));
                ps.setString(4, actor);
                ps.setString(5, write(options));
                ps.setInt(6, instance.key());
                return ps.executeUpdate();
            }
        });
    }

    void progress(UUID id, String phase, double progress, Integer total, int done, String format) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("imports/job_progress"))) {
                ps.setString(1, "RUNNING");
                ps.setString(2, phase);
                ps.setDouble(3, Math.min(1.0, progress));
                ps.setObject(4, total, Types.INTEGER);
                ps.setInt(5, done);
                ps.setString(6, format);
                ps.setObject(7, id);
                return ps.executeUpdate();
            }
        });
    }

    void finish(UUID id, boolean succeeded, Object counts, Object errors, int errorCount, Object repairs,
                Object ignored, String message, Object problem) {
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("imports/job_finish"))) {
                ps.setString(1, succeeded ? "SUCCEEDED" : "FAILED");
                ps.setBoolean(2, succeeded);
                ps.setString(3, write(counts));
                ps.setString(4, write(errors));
                ps.setInt(5, errorCount);
                ps.setString(6, write(repairs));
                ps.setString(7, write(ignored));
                ps.setString(8, (String) org.gridmap.support.Texts.storable(message));
                ps.setString(9, problem == null ? null : write(problem));
                ps.setObject(10, id);
                return ps.executeUpdate();
            }
        });
    }

    Optional<ImportJob> find(UUID id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("imports/job_get"))) {
                ps.setObject(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ImportJob(rs.getObject("id", UUID.class), rs.getString("kind"),
                            rs.getString("format"), rs.getString("file_name"), rs.getString("status"),
                            rs.getString("phase"), rs.getDouble("progress"), Rows.intOrNull(rs, "rows_total"),
                            rs.getInt("rows_done"), read(rs.getString("counts")), read(rs.getString("errors")),
                            rs.getInt("error_count"), read(rs.getString("repairs")),
                            read(rs.getString("ignored_columns")), rs.getString("message"),
                            read(rs.getString("problem")), rs.getString("created_by"), Rows.time(rs, "created_at"),
                            Rows.time(rs, "finished_at")));
                }
            }
        });
    }

    int markInterrupted() {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Sql.get("imports/job_interrupted"))) {
                return ps.executeUpdate();
            }
        });
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(org.gridmap.support.Texts.storable(o));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Object read(String s) {
        if (s == null) {
            return null;
        }
        try {
            return json.readValue(s, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
