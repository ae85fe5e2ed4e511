package dev.parley.loadtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code merge FILE... [--json FILE] [--html FILE]}: result files of separate runs, read as one. */
final class MergeArguments {

    private MergeArguments() {
    }

    static Command parse(List<String> args) {
        List<Path> files = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                files.add(Path.of(arg));
                continue;
            }
            rest.add(arg);
            if (!arg.contains("=") && i + 1 < args.size()) {
                rest.add(args.get(++i));
            }
        }
        Map<String, List<String>> values = OptionParser.pairs(rest);
        values.keySet().stream().filter(name -> !name.equals("json") && !name.equals("html")).findFirst()
                .ifPresent(name -> {
                    throw new BadOption("merge takes only --json and --html, not --" + name);
                });
        if (files.isEmpty()) {
            throw new BadOption("merge needs one or more result files written with --json");
        }
        return new Command.Merge(List.copyOf(files), Optional.ofNullable(OptionParser.last(values, "json")).map(Path::of),
                Optional.ofNullable(OptionParser.last(values, "html")).map(Path::of));
    }
}
