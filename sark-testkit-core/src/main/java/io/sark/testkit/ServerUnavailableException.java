package io.sark.testkit;

import org.opentest4j.TestAbortedException;

/**
 * The configured server cannot exist on this machine and the settings ask to skip rather than fail (e.g.
 * {@code sark.testkit.server=testcontainers}, no usable Docker engine and
 * {@code sark.testkit.skip-without-docker=true}). It is a {@link TestAbortedException}, so a test that hits it is reported as skipped with
 * this message, not failed.
 */
public final class ServerUnavailableException extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    /** With the reason shown in the test report. */
    public ServerUnavailableException(String message) {
        super(message);
    }
}
