package dev.parley.loadtest;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code java -jar chat-loadtest.jar}: parses the command line, runs, merges or serves as the bare broadcaster,
 * writes the reports, exits.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        Command command;
        try {
            command = OptionParser.parse(args);
        } catch (BadOption e) {
            err.println("chat-loadtest: " + e.getMessage() + " (see --help)");
            return Verdict.BAD_OPTIONS;
        }
        try {
            if (command instanceof Command.Help) {
                out.print(HelpText.text());
                return Verdict.OK;
            }
            if (command instanceof Command.Baseline baseline) {
                new BaselineServer(baseline, out).runUntilStopped();
                return Verdict.OK;
            }
            if (command instanceof Command.Merge merge) {
                return report(merged(merge.files()), merge.json(), merge.html(), 0, out);
            }
            Command.Run run = (Command.Run) command;
            Options options = run.options();
            RunResult result = options.processes() > 1
                    ? new ProcessFanOut(options, run.args(), out).run()
                    : new LoadRun(options, out).run();
            if (options.child()) {
                writeJson(result, options.json());
                return Verdict.OK;
            }
            return report(result, options.json(), options.html(), options.maxFailuresPercent(), out);
        } catch (RunFailed e) {
            err.println("chat-loadtest: " + e.getMessage());
            return Verdict.RUN_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("chat-loadtest: interrupted");
            return Verdict.RUN_FAILED;
        }
    }

    private static int report(RunResult result, Optional<Path> json, Optional<Path> html, double maxFailures,
                              PrintStream out) {
        Verdict verdict = Verdict.of(result, maxFailures);
        out.print(SummaryTable.text(result, verdict));
        writeJson(result, json);
        html.ifPresent(path -> write(path, HtmlReport.render(result, verdict)));
        json.ifPresent(path -> out.println("  json: " + path));
        html.ifPresent(path -> out.println("  html: " + path));
        out.flush();
        return verdict.exitCode();
    }

    private static void writeJson(RunResult result, Optional<Path> json) {
        json.ifPresent(path -> write(path, ResultJson.write(result).encodePrettily()));
    }

    static RunResult merged(List<Path> files) {
        RunResult merged = null;
        for (Path file : files) {
            RunResult one;
            try {
                one = ResultJson.read(new JsonObject(Files.readString(file)));
            } catch (NoSuchFileException e) {
                throw new RunFailed("no such file: " + file);
            } catch (IOException | RuntimeException e) {
                throw new RunFailed("cannot read " + file + ": " + e.getMessage());
            }
            merged = merged == null ? one : merged.merge(one);
        }
        return merged;
    }

    private static void write(Path path, String text) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunFailed("cannot write " + path + ": " + e.getMessage());
        }
    }
}
