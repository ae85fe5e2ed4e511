package dev.parley.store;

import io.r2dbc.h2.H2ConnectionConfiguration;
import io.r2dbc.h2.H2ConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ValidationDepth;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A pool of R2DBC connections to Postgres or to the embedded H2 file, and the JDBC coordinates Flyway migrates
 * through (and the embedded writer writes through). H2's R2DBC driver blocks the thread that subscribes, so its
 * work is moved to Reactor's elastic pool, never left on an event loop.
 */
final class Database {

    private final ConnectionPool pool;
    private final Scheduler scheduler;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final boolean embedded;

    private Database(ConnectionPool pool, Scheduler scheduler, String jdbcUrl, String user, String password,
                     boolean embedded) {
        this.pool = pool;
        this.scheduler = scheduler;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
    }

    static Database open(StoreSettings settings) {
        if (settings.isEmbedded()) {
            Path file = settings.dataDir().toAbsolutePath().normalize().resolve("parley");
            H2ConnectionFactory h2 = new H2ConnectionFactory(H2ConnectionConfiguration.builder()
                    .file(file.toString())
                    .username("sa")
                    .build());
            return new Database(pool(h2, settings), Schedulers.boundedElastic(), "jdbc:h2:file:" + file, "sa", "",
                    true);
        }
        ConnectionFactoryOptions options = ConnectionFactoryOptions.parse(settings.r2dbcUrl().orElseThrow());
        String host = (String) options.getRequiredValue(ConnectionFactoryOptions.HOST);
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        String database = String.valueOf(options.getValue(ConnectionFactoryOptions.DATABASE));
        String user = String.valueOf(options.getValue(ConnectionFactoryOptions.USER));
        Object password = options.getValue(ConnectionFactoryOptions.PASSWORD);
        String jdbc = "jdbc:postgresql://" + host + ":" + (port == null ? 5432 : port) + "/" + database;
        return new Database(pool(ConnectionFactories.get(options), settings), Schedulers.immediate(), jdbc, user,
                password == null ? "" : password.toString(), false);
    }

    private static ConnectionPool pool(ConnectionFactory factory, StoreSettings settings) {
        return new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
                .initialSize(1)
                .maxSize(settings.poolSize())
                .maxAcquireTime(settings.timeout())
                .maxCreateConnectionTime(settings.timeout())
                .maxIdleTime(Duration.ofMinutes(10))
                // Checked by the driver's own view of the connection, not by a query on every checkout.
                .validationDepth(ValidationDepth.LOCAL)
                .build());
    }

    /**
     * Applies the migrations under {@code db/migration}, and on Postgres those under {@code db/postgres} too (its
     * versions are not used in db/migration); blocking, and safe when several nodes start at once.
     */
    void migrate() {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(embedded ? new String[] {"classpath:db/migration"}
                        : new String[] {"classpath:db/migration", "classpath:db/postgres"})
                .load()
                .migrate();
    }

    /** A JDBC connection to the same database, for work that is faster without R2DBC (the embedded writer). */
    java.sql.Connection openJdbc() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** Runs work on one connection. */
    /** A connection of the pool for the caller to keep; closing it gives it back. */
    Mono<Connection> acquire() {
        return pool.create().subscribeOn(scheduler);
    }

    <T> Mono<T> withConnection(Function<Connection, Mono<T>> work) {
        return Mono.usingWhen(pool.create(), work, Connection::close).subscribeOn(scheduler);
    }

    Mono<Void> close() {
        return pool.disposeLater();
    }
}
