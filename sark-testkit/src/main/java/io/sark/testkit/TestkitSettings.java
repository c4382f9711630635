package io.sark.testkit;

/**
 * Where the testkit reads its settings: a system property wins over the environment variable.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>system property</th><th>environment</th><th>meaning</th></tr>
 *   <tr><td>{@code sark.testkit.server}</td><td>{@code SARK_TESTKIT_SERVER}</td>
 *       <td>{@code embedded} (default) or a {@code jdbc:postgresql://} URL of an existing server</td></tr>
 *   <tr><td>{@code sark.testkit.user}</td><td>{@code SARK_TESTKIT_USER}</td><td>user for an external server</td></tr>
 *   <tr><td>{@code sark.testkit.password}</td><td>{@code SARK_TESTKIT_PASSWORD}</td><td>its password</td></tr>
 * </table>
 */
public final class TestkitSettings {

    /** Value of {@code sark.testkit.server} that selects the embedded server. */
    public static final String EMBEDDED = "embedded";

    private TestkitSettings() {
    }

    /** The setting {@code property} (or its environment variable), or {@code defaultValue}. */
    public static String get(String property, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** The server the testkit uses by default in this JVM, from the settings above. */
    public static PostgresServer startConfiguredServer() {
        String server = get("sark.testkit.server", EMBEDDED);
        if (EMBEDDED.equalsIgnoreCase(server)) {
            return EmbeddedPostgresServer.start();
        }
        if (server.startsWith("jdbc:postgresql://")) {
            return ExternalPostgresServer.fromUrl(server, get("sark.testkit.user", null),
                    get("sark.testkit.password", ""));
        }
        throw new IllegalArgumentException("sark.testkit.server must be 'embedded' or a jdbc:postgresql:// URL, got: "
                + server);
    }
}
