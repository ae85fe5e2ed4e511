package dev.parley.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A route path such as {@code /ws/chat/{room}/}: literal text and named parameters, each matching its own
 * pattern (one path segment by default).
 */
public final class PathTemplate {

    private static final Pattern PARAMETER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");
    private static final String ONE_SEGMENT = "[^/]+";

    private final String template;
    private final Pattern regex;
    private final List<String> names;

    private PathTemplate(String template, Pattern regex, List<String> names) {
        this.template = template;
        this.regex = regex;
        this.names = names;
    }

    /** Compiles a template; {@code paramPatterns} gives the pattern of each parameter that is not one plain segment. */
    public static PathTemplate compile(String template, Map<String, String> paramPatterns) {
        Matcher matcher = PARAMETER.matcher(template);
        StringBuilder regex = new StringBuilder("^");
        List<String> names = new ArrayList<>();
        int literalStart = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(template.substring(literalStart, matcher.start())));
            String name = matcher.group(1);
            names.add(name);
            regex.append("(?<").append(name).append('>').append(paramPatterns.getOrDefault(name, ONE_SEGMENT)).append(')');
            literalStart = matcher.end();
        }
        regex.append(Pattern.quote(template.substring(literalStart))).append('$');
        return new PathTemplate(template, Pattern.compile(regex.toString()), List.copyOf(names));
    }

    /** The parameters, by name, if the path matches. */
    public Optional<Map<String, String>> match(String path) {
        Matcher matcher = regex.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : names) {
            params.put(name, matcher.group(name));
        }
        return Optional.of(params);
    }

    /** The whole-path regular expression, with a named group per parameter. */
    public String regex() {
        return regex.pattern();
    }

    @Override
    public String toString() {
        return template;
    }
}
