package org.gridmap.ticket;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The shapes tickets take in the API (snake_case JSON). */
public final class TicketModels {
    private TicketModels() {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Category(String code, String name, String nameEn, String description, String department,
                           int communityH, int streetH, int districtH, int departmentH, boolean active,
                           @Nullable OffsetDateTime updatedAt) {
        int hours(Level level) {
            return switch (level) {
                case COMMUNITY -> communityH;
                case STREET -> streetH;
                case DISTRICT -> districtH;
                case DEPARTMENT -> departmentH;
            };
        }
    }

    /** A new ticket as filed; {@code urgent} (紧急) when life or safety is at stake, otherwise 一般. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record NewTicket(@Nullable String source, @Nullable String category, @Nullable String description,
                            @Nullable String address, @Nullable Double lon, @Nullable Double lat,
                            @Nullable String reporterName, @Nullable String reporterPhone,
                            @Nullable List<String> photos, @Nullable Boolean urgent) {}

    /** Where a point routes: its grid (containing it, or the nearest), community, street and district. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Route(String gridCode, String communityCode, String streetCode, String districtCode, String routing,
                        double boundaryM, boolean needsConfirmation, int overlappingGrids) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Duplicate(long id, String number, String status, String description, OffsetDateTime createdAt,
                            String gridCode, double distanceM) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Event(long id, OffsetDateTime at, String actor, String action, @Nullable String fromStatus,
                        @Nullable String toStatus, @Nullable String fromLevel, @Nullable String toLevel,
                        @Nullable String reason, Object data) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Call(String department, OffsetDateTime calledAt, String calledBy, @Nullable OffsetDateTime reportedAt,
                       @Nullable OffsetDateTime doneAt, @Nullable String note) {}

    /** A ticket; reporter contact masked unless revealed (audited). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Ticket(long id, String number, String source, String category, String categoryName,
                         String categoryNameEn, String description, @Nullable String address, double lon, double lat,
                         @Nullable String reporterName, @Nullable String reporterPhone, List<String> photos,
                         String gridCode, String communityCode, String streetCode, String districtCode,
                         String routing, double boundaryM, boolean needsConfirmation, String level, String levelZh,
                         String department, @Nullable String assignee, String status, String statusZh,
                         OffsetDateTime dueAt, boolean overdue, int autoEscalations, String createdBy,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt, @Nullable OffsetDateTime resolvedAt,
                         @Nullable Boolean resolvedOnTime, @Nullable OffsetDateTime closedAt, @Nullable Integer rating,
                         @Nullable Long duplicateOf, boolean urgent) {}

    /**
     * A ticket with its history, calls and (when just filed) possible duplicates; {@code mayReveal}: the caller may
     * ask for the reporter's contact in clear now ({@code POST /api/tickets/{id}/reveal}).
     */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Detail(Ticket ticket, List<Event> events, List<Call> calls,
                         @Nullable List<Duplicate> possibleDuplicates, List<Allowed> actions, boolean mayReveal) {}

    /** An action the caller may take on the ticket now, with the body fields it requires and those it also takes. */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Allowed(String action, String name, List<String> required, List<String> optional) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Page(long total, int page, int size, List<Ticket> tickets) {}

    /** The body of a transition: which fields matter depends on the action. {@code duplicate_of} is the other
     *  ticket's id or its number (2026-000123). */
    @Serdeable(naming = SnakeCaseStrategy.class)
    public record ActionRequest(@Nullable String reason, @Nullable String assignee, @Nullable Integer rating,
                                @Nullable List<String> departments, @Nullable String department,
                                @Nullable String gridCode, @Nullable Object duplicateOf, @Nullable String note) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Figures(String code, long received, long resolved, @Nullable Double resolvedRate,
                          long resolvedOnTime, @Nullable Double onTimeRate, @Nullable Double avgHoursToResolve,
                          long rated, long satisfied, @Nullable Double satisfactionRate, long backlog, long overdue) {}

    @Serdeable(naming = SnakeCaseStrategy.class)
    public record Stats(String area, OffsetDateTime from, OffsetDateTime to, Figures total, List<Figures> children,
                        Map<String, String> definitions) {}
}
