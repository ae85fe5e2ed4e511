package dev.parley.loadtest;

import dev.parley.loadtest.Options.Schedule;
import dev.parley.loadtest.Options.Slice;
import dev.parley.loadtest.Scenario.NameMode;
import dev.parley.loadtest.Scenario.Protocol;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the command line into a {@link Command}; every mistake is a {@link BadOption} naming the option. */
final class OptionParser {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9]{1,16}");

    private OptionParser() {
    }

    static Command parse(List<String> args) {
        if (args.contains("--help") || args.contains("-h")) {
            return new Command.Help();
        }
        if (!args.isEmpty() && args.get(0).equals("merge")) {
            return MergeArguments.parse(args.subList(1, args.size()));
        }
        if (!args.isEmpty() && args.get(0).equals("baseline-server")) {
            return BaselineArguments.parse(args.subList(1, args.size()));
        }
        if (!args.isEmpty() && args.get(0).equals("run")) {
            args = args.subList(1, args.size());
        }
        Map<String, List<String>> values = pairs(args);
        return new Command.Run(options(values), List.copyOf(args));
    }

    /** The option names with their values, in order; {@code --name=value} and {@code --name value} both work. */
    static Map<String, List<String>> pairs(List<String> args) {
        return pairs(args, HelpText.OPTIONS);
    }

    /** As {@link #pairs(List)}, accepting only the option names {@code known}. */
    static Map<String, List<String>> pairs(List<String> args, Collection<String> known) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String word = args.get(i);
            if (!word.startsWith("--")) {
                throw new BadOption("unexpected argument '" + word + "'");
            }
            String name;
            String value;
            int equals = word.indexOf('=');
            if (equals > 0) {
                name = word.substring(2, equals);
                value = word.substring(equals + 1);
            } else if (word.equals("--child")) {
                name = "child";
                value = "true";
            } else {
                name = word.substring(2);
                if (!known.contains(name)) {
                    throw new BadOption("unknown option --" + name);
                }
                if (i + 1 >= args.size()) {
                    throw new BadOption("--" + name + " needs a value");
                }
                value = args.get(++i);
            }
            if (!known.contains(name)) {
                throw new BadOption("unknown option --" + name);
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static Options options(Map<String, List<String>> values) {
        Scenario scenario = Optional.ofNullable(last(values, "scenario"))
                .map(name -> Scenario.named(name).orElseThrow(() -> new BadOption(
                        "unknown scenario '" + name + "': idle, chat, broadcast, churn or reconnect")))
                .orElse(Scenario.CHAT);
        List<URI> urls = urls(values.getOrDefault("url", List.of("ws://127.0.0.1:8080")));
        int users = intValue(values, "users", scenario.users, 0, 10_000_000);
        int roomSize = intValue(values, "room-size", scenario.roomSize, 0, 1_000_000);
        int senders = intValue(values, "senders", scenario.senders, 0, 1_000_000);
        double rate = scenario == Scenario.IDLE ? 0 : doubleValue(values, "rate", scenario.rate, 0, 100_000);
        Schedule schedule = enumValue(values, "schedule", Schedule.class, Schedule.FIXED);
        Protocol protocol = enumValue(values, "protocol", Protocol.class, scenario.protocol);
        NameMode names = enumValue(values, "names", NameMode.class, scenario.names);
        if (scenario == Scenario.RECONNECT && protocol != Protocol.RICH) {
            throw new BadOption("--scenario reconnect needs --protocol rich: resuming is by seq, after=SEQ");
        }
        if (users == 0 && scenario != Scenario.CHURN) {
            throw new BadOption("--users must be at least 1 for --scenario " + scenario.optionName());
        }
        SourceAddresses sources = Optional.ofNullable(last(values, "source-addresses")).map(text -> {
            try {
                return SourceAddresses.parse(text);
            } catch (IllegalArgumentException e) {
                throw new BadOption("--source-addresses: " + e.getMessage());
            }
        }).orElse(SourceAddresses.ANY);
        int processes = intValue(values, "processes", 1, 1, 64);
        Slice slice = slice(last(values, "slice"));
        Duration hold = duration(values, "hold", Duration.ofSeconds(1));
        Options options = new Options(scenario, urls, users, roomSize, senders, rate, schedule,
                duration(values, "duration", scenario.duration),
                duration(values, "ramp", Duration.ofMillis(Math.max(1000, Math.min(30_000, 2L * users)))),
                duration(values, "settle", Duration.ofSeconds(2)),
                duration(values, "drain", Duration.ofSeconds(5)),
                hold, protocol, names,
                intValue(values, "message-size", 0, 0, 3900),
                sources, processes,
                intValue(values, "threads", Runtime.getRuntime().availableProcessors(), 1, 64),
                duration(values, "connect-timeout", Duration.ofSeconds(10)),
                intValue(values, "warm-up-connections", 0, 0, 100_000),
                pids(values.getOrDefault("server-pid", List.of())),
                pid(last(values, "kill-pid"), "kill-pid"),
                duration(values, "kill-after", Duration.ofSeconds(10)),
                Optional.ofNullable(last(values, "json")).map(Path::of),
                Optional.ofNullable(last(values, "html")).map(Path::of),
                duration(values, "progress-interval", Duration.ofSeconds(1)),
                runId(last(values, "run-id")),
                doubleValue(values, "max-failures", 0, 0, 100),
                slice, values.containsKey("child"));
        checkSocketsPerProcess(options);
        if (options.progressInterval().toMillis() < 100) {
            throw new BadOption("--progress-interval must be at least 100ms");
        }
        return options;
    }

    private static void checkSocketsPerProcess(Options options) {
        long concurrentChurn = options.scenario() == Scenario.CHURN
                ? (long) Math.ceil(options.rate() * (options.hold().toMillis() + 1000) / 1000.0) : 0;
        long perProcess = (options.users() + options.processes() * options.slice().count() - 1)
                / ((long) options.processes() * options.slice().count()) + concurrentChurn;
        if (perProcess > Options.MAX_SOCKETS_PER_PROCESS) {
            throw new BadOption(perProcess + " sockets in one process is over the " + Options.MAX_SOCKETS_PER_PROCESS
                    + " this machine allows (about 20 000 open files per process): use --processes "
                    + (perProcess * options.processes() / Options.MAX_SOCKETS_PER_PROCESS + 1) + " or more");
        }
    }

    static String last(Map<String, List<String>> values, String name) {
        List<String> given = values.get(name);
        return given == null ? null : given.get(given.size() - 1);
    }

    private static List<URI> urls(List<String> given) {
        List<URI> urls = new ArrayList<>();
        for (String item : given) {
            for (String text : item.split(",")) {
                URI uri;
                try {
                    uri = URI.create(text.trim());
                } catch (IllegalArgumentException e) {
                    throw new BadOption("--url: not a URL: " + text);
                }
                if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new BadOption("--url must look like ws://127.0.0.1:8080, not " + text);
                }
                urls.add(uri);
            }
        }
        return List.copyOf(urls);
    }

    private static int intValue(Map<String, List<String>> values, String name, int fallback, int min, int max) {
        String text = last(values, name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim().replace("_", ""));
            if (value < min || value > max) {
                throw new BadOption("--" + name + " must be from " + min + " to " + max + ", not " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadOption("--" + name + " must be a whole number, not '" + text + "'");
        }
    }

    private static double doubleValue(Map<String, List<String>> values, String name, double fallback,
                                      double min, double max) {
        String text = last(values, name);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (!(value >= min && value <= max)) {
                throw new BadOption("--" + name + " must be from " + min + " to " + max + ", not " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadOption("--" + name + " must be a number, not '" + text + "'");
        }
    }

    private static <E extends Enum<E>> E enumValue(Map<String, List<String>> values, String name, Class<E> type,
                                                   E fallback) {
        String text = last(values, name);
        if (text == null) {
            return fallback;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(text.trim())) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        throw new BadOption("--" + name + " must be one of " + String.join(", ", names) + ", not '" + text + "'");
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    static Duration parseDuration(String name, String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new BadOption("--" + name + " must be a duration like 30s, 500ms or 2m, not '" + text + "'");
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static Duration duration(Map<String, List<String>> values, String name, Duration fallback) {
        String text = last(values, name);
        return text == null ? fallback : parseDuration(name, text);
    }

    private static OptionalLong pid(String text, String name) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(text.trim());
            if (pid < 1) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(pid);
        } catch (NumberFormatException e) {
            throw new BadOption("--" + name + " must be a process id, not '" + text + "'");
        }
    }

    /** {@code --server-pid}: repeatable, each a pid or a comma-separated list of pids. */
    private static List<Long> pids(List<String> given) {
        List<Long> pids = new ArrayList<>();
        for (String item : given) {
            for (String text : item.split(",")) {
                if (!text.isBlank()) {
                    pids.add(pid(text, "server-pid").getAsLong());
                }
            }
        }
        return List.copyOf(pids);
    }

    private static Slice slice(String text) {
        if (text == null) {
            return Slice.WHOLE;
        }
        String[] parts = text.split("/");
        try {
            Slice slice = new Slice(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            if (parts.length != 2 || slice.count() < 1 || slice.index() < 0 || slice.index() >= slice.count()) {
                throw new NumberFormatException();
            }
            return slice;
        } catch (RuntimeException e) {
            throw new BadOption("--slice must be INDEX/COUNT with 0 <= INDEX < COUNT, like 0/2, not '" + text + "'");
        }
    }

    private static String runId(String text) {
        if (text == null) {
            SecureRandom random = new SecureRandom();
            return Long.toString(Math.abs(random.nextLong() % 2_000_000_000L), 36);
        }
        if (!RUN_ID.matcher(text).matches()) {
            throw new BadOption("--run-id must be 1 to 16 letters and digits, not '" + text + "'");
        }
        return text;
    }
}
