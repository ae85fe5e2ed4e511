package dev.parley.loadtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server process on this machine, watched from outside: CPU and RSS from {@code /proc/PID/stat} and
 * {@code /proc/PID/status}, and its Java heap after a full collection through {@code jcmd}.
 */
final class ServerProbe {

    /** Linux's USER_HZ: /proc times are in these ticks on every common kernel. */
    private static final long TICKS_PER_SECOND = 100;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    private final long pid;
    private long lastTicks;
    private long lastWallNanos;

    ServerProbe(long pid) {
        this.pid = pid;
        this.lastTicks = cpuTicks().orElse(0);
        this.lastWallNanos = System.nanoTime();
    }

    long pid() {
        return pid;
    }

    boolean alive() {
        return Files.exists(Path.of("/proc", String.valueOf(pid)));
    }

    /** CPU since the last call in percent of one core, or -1 once the process is gone. */
    double cpuPercentSinceLast() {
        OptionalLong ticks = cpuTicks();
        long wall = System.nanoTime();
        if (ticks.isEmpty() || wall <= lastWallNanos) {
            return -1;
        }
        double seconds = (wall - lastWallNanos) / 1e9;
        double percent = 100.0 * (ticks.getAsLong() - lastTicks) / TICKS_PER_SECOND / seconds;
        lastTicks = ticks.getAsLong();
        lastWallNanos = wall;
        return percent;
    }

    /** Resident memory in bytes, or empty once the process is gone. */
    OptionalLong rssBytes() {
        try {
            Matcher matcher = RSS.matcher(Files.readString(Path.of("/proc", String.valueOf(pid), "status")));
            return matcher.find() ? OptionalLong.of(Long.parseLong(matcher.group(1)) * 1024) : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** User plus system time so far in seconds, or empty once the process is gone. */
    OptionalDouble cpuSeconds() {
        OptionalLong ticks = cpuTicks();
        return ticks.isPresent() ? OptionalDouble.of((double) ticks.getAsLong() / TICKS_PER_SECOND)
                : OptionalDouble.empty();
    }

    /**
     * What the process is, for a report: its command ({@code /proc/PID/comm}), and for a Java process the jar or
     * main class it runs ({@code java chat-gateway.jar}).
     */
    String name() {
        String command;
        try {
            command = Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
        } catch (IOException e) {
            return "pid " + pid;
        }
        if (!command.equals("java")) {
            return command;
        }
        try {
            String[] words = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).split("\0");
            for (int i = 1; i < words.length; i++) {
                if (words[i].equals("-jar") && i + 1 < words.length) {
                    return "java " + Path.of(words[i + 1]).getFileName();
                }
                if (!words[i].startsWith("-") && !words[i - 1].equals("-cp") && !words[i - 1].equals("-classpath")) {
                    return "java " + words[i];
                }
            }
        } catch (IOException e) {
            // Gone meanwhile: the command will do.
        }
        return command;
    }

    /** User plus system time so far, in ticks: fields 14 and 15 of /proc/PID/stat (after the command's parentheses). */
    private OptionalLong cpuTicks() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalLong.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The heap in use right after a full collection ({@code jcmd PID GC.run}, then {@code GC.heap_info}), in bytes;
     * empty if jcmd cannot reach the process (another user, or not a JVM).
     */
    OptionalLong heapAfterFullGc() {
        if (run(List.of(jcmd(), String.valueOf(pid), "GC.run")).isEmpty()) {
            return OptionalLong.empty();
        }
        return run(List.of(jcmd(), String.valueOf(pid), "GC.heap_info")).flatMap(ServerProbe::usedHeap)
                .map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Sums the "used NK" of the heap's lines (G1's one line, or each generation's), stopping at Metaspace. */
    static Optional<Long> usedHeap(String heapInfo) {
        long used = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            if (line.contains("Metaspace") || line.contains("class space")) {
                break;
            }
            if (line.contains("region size")) {
                continue;
            }
            Matcher matcher = USED.matcher(line);
            if (matcher.find() && !line.contains("from space") && !line.contains("to   space")
                    && !line.contains("eden space") && !line.contains("object space")) {
                used += Long.parseLong(matcher.group(1)) * 1024;
                found = true;
            }
        }
        return found ? Optional.of(used) : Optional.empty();
    }

    private static String jcmd() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }

    private static Optional<String> run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
