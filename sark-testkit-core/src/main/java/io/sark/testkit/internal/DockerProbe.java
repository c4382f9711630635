package io.sark.testkit.internal;

import io.sark.testkit.TestkitSettings;
import java.lang.reflect.InvocationTargetException;

/**
 * Asks Testcontainers whether a Docker engine answers, once per JVM, and remembers why not. Reached only for
 * {@link io.sark.testkit.Provider#TESTCONTAINERS} and {@link io.sark.testkit.Provider#AUTO}.
 */
public final class DockerProbe {

    private static final String DOCKER_CLASS = "io.sark.testkit.containers.Docker";
    private static volatile String reason;

    private DockerProbe() {
    }

    public static boolean available() {
        return unavailableReason().isEmpty();
    }

    /** Empty when Docker is usable, otherwise the real cause (never just "not available"). */
    public static String unavailableReason() {
        String r = reason;
        if (r == null) {
            synchronized (DockerProbe.class) {
                r = reason;
                if (r == null) {
                    r = probe();
                    reason = r;
                }
            }
        }
        return r;
    }

    private static String probe() {
        Class<?> docker;
        try {
            docker = Class.forName(DOCKER_CLASS);
        } catch (ClassNotFoundException | LinkageError e) {
            return "Testcontainers is not on the test classpath (" + e + ")";
        }
        try {
            Object r = docker.getMethod("unavailableReason").invoke(null);
            return r == null ? "" : (String) r;
        } catch (InvocationTargetException e) {
            return "the Docker probe failed: " + e.getCause();
        } catch (ReflectiveOperationException | LinkageError e) {
            return "Testcontainers on the classpath is not usable (" + e + ")";
        }
    }

    public static String unavailableMessage(TestkitSettings settings) {
        return "sark.testkit.server=" + settings.server() + " but Testcontainers cannot use a Docker engine: "
                + unavailableReason();
    }
}
