package dev.parley.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --processes N}: runs N child JVMs of this jar, each with its slice of the users, starts their measuring
 * together once all have connected, watches the server and kills the node itself, and merges the children's results.
 */
final class ProcessFanOut {

    /** Options the parent keeps to itself, or sets per child. */
    private static final Set<String> PARENT_ONLY = Set.of("json", "html", "server-pid", "kill-pid", "kill-after",
            "processes", "run-id", "slice", "child");

    private final Options options;
    private final List<String> args;
    private final PrintStream out;

    ProcessFanOut(Options options, List<String> args, PrintStream out) {
        this.options = options;
        this.args = args;
        this.out = out;
    }

    RunResult run() throws InterruptedException {
        Optional<ServerProcesses> server = options.serverPids().isEmpty() ? Optional.empty()
                : Optional.of(new ServerProcesses(options.serverPids()));
        boolean idle = options.scenario() == Scenario.IDLE;
        OptionalLong heapBefore = idle ? server.map(ServerProcesses::heapAfterFullGc).orElse(OptionalLong.empty())
                : OptionalLong.empty();
        OptionalLong rssBefore = !idle ? OptionalLong.empty()
                : server.map(ServerProcesses::rssBytes).orElse(OptionalLong.empty());
        Path dir = tempDir();
        int count = options.processes();
        CountDownLatch connected = new CountDownLatch(count);
        List<Process> children = new ArrayList<>();
        List<Path> results = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Path result = dir.resolve("child-" + i + ".json");
                results.add(result);
                Process child = new ProcessBuilder(childCommand(i, result)).redirectErrorStream(true).start();
                children.add(child);
                relay(child, "[p" + i + "] ", connected);
            }
            long limit = options.ramp().toMillis() + options.connectTimeout().toMillis() * 2 + 30_000;
            if (!connected.await(limit, TimeUnit.MILLISECONDS)) {
                throw new RunFailed("not every child process connected its users within " + limit + " ms");
            }
            for (Process child : children) {
                OutputStream stdin = child.getOutputStream();
                stdin.write((LoadRun.START_LINE + "\n").getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
            ServerWatch watch = server.map(probe -> new ServerWatch(probe, options)).orElse(null);
            Optional<NodeKiller> killer = options.killPid().stream().boxed().findFirst().map(pid ->
                    NodeKiller.schedule(pid, options.settle().plus(options.killAfter()), out));
            OptionalLong heapAfter = OptionalLong.empty();
            OptionalLong rssAfter = OptionalLong.empty();
            if (watch != null) {
                watch.untilMeasureEnd();
                heapAfter = idle ? watch.processes().heapAfterFullGc() : OptionalLong.empty();
                rssAfter = idle ? watch.processes().rssBytes() : OptionalLong.empty();
            }
            long waitMillis = options.settle().plus(options.duration()).plus(options.drain()).toMillis() + 60_000;
            for (int i = 0; i < count; i++) {
                if (!children.get(i).waitFor(waitMillis, TimeUnit.MILLISECONDS) || children.get(i).exitValue() != 0) {
                    throw new RunFailed("child process " + i + " failed or did not finish (its lines start [p" + i + "])");
                }
            }
            killer.ifPresent(NodeKiller::cancel);
            RunResult merged = Main.merged(results);
            if (watch == null) {
                return merged;
            }
            ServerFigures figures = new ServerFigures(watch.shares(), watch.cpuAverage(), watch.cpuMax(),
                    watch.rssMax(), rssBefore, rssAfter, heapBefore, heapAfter, merged.counts().held());
            return merged.withServer(options.toJson(), Optional.of(figures));
        } catch (IOException e) {
            throw new RunFailed("cannot start child processes: " + e.getMessage());
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    private List<String> childCommand(int index, Path result) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(childJvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        command.addAll(List.of("-jar", ownJar().toString()));
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            String name = word.startsWith("--") ? word.substring(2).split("=", 2)[0] : "";
            boolean takesNext = !word.contains("=") && !word.equals("--child");
            if (PARENT_ONLY.contains(name)) {
                i += takesNext ? 1 : 0;
                continue;
            }
            kept.add(word);
            if (takesNext && i + 1 < args.size()) {
                kept.add(args.get(++i));
            }
        }
        command.addAll(kept);
        int sliceCount = options.slice().count() * options.processes();
        int sliceIndex = options.slice().index() * options.processes() + index;
        command.addAll(List.of("--processes", "1", "--child", "--run-id", options.runId(),
                "--slice", sliceIndex + "/" + sliceCount, "--json", result.toString()));
        return command;
    }

    /**
     * The parent's JVM options for its children, but those that name a file or a port (a recording, a debugger,
     * an agent), which the children would fight over; the parallel collector unless the parent chose one, as the
     * cheapest for the generator (no concurrent refinement: about 1 us less per frame here).
     */
    static List<String> childJvmOptions(List<String> parent) {
        List<String> options = new ArrayList<>();
        boolean collectorChosen = false;
        for (String option : parent) {
            if (option.startsWith("-XX:StartFlightRecording") || option.startsWith("-agentlib")
                    || option.startsWith("-agentpath") || option.startsWith("-javaagent")
                    || option.startsWith("-Xrunjdwp") || option.startsWith("-XX:FlightRecorderOptions")) {
                continue;
            }
            collectorChosen |= option.matches("-XX:\\+Use\\w+GC");
            options.add(option);
        }
        if (!collectorChosen) {
            options.add(0, "-XX:+UseParallelGC");
        }
        return options;
    }

    /** Prints a child's lines with its prefix; counts down when it says its users have connected. */
    private void relay(Process child, String prefix, CountDownLatch connected) {
        Thread thread = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals(LoadRun.CONNECTED_LINE)) {
                        connected.countDown();
                    } else {
                        synchronized (out) {
                            out.println(prefix + line);
                        }
                    }
                }
            } catch (IOException e) {
                // The child is gone; its exit code tells.
            }
        }, "relay-" + prefix.trim());
        thread.setDaemon(true);
        thread.start();
    }

    private static Path ownJar() {
        try {
            return Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new RunFailed("cannot find the jar to start children from: " + e.getMessage());
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("chat-loadtest");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new RunFailed("cannot make a temporary directory: " + e.getMessage());
        }
    }
}
