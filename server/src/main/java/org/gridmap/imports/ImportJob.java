package org.gridmap.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.time.OffsetDateTime;
import java.util.UUID;

/** An import as the API shows it: where it is, what it did, and every row it refused. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ImportJob(UUID id, String kind, @Nullable String format, @Nullable String fileName, String status,
                        @Nullable String phase, double progress, @Nullable Integer rowsTotal, int rowsDone,
                        Object counts, Object errors, int errorCount, Object repairs, Object ignoredColumns,
                        @Nullable String message, @Nullable Object problem, String createdBy,
                        OffsetDateTime createdAt, @Nullable OffsetDateTime finishedAt) {

    public boolean finished() {
        return status.equals("SUCCEEDED") || status.equals("FAILED");
    }
}
