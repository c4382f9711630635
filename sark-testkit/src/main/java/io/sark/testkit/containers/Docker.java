package io.sark.testkit.containers;

import org.testcontainers.DockerClientFactory;

/** Docker availability as Testcontainers sees it. Loaded only on the Testcontainers path. */
public final class Docker {

    private Docker() {
    }

    /** Whether a Docker engine answers (~0.4 s the first time in a JVM, then cached by Testcontainers). */
    public static boolean isAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }
}
