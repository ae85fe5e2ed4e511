package dev.parley.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of {@link R2dbcMessageStore#upkeep} did: the month partitions it created and dropped (Postgres), and
 * the rows it deleted for the retention (the embedded database), and why the retention could not be applied this
 * time, if it could not (it is tried again on the next run).
 */
public record Upkeep(List<String> partitionsCreated, List<String> partitionsDropped, long rowsDeleted,
                     Optional<String> retentionFailure) {

    public Upkeep {
        Objects.requireNonNull(retentionFailure, "retentionFailure");
        partitionsCreated = List.copyOf(partitionsCreated);
        partitionsDropped = List.copyOf(partitionsDropped);
    }
}
