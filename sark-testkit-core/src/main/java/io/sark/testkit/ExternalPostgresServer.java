package io.sark.testkit;

import io.sark.schema.InvalidInputException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An existing PostgreSQL server given by a {@code jdbc:postgresql://host[:port]/database[?user=..&password=..]}
 * URL. The database in the URL is used only to connect for CREATE/DROP DATABASE; the testkit never touches
 * databases other than its own.
 */
public final class ExternalPostgresServer implements PostgresServer {

    private final String host;
    private final int port;
    private final String maintenanceDatabase;
    private final String username;
    private final String password;
    private final String extraParameters;

    private ExternalPostgresServer(String host, int port, String maintenanceDatabase, String username,
                                   String password, String extraParameters) {
        this.host = host;
        this.port = port;
        this.maintenanceDatabase = maintenanceDatabase;
        this.username = username;
        this.password = password;
        this.extraParameters = extraParameters;
    }

    /**
     * Parses a PostgreSQL JDBC URL. {@code user}/{@code password} URL parameters win over the arguments.
     *
     * @throws InvalidInputException ({@code jdbcUrl}) if the URL is not a {@code jdbc:postgresql://} URL or names no user
     */
    public static ExternalPostgresServer fromUrl(String jdbcUrl, String defaultUser, String defaultPassword) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new InvalidInputException("jdbcUrl", "must start with jdbc:postgresql://, got: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null) {
            throw new InvalidInputException("jdbcUrl", "has no host: " + jdbcUrl);
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        String user = params.remove("user");
        String password = params.remove("password");
        user = user != null ? user : defaultUser;
        password = password != null ? password : defaultPassword;
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("jdbcUrl", "names no user (add ?user=... or set sark.testkit.user)");
        }
        String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        StringBuilder extra = new StringBuilder();
        params.forEach((k, v) -> extra.append(extra.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return new ExternalPostgresServer(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path, user,
                password == null ? "" : password, extra.toString());
    }

    /** {@code url} with the value of a {@code password=} parameter replaced by {@code ****}. */
    static String maskPassword(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1****");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database
                + (extraParameters.isEmpty() ? "" : "?" + extraParameters);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String maintenanceDatabase() {
        return maintenanceDatabase;
    }

    @Override
    public String description() {
        return "external PostgreSQL " + host + ":" + port + " as " + username;
    }
}
