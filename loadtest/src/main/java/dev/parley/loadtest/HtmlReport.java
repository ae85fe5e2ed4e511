package dev.parley.loadtest;

import dev.parley.loadtest.SvgChart.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/** The {@code --html} report: one file, no scripts, no links; charts are inline SVG. */
final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;max-width:820px;color:#222}
            table{border-collapse:collapse;margin:12px 0}td{padding:3px 10px;border-bottom:1px solid #eee;
            vertical-align:top}td:first-child{font-weight:600;white-space:nowrap}
            .bad{color:#b00020;font-weight:600}.ok{color:#1b5e20;font-weight:600}
            """;

    private HtmlReport() {
    }

    static String render(RunResult result, Verdict verdict) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Parley load test: " + SvgChart.escape(result.scenario()) + "</title><style>" + STYLE
                + "</style></head><body>\n");
        html.append("<h1>Parley load test: ").append(SvgChart.escape(result.scenario())).append("</h1>\n");
        html.append("<p>Written ").append(Instant.now()).append(" by chat-loadtest. Targets: ")
                .append(SvgChart.escape(result.options().getValue("urls").toString())).append(".</p>\n");
        html.append(verdict.problems().isEmpty() ? "<p class=\"ok\">Result: OK</p>\n"
                : "<p class=\"bad\">Result: " + SvgChart.escape(String.join("; ", verdict.problems())) + "</p>\n");
        if (result.generatorSaturated()) {
            html.append("<p class=\"bad\">The generator itself was a bottleneck: ")
                    .append(SvgChart.escape(String.join("; ", result.saturationReasons())))
                    .append(". Distrust the latencies.</p>\n");
        }
        html.append("<h2>Summary</h2>\n<table>\n");
        for (SummaryTable.Row row : SummaryTable.rows(result)) {
            html.append("<tr><td>").append(SvgChart.escape(row.name())).append("</td><td>")
                    .append(SvgChart.escape(row.value())).append("</td></tr>\n");
        }
        html.append("</table>\n<h2>Over time</h2>\n");
        html.append("<p>Time 0 is the start of measuring; before it, users connect and settle; after the measured "
                + "time, the drain.</p>\n");
        html.append(latencyOverTime(result.timeline()));
        html.append(throughputOverTime(result.timeline()));
        html.append("<h2>Latency distribution</h2>\n");
        html.append(percentilePlot(result));
        html.append("<h2>Options</h2>\n<pre>").append(SvgChart.escape(result.options().encodePrettily()))
                .append("</pre>\n</body></html>\n");
        return html.toString();
    }

    private static String latencyOverTime(List<IntervalSample> timeline) {
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        List<double[]> max = new ArrayList<>();
        for (IntervalSample s : timeline) {
            if (s.latency().getTotalCount() > 0) {
                p50.add(new double[] {s.t(), s.percentileMillis(50)});
                p99.add(new double[] {s.t(), s.percentileMillis(99)});
                max.add(new double[] {s.t(), s.maxMillis()});
            }
        }
        return SvgChart.draw("Fan-out latency per interval", "seconds from the start of measuring", "ms",
                List.of(new Series("p50", "#1f77b4", p50), new Series("p99", "#d62728", p99),
                        new Series("max", "#bbbbbb", max)),
                timeTicks(timeline), t -> String.format(Locale.ROOT, "%.0f", t));
    }

    private static String throughputOverTime(List<IntervalSample> timeline) {
        List<double[]> delivered = new ArrayList<>();
        List<double[]> sent = new ArrayList<>();
        List<double[]> held = new ArrayList<>();
        for (IntervalSample s : timeline) {
            delivered.add(new double[] {s.t(), s.deliveredPerSecond()});
            sent.add(new double[] {s.t(), s.sentPerSecond()});
            held.add(new double[] {s.t(), s.held()});
        }
        double[] ticks = timeTicks(timeline);
        return SvgChart.draw("Deliveries and sends per second", "seconds from the start of measuring", "per second",
                List.of(new Series("delivered/s", "#2ca02c", delivered), new Series("sent/s", "#ff7f0e", sent)),
                ticks, t -> String.format(Locale.ROOT, "%.0f", t))
                + SvgChart.draw("Connections held", "seconds from the start of measuring", "connections",
                List.of(new Series("held", "#9467bd", held)), ticks, t -> String.format(Locale.ROOT, "%.0f", t));
    }

    private static double[] timeTicks(List<IntervalSample> timeline) {
        if (timeline.isEmpty()) {
            return new double[] {0};
        }
        double first = timeline.get(0).t();
        double last = timeline.get(timeline.size() - 1).t();
        double step = SvgChart.niceCeiling(Math.max(1, (last - first) / 8));
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.ceil(first / step) * step; t <= last; t += step) {
            ticks.add(t == 0 ? 0.0 : t); // -0.0 would be labelled "-0"
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Latency against percentile, x as log10(1 / (1 - p)) so the tail gets room, as HdrHistogram plots do. */
    private static String percentilePlot(RunResult result) {
        List<Series> series = new ArrayList<>();
        series.add(new Series("fan-out", "#d62728", percentilePoints(result.latency())));
        if (result.ackLatency().getTotalCount() > 0) {
            series.add(new Series("ack", "#1f77b4", percentilePoints(result.ackLatency())));
        }
        return percentileChart("Latency by percentile (whole measurement)", series)
                + percentileChart("Connect latency by percentile (every attempt that joined)",
                List.of(new Series("connect", "#7f7f7f", percentilePoints(result.connectLatency()))));
    }

    private static String percentileChart(String title, List<Series> series) {
        return SvgChart.draw(title, "percentile", "ms", series,
                new double[] {0, 1, 2, 3, 4}, x -> switch ((int) x) {
                    case 0 -> "0%";
                    case 1 -> "90%";
                    case 2 -> "99%";
                    case 3 -> "99.9%";
                    default -> "99.99%";
                });
    }

    private static List<double[]> percentilePoints(Histogram histogram) {
        List<double[]> points = new ArrayList<>();
        if (histogram.getTotalCount() == 0) {
            return points;
        }
        for (HistogramIterationValue value : histogram.percentiles(5)) {
            double percentile = value.getPercentileLevelIteratedTo();
            if (percentile >= 100) {
                break;
            }
            points.add(new double[] {Math.min(4, Math.log10(100 / (100 - percentile))),
                    value.getValueIteratedTo() / 1000.0});
        }
        points.add(new double[] {4, histogram.getMaxValue() / 1000.0});
        return points;
    }
}
