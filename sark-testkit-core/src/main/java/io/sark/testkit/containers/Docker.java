package io.sark.testkit.containers;

import org.testcontainers.DockerClientFactory;

/** Docker availability as Testcontainers sees it. Loaded only on the Testcontainers path. */
public final class Docker {

    private Docker() {
    }

    /**
     * {@code null} when Testcontainers can use a Docker engine, otherwise why not: the message of what its
     * client start-up threw, with the messages of its causes (e.g. a helper image that cannot be pulled).
     */
    public static String unavailableReason() {
        try {
            DockerClientFactory.instance().client();
            return null;
        } catch (RuntimeException e) {
            StringBuilder reason = new StringBuilder();
            for (Throwable t = e; t != null && reason.length() < 2000; t = t.getCause()) {
                reason.append(reason.length() == 0 ? "" : "; caused by ").append(t.getClass().getSimpleName())
                        .append(": ").append(t.getMessage());
                if (t.getCause() == t) {
                    break;
                }
            }
            return reason.toString();
        }
    }
}
