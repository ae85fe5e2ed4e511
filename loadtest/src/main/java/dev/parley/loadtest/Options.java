package dev.parley.loadtest;

import dev.parley.loadtest.Scenario.NameMode;
import dev.parley.loadtest.Scenario.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One run's settings, every default already filled from the scenario (see {@link OptionParser} and
 * {@code --help}).
 *
 * @param slice which part of the users this process simulates: {@code index} of {@code count}
 */
record Options(
        Scenario scenario,
        List<URI> urls,
        int users,
        int roomSize,
        int senders,
        double rate,
        Schedule schedule,
        Duration duration,
        Duration ramp,
        Duration settle,
        Duration drain,
        Duration hold,
        Protocol protocol,
        NameMode names,
        int messageSize,
        SourceAddresses sourceAddresses,
        int processes,
        int threads,
        Duration connectTimeout,
        int warmUpConnections,
        List<Long> serverPids,
        OptionalLong killPid,
        Duration killAfter,
        Optional<Path> json,
        Optional<Path> html,
        Duration progressInterval,
        String runId,
        double maxFailuresPercent,
        Slice slice,
        boolean child) {

    /** Most sockets one process may hold: the machine allows about 20 000 open files per process. */
    static final int MAX_SOCKETS_PER_PROCESS = 19_000;

    /** How each sender spaces its messages: evenly, or as a Poisson process; both with a random phase. */
    enum Schedule {
        FIXED, POISSON
    }

    /** Part {@code index} (from 0) of {@code count} equal parts of the users. */
    record Slice(int index, int count) {
        static final Slice WHOLE = new Slice(0, 1);

        @Override
        public String toString() {
            return index + "/" + count;
        }
    }

    /** Rooms of the run: every user is in exactly one. */
    int rooms() {
        return Math.max(1, (users + effectiveRoomSize() - 1) / effectiveRoomSize());
    }

    /** The room size in users; 0 asked for one room of everyone. */
    int effectiveRoomSize() {
        return roomSize == 0 ? Math.max(1, users) : roomSize;
    }

    /** Senders per room; 0 asked for every member. */
    int effectiveSenders() {
        return senders == 0 ? effectiveRoomSize() : Math.min(senders, effectiveRoomSize());
    }

    /** The same run for child process {@code index} of {@code count}: no files, no server probes, no killing. */
    Options forChild(int index, int count) {
        return new Options(scenario, urls, users, roomSize, senders, rate, schedule, duration, ramp, settle, drain,
                hold, protocol, names, messageSize, sourceAddresses, 1, threads, connectTimeout, warmUpConnections,
                List.of(),
                OptionalLong.empty(), killAfter, Optional.empty(), Optional.empty(), progressInterval, runId,
                maxFailuresPercent, new Slice(index, count), true);
    }

    /** The settings as the JSON report shows them. */
    JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("scenario", scenario.optionName())
                .put("urls", new JsonArray(urls.stream().map(URI::toString).toList()))
                .put("users", users)
                .put("room_size", effectiveRoomSize())
                .put("rooms", rooms())
                .put("senders_per_room", effectiveSenders())
                .put("rate", rate)
                .put("schedule", schedule.name().toLowerCase(Locale.ROOT))
                .put("duration_s", duration.toMillis() / 1000.0)
                .put("ramp_s", ramp.toMillis() / 1000.0)
                .put("settle_s", settle.toMillis() / 1000.0)
                .put("drain_s", drain.toMillis() / 1000.0)
                .put("protocol", protocol.optionName())
                .put("names", names.optionName())
                .put("message_size", messageSize)
                .put("source_addresses", sourceAddresses.toString())
                .put("processes", processes)
                .put("threads", threads)
                .put("warm_up_connections", warmUpConnections)
                .put("run_id", runId);
        if (scenario == Scenario.CHURN) {
            json.put("hold_s", hold.toMillis() / 1000.0);
        }
        if (!serverPids.isEmpty()) {
            json.put("server_pids", new JsonArray(List.copyOf(serverPids)));
        }
        killPid.ifPresent(pid -> json.put("kill_pid", pid).put("kill_after_s", killAfter.toMillis() / 1000.0));
        return json;
    }
}
