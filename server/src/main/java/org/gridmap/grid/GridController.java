package org.gridmap.grid;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.gridmap.security.Caller;
import org.gridmap.security.Masking;
import org.gridmap.support.Db;
import org.gridmap.support.ProblemException;
import org.gridmap.support.Rows;
import org.gridmap.support.Sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** 网格: one grid with its stewards and counts, at a moment in its history. */
@Controller("/api/grids")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "grids")
class GridController {

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Steward(String stewardId, String name, String phone, String role) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Version(int version, String name, OffsetDateTime validFrom, @Nullable OffsetDateTime validTo, long areaM2) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Grid(String gridCode, String name, String communityCode, String communityName, String streetCode,
                String streetName, int version, OffsetDateTime validFrom, @Nullable OffsetDateTime validTo,
                long areaM2, long buildings, long households, long people, long vulnerablePeople,
                List<Steward> stewards, List<Version> history, Object geometry) {}

    private final Db db;
    private final JsonMapper json;

    GridController(Db db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Operation(summary = "A grid by its 15-digit code: boundary, community, stewards (phones masked), counts; "
            + "?at=ISO-8601 time gives the boundary in force then")
    @Get("/{gridCode}")
    Grid get(@PathVariable String gridCode, @Nullable @QueryValue String at, Authentication auth) {
        Caller caller = Caller.of(auth);
        if (!gridCode.matches("\\d{15}")) {
            throw ProblemException.invalidParameter("grid_code", "must be 15 digits (community code + 3-digit "
                    + "sequence), was '" + gridCode + "'");
        }
        OffsetDateTime when = null;
        if (at != null) {
            try {
                when = OffsetDateTime.parse(at);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalidParameter("at", "must be an ISO-8601 date-time with offset, e.g. "
                        + "2025-07-01T00:00:00+08:00");
            }
        }
        if (!caller.covers(gridCode)) {
            throw ProblemException.notFound("grid", gridCode);
        }
        OffsetDateTime moment = when;
        return db.read(c -> {
            Grid grid;
            try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_by_code"))) {
                ps.setString(1, gridCode);
                for (int k = 2; k <= 4; k++) {
                    ps.setObject(k, moment, Types.TIMESTAMP_WITH_TIMEZONE);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ProblemException.notFound("grid", gridCode);
                    }
                    long[] counts = counts(c, gridCode);
                    grid = new Grid(rs.getString("grid_code"), rs.getString("name"), rs.getString("community_code"),
                            rs.getString("community_name"), rs.getString("street_code"), rs.getString("street_name"),
                            rs.getInt("version"), Rows.time(rs, "valid_from"), Rows.time(rs, "valid_to"),
                            rs.getLong("area_m2"), counts[0], counts[1], counts[2], counts[3], stewards(c, gridCode),
                            history(c, gridCode), Rows.geojson(json, rs.getString("geojson")));
                }
            }
            return grid;
        });
    }

    private long[] counts(java.sql.Connection c, String gridCode) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_counts"))) {
            ps.setString(1, gridCode);
            ps.setString(2, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
            }
        }
    }

    private List<Steward> stewards(java.sql.Connection c, String gridCode) throws java.sql.SQLException {
        List<Steward> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_stewards"))) {
            ps.setString(1, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Steward(rs.getString(1), rs.getString(2), Masking.phone(rs.getString(3)),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    private List<Version> history(java.sql.Connection c, String gridCode) throws java.sql.SQLException {
        List<Version> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.get("grid/grid_history"))) {
            ps.setString(1, gridCode);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Version(rs.getInt(1), rs.getString(2), Rows.time(rs, "valid_from"),
                            Rows.time(rs, "valid_to"), rs.getLong(5)));
                }
            }
        }
        return out;
    }
}
