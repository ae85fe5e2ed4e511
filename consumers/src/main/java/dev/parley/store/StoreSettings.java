package dev.parley.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database holds history: Postgres through R2DBC ({@code CHAT_DATABASE_URL}), or, by default, an embedded
 * H2 database in a file under a data directory, so one node keeps its history with no setup.
 *
 * @param r2dbcUrl  {@code r2dbc:postgresql://user:password@host:5432/database}; empty for the embedded database
 * @param dataDir   where the embedded database lives
 * @param poolSize  connections to the database
 * @param timeout   how long a write or read may take before the caller is told the store is unavailable
 * @param retention how long history is kept ({@code CHAT_HISTORY_RETENTION_DAYS}); empty: forever. Applied by
 *                  {@link R2dbcMessageStore#upkeep}: on Postgres whole months are dropped once they are all older,
 *                  on the embedded database older rows are deleted
 */
public record StoreSettings(Optional<String> r2dbcUrl, Path dataDir, int poolSize, Duration timeout,
                            Optional<Duration> retention) {

    public static final int DEFAULT_POOL_SIZE = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public StoreSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(retention, "retention");
        if (retention.filter(kept -> kept.compareTo(Duration.ofDays(1)) < 0).isPresent()) {
            throw new IllegalArgumentException("history retention must be at least one day, got " + retention.get());
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        r2dbcUrl.ifPresent(url -> {
            if (!url.startsWith("r2dbc:postgresql://")) {
                throw new IllegalArgumentException("only r2dbc:postgresql:// URLs are supported, got '"
                        + StoreSettings.withoutPassword(url) + "'");
            }
        });
    }

    public static StoreSettings postgres(String r2dbcUrl) {
        return new StoreSettings(Optional.of(r2dbcUrl), Path.of("data"), DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT,
                Optional.empty());
    }

    public static StoreSettings embedded(Path dataDir) {
        return new StoreSettings(Optional.empty(), dataDir, DEFAULT_POOL_SIZE, DEFAULT_TIMEOUT, Optional.empty());
    }

    /** The same, keeping history for {@code kept} (at least a day). */
    public StoreSettings withRetention(Duration kept) {
        return new StoreSettings(r2dbcUrl, dataDir, poolSize, timeout, Optional.of(kept));
    }

    public boolean isEmbedded() {
        return r2dbcUrl.isEmpty();
    }

    /** For logs: the database, never its password. */
    public String describe() {
        return r2dbcUrl.map(url -> "Postgres at " + withoutPassword(url))
                .orElse("embedded H2 in " + dataDir.toAbsolutePath().normalize());
    }

    static String withoutPassword(String url) {
        return url.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@");
    }
}
