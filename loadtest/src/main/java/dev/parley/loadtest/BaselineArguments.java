package dev.parley.loadtest;

import java.util.List;
import java.util.Map;

/** {@code baseline-server --port N [--host H] [--event-loops N]}: where the bare broadcaster listens. */
final class BaselineArguments {

    private static final List<String> NAMES = List.of("port", "host", "event-loops");

    private BaselineArguments() {
    }

    static Command parse(List<String> args) {
        Map<String, List<String>> values = OptionParser.pairs(args, NAMES);
        String port = OptionParser.last(values, "port");
        if (port == null) {
            throw new BadOption("baseline-server needs --port N");
        }
        String host = OptionParser.last(values, "host");
        return new Command.Baseline(host == null ? "127.0.0.1" : host.trim(), number("port", port, 1, 65_535),
                number("event-loops", values.containsKey("event-loops")
                        ? OptionParser.last(values, "event-loops") : "1", 1, 64));
    }

    private static int number(String name, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadOption("--" + name + " must be a whole number from " + min + " to " + max + ", not '"
                    + text + "'");
        }
    }
}
