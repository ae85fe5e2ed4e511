package dev.parley.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The server's processes on this machine ({@code --server-pid}, one or several: gateways, Redis, Postgres), watched
 * as one: CPU and RSS added up, and each process's CPU over the measured phase so a report can give its share.
 */
final class ServerProcesses {

    private final List<ServerProbe> probes;
    private final List<String> names = new ArrayList<>();
    private final double[] cpuAtMeasureStart;

    ServerProcesses(List<Long> pids) {
        this.probes = pids.stream().map(ServerProbe::new).toList();
        for (ServerProbe probe : probes) {
            names.add(probe.name());
        }
        this.cpuAtMeasureStart = new double[probes.size()];
    }

    /** CPU since the last call in percent of one core, all processes together; -1 once every one is gone. */
    double cpuPercentSinceLast() {
        double sum = 0;
        boolean any = false;
        for (ServerProbe probe : probes) {
            double percent = probe.cpuPercentSinceLast();
            if (percent >= 0) {
                sum += percent;
                any = true;
            }
        }
        return any ? sum : -1;
    }

    /** Resident memory of all processes together, or empty once every one is gone. */
    OptionalLong rssBytes() {
        return sum(ServerProbe::rssBytes);
    }

    /** The Java heap after a full collection of every process that is a JVM, together (the idle scenario). */
    OptionalLong heapAfterFullGc() {
        return sum(ServerProbe::heapAfterFullGc);
    }

    /** Marks the start of the measured phase. */
    void measureStarts() {
        for (int i = 0; i < probes.size(); i++) {
            cpuAtMeasureStart[i] = probes.get(i).cpuSeconds().orElse(0);
        }
    }

    /** Each process's CPU seconds since {@link #measureStarts} (what it used until it died, if it did). */
    List<ServerFigures.Share> measureEnds() {
        List<ServerFigures.Share> shares = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            OptionalDouble now = probes.get(i).cpuSeconds();
            double used = now.isPresent() ? Math.max(0, now.getAsDouble() - cpuAtMeasureStart[i]) : 0;
            shares.add(new ServerFigures.Share(probes.get(i).pid(), names.get(i), used));
        }
        return shares;
    }

    private OptionalLong sum(java.util.function.Function<ServerProbe, OptionalLong> figure) {
        long sum = 0;
        boolean any = false;
        for (ServerProbe probe : probes) {
            OptionalLong value = figure.apply(probe);
            if (value.isPresent()) {
                sum += value.getAsLong();
                any = true;
            }
        }
        return any ? OptionalLong.of(sum) : OptionalLong.empty();
    }
}
