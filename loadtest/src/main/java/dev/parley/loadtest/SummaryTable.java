package dev.parley.loadtest;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** The table printed at the end of a run (and put in the HTML report): one figure per row. */
final class SummaryTable {

    record Row(String name, String value) {
    }

    private SummaryTable() {
    }

    static List<Row> rows(RunResult r) {
        Counts c = r.counts();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("scenario", r.scenario() + " (" + r.options().getString("protocol") + " protocol, "
                + r.options().getInteger("users") + " users, rooms of " + r.options().getInteger("room_size")
                + ", " + r.processes() + " process" + (r.processes() == 1 ? "" : "es") + ")"));
        rows.add(new Row("measured", String.format("%.1f s", r.measuredSeconds())));
        rows.add(new Row("connections", String.format("%d held, %d peak, %d attempted, %d failed, %d dropped, "
                + "%d reconnects", c.held(), c.peakHeld(), c.attempted(), c.failed(), c.dropped(), c.reconnects())));
        rows.add(new Row("connect latency", percentiles(r.connectLatency())));
        rows.add(new Row("sent", String.format("%d measured (%.0f/s), %d in all, %d skipped (not connected)",
                c.sent(), r.sentPerSecond(), c.sentAll(), c.skippedSends())));
        rows.add(new Row("deliveries", String.format(
                "%d of %d expected (%.0f/s), %d lost (not there by the end of the drain), %d duplicates",
                c.delivered(), c.expected(), r.deliveriesPerSecond(), c.lost(), c.duplicates())));
        rows.add(new Row("fan-out latency", percentiles(r.latency())));
        if (r.ackLatency().getTotalCount() > 0) {
            rows.add(new Row("ack latency", percentiles(r.ackLatency()) + ", " + c.acked() + " acks"));
        }
        if (r.scenario().equals("reconnect")) {
            rows.add(new Row("resume", c.seqMissing() + " seqs missing, " + c.resets() + " resets (over 500 missed), "
                    + c.gapFills() + " gap fills (history.after while connected) bringing " + c.onlyGapFilled()
                    + " seqs that never came live"));
        }
        rows.add(new Row("errors", c.errors() + " error frames"
                + (r.errorCodes().isEmpty() ? "" : " " + r.errorCodes())));
        if (c.refused() > 0 || c.retried() > 0 || c.givenUp() > 0) {
            rows.add(new Row("refused", String.format("%d refusals of measured sends %s (not posted: their "
                    + "deliveries are not expected), %d sent again with the same client_id, %d given up",
                    c.refused(), r.refusedCodes(), c.retried(), c.givenUp())));
        }
        rows.add(new Row("generator", String.format("cpu %.0f%% of %d%%, %.1f us per frame sent or received, "
                        + "loop lag %s, %d late sends%s",
                r.generatorCpu(), r.cores() * 100, r.generatorCost().cpuMicrosPerFrame(), percentiles(r.loopLag()),
                c.lateSends(),
                r.generatorSaturated() ? " — SATURATED: " + String.join("; ", r.saturationReasons()) : "")));
        r.server().ifPresent(s -> {
            rows.add(new Row("server", String.format("cpu %.0f%% avg %.0f%% max, rss max %.0f MB; "
                            + "%.1f us of CPU per message sent, %.1f us per delivery",
                    s.cpuAveragePercent(), s.cpuMaxPercent(), s.rssMaxBytes() / 1048576.0, s.cpuMicrosPer(c.sent()),
                    s.cpuMicrosPer(c.delivered()))));
            double total = s.cpuSeconds();
            for (ServerFigures.Share share : s.processes()) {
                rows.add(new Row("  pid " + share.pid(), String.format("%s: %.2f s of CPU while measuring (%.0f%%)",
                        share.name(), share.cpuSeconds(), total > 0 ? 100 * share.cpuSeconds() / total : 0)));
            }
            s.heapPerConnection().ifPresent(bytes -> rows.add(new Row("server heap per connection",
                    String.format("%d bytes (%.1f KiB; heap %.1f MB -> %.1f MB after full GC, %d connections)",
                            bytes, bytes / 1024.0, s.heapBefore().getAsLong() / 1048576.0,
                            s.heapAfter().getAsLong() / 1048576.0, s.connections()))));
            s.rssPerConnection().ifPresent(bytes -> rows.add(new Row("server RSS per connection",
                    String.format("%d bytes (%.1f KiB)", bytes, bytes / 1024.0))));
        });
        return rows;
    }

    static String percentiles(Histogram h) {
        if (h.getTotalCount() == 0) {
            return "none";
        }
        return String.format("p50 %.2f p90 %.2f p99 %.2f p99.9 %.2f max %.2f ms (%d)",
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0, h.getTotalCount());
    }

    static String text(RunResult result, Verdict verdict) {
        List<Row> rows = rows(result);
        int width = rows.stream().mapToInt(row -> row.name().length()).max().orElse(10);
        StringBuilder text = new StringBuilder("\n== summary\n");
        for (Row row : rows) {
            text.append(String.format("  %-" + width + "s  %s%n", row.name(), row.value()));
        }
        text.append(verdict.problems().isEmpty() ? "  result: OK\n"
                : "  result: " + String.join("; ", verdict.problems()) + "\n");
        return text.toString();
    }
}
