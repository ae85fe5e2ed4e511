package dev.parley.loadtest;

import java.io.PrintStream;

/** The live progress line, one per interval: what a person watching a run needs to see at a glance. */
final class ProgressPrinter {

    private final PrintStream out;
    private final String prefix;

    ProgressPrinter(PrintStream out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    void print(double secondsFromStart, IntervalSample sample) {
        out.println(prefix + line(secondsFromStart, sample));
        out.flush();
    }

    static String line(double secondsFromStart, IntervalSample s) {
        StringBuilder line = new StringBuilder(String.format("%6.1fs %-7s held %6d failed %4d | sent %7.0f/s "
                        + "delivered %8.0f/s | p50 %6.1f p99 %6.1f max %7.1f ms | gen cpu %3.0f%% %4.1f us/frame "
                        + "lag %5.1f ms",
                secondsFromStart, s.phase().label(), s.held(), s.failed(), s.sentPerSecond(), s.deliveredPerSecond(),
                s.percentileMillis(50), s.percentileMillis(99), s.maxMillis(), s.generatorCpu(),
                s.generatorMicrosPerFrame(), s.loopLagMaxMillis()));
        if (s.serverCpu() >= 0) {
            line.append(String.format(" | server cpu %3.0f%% rss %5.0f MB", s.serverCpu(),
                    s.serverRssBytes() / 1048576.0));
        }
        return line.toString();
    }
}
