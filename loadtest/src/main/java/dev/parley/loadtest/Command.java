package dev.parley.loadtest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the command line asks for. */
sealed interface Command {

    /** Print the help text. */
    record Help() implements Command {
    }

    /** Run a scenario; {@code args} are the words it was asked with, handed on to child processes. */
    record Run(Options options, List<String> args) implements Command {
    }

    /** Run the bare room broadcaster on {@code host:port} with {@code eventLoops} event loops, until killed. */
    record Baseline(String host, int port, int eventLoops) implements Command {
    }

    /** Merge result files of separate runs into one summary, and optionally one JSON and one HTML file. */
    record Merge(List<Path> files, Optional<Path> json, Optional<Path> html) implements Command {
    }
}
