package io.sark.testkit;

/**
 * Asks Testcontainers whether a Docker engine answers, once per JVM. Reached only for
 * {@link Provider#TESTCONTAINERS} and {@link Provider#AUTO}; without Testcontainers on the classpath the answer is
 * "no".
 */
final class DockerProbe {

    private static final String DOCKER_CLASS = "io.sark.testkit.containers.Docker";
    private static volatile Boolean available;
    private static volatile String reason = "";

    private DockerProbe() {
    }

    static boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (DockerProbe.class) {
                a = available;
                if (a == null) {
                    a = probe();
                    available = a;
                }
            }
        }
        return a;
    }

    private static boolean probe() {
        try {
            Class<?> docker = Class.forName(DOCKER_CLASS);
            return (Boolean) docker.getMethod("isAvailable").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            reason = " (Testcontainers is not on the classpath: " + e + ")";
            return false;
        }
    }

    static String unavailableMessage(TestkitSettings settings) {
        return "sark.testkit.server=" + settings.server() + " but no Docker engine is available" + reason
                + "; skipping. Use sark.testkit.server=auto or embedded to run these tests without Docker.";
    }
}
