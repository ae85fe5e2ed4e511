package dev.parley.layer.testing;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * An R2DBC PostgreSQL URL, {@code r2dbc:postgresql://user[:password]@host[:port]/database}, taken apart so the
 * same server can be reached over JDBC and other databases on it named. Query options are ignored and not
 * carried over. {@link #toString()} hides the password, so a URL can be put in any message.
 */
record PostgresUrl(String user, Optional<String> password, String host, int port, String database) {

    static final int DEFAULT_PORT = 5432;
    static final String FORM = "r2dbc:postgresql://user[:password]@host[:port]/database";
    private static final String PREFIX = "r2dbc:";

    PostgresUrl {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
    }

    /** The parts of an R2DBC URL, or {@link IllegalArgumentException} saying what is wrong, password hidden. */
    static PostgresUrl parse(String r2dbcUrl) {
        Objects.requireNonNull(r2dbcUrl, "r2dbcUrl");
        if (!r2dbcUrl.startsWith(PREFIX)) {
            throw invalid(r2dbcUrl, "it does not start with " + PREFIX);
        }
        URI uri;
        try {
            uri = new URI(r2dbcUrl.substring(PREFIX.length()));
        } catch (URISyntaxException e) {
            throw invalid(r2dbcUrl, "it is not a URI: " + e.getReason());
        }
        if (!"postgresql".equals(uri.getScheme())) {
            throw invalid(r2dbcUrl, "the driver is not postgresql");
        }
        if (uri.getHost() == null) {
            throw invalid(r2dbcUrl, "it names no host");
        }
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null || userInfo.isEmpty() || userInfo.startsWith(":")) {
            throw invalid(r2dbcUrl, "it names no user");
        }
        String path = Optional.ofNullable(uri.getPath()).orElse("");
        if (path.length() < 2 || path.indexOf('/', 1) != -1) {
            throw invalid(r2dbcUrl, "its path is not /database");
        }
        int colon = userInfo.indexOf(':');
        String user = decode(colon == -1 ? userInfo : userInfo.substring(0, colon));
        Optional<String> password = colon == -1 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        return new PostgresUrl(user, password, uri.getHost(), port, path.substring(1));
    }

    /** The same server, user and password, another database. */
    PostgresUrl withDatabase(String otherDatabase) {
        return new PostgresUrl(user, password, host, port, otherDatabase);
    }

    /** The R2DBC URL, with the password and with the port even if it is the default one. */
    String r2dbc() {
        return r2dbc(password.map(PostgresUrl::encode));
    }

    /** The JDBC URL, user and password as parameters, so that {@code DriverManager.getConnection(url)} is enough. */
    String jdbc() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database) + "?user=" + form(user)
                + password.map(secret -> "&password=" + form(secret)).orElse("");
    }

    /** The R2DBC URL with the password, if any, shown as {@code ***}. */
    @Override
    public String toString() {
        return r2dbc(password.map(secret -> "***"));
    }

    /**
     * Best effort for a value that may not parse: what stands between {@code ://} and the last {@code @} after
     * the first {@code :} is taken for a password and shown as {@code ***}.
     */
    static String hidePassword(String value) {
        int scheme = value.indexOf("://");
        int start = scheme == -1 ? 0 : scheme + 3;
        int at = value.lastIndexOf('@');
        int colon = value.indexOf(':', start);
        if (at < start || colon == -1 || colon > at) {
            return value;
        }
        return value.substring(0, colon + 1) + "***" + value.substring(at);
    }

    private String r2dbc(Optional<String> shownPassword) {
        return "r2dbc:postgresql://" + encode(user) + shownPassword.map(secret -> ":" + secret).orElse("") + "@"
                + host + ":" + port + "/" + encode(database);
    }

    private static IllegalArgumentException invalid(String value, String reason) {
        return new IllegalArgumentException(
                "not an R2DBC PostgreSQL URL (" + reason + "): " + hidePassword(value) + "; expected " + FORM);
    }

    /** Percent-decoding of a URI part: unlike form decoding, '+' stays '+'. */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Percent-encoding for user info and path: form encoding, but a space as %20 since '+' means '+' there. */
    private static String encode(String text) {
        return form(text).replace("+", "%20");
    }

    /** Form encoding, which pgjdbc undoes on the JDBC URL's parameters and database. */
    private static String form(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
