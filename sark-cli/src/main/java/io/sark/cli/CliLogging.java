package io.sark.cli;

/**
 * Logging of the executable jar (slf4j-simple): the CLI prints its own results, so library logs (Flyway, jOOQ,
 * the engine) show warnings only, unless {@code -v/--verbose} is given (info) or the user set a level.
 * Runs once, after picocli parsed the arguments and before the first SLF4J logger exists.
 */
final class CliLogging {

    static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private CliLogging() {
    }

    static void configure(boolean verbose) {
        if (System.getProperty(LEVEL) == null) {
            System.setProperty(LEVEL, verbose ? "info" : "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
    }
}
