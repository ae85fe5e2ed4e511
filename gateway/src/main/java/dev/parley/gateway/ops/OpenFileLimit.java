package dev.parley.gateway.ops;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Every WebSocket holds an open file, so the process's open-file limit caps the connections a gateway can hold; past
 * it, Netty can only log "Too many open files" as it fails to accept. Said once at start, where operators look.
 */
public final class OpenFileLimit {

    /** Below this the limit, not the machine, is likely to stop a public gateway first. */
    static final long ENOUGH = 65_536;

    private OpenFileLimit() {
    }

    /** This process's limit, where the JVM can tell (Linux and macOS). */
    public static OptionalLong ofThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount()) : OptionalLong.empty();
    }

    /** A warning for the start-up log when {@code limit} is low. */
    public static Optional<String> warningFor(long limit) {
        if (limit >= ENOUGH) {
            return Optional.empty();
        }
        return Optional.of("this process may open at most " + limit + " files, so it can hold fewer than " + limit
                + " WebSocket connections; past that, connections are refused and \"Too many open files\" is logged. "
                + "Raise it (ulimit -n, or nofile in the container's ulimits) to at least " + ENOUGH);
    }
}
