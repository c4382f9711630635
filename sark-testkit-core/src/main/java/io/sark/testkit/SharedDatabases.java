package io.sark.testkit;

import io.sark.testkit.internal.ServerFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-JVM {@link SarkTestDatabases} of each distinct {@link TestkitSettings}: its server is started on first
 * use and stopped (or its databases dropped) at JVM exit; a failure to start is remembered and rethrown to every
 * later caller.
 */
final class SharedDatabases {

    private static final Map<TestkitSettings, Object> SHARED = new ConcurrentHashMap<>();

    private SharedDatabases() {
    }

    static SarkTestDatabases get(TestkitSettings settings) {
        Object existing = SHARED.get(settings);
        if (existing == null) {
            synchronized (SHARED) {
                existing = SHARED.get(settings);
                if (existing == null) {
                    existing = startShared(settings);
                    SHARED.put(settings, existing);
                }
            }
        }
        if (existing instanceof RuntimeException failure) {
            throw rethrow(failure);
        }
        return (SarkTestDatabases) existing;
    }

    private static Object startShared(TestkitSettings settings) {
        PostgresServer server;
        try {
            server = ServerFactory.start(settings);
        } catch (RuntimeException e) {
            return e;
        }
        boolean ownsServer = server instanceof AutoCloseable;
        // an owned server disappears with its databases at exit: nothing to drop one by one
        SarkTestDatabases s = new SarkTestDatabases(server, settings, !ownsServer);
        if (ownsServer) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                s.release();
                try {
                    ((AutoCloseable) server).close();
                } catch (Exception ignored) {
                    // exiting anyway
                }
            }, "sark-testkit-stop"));
        } else if (settings.dropStale()) {
            try {
                s.dropStale();
            } catch (RuntimeException e) {
                // best effort: a server that refuses the inspection still runs tests
                System.err.println("sark-testkit: stale database cleanup skipped: " + e.getMessage());
            }
        }
        return s;
    }

    private static RuntimeException rethrow(RuntimeException failure) {
        if (failure instanceof ServerUnavailableException unavailable) {
            return new ServerUnavailableException(unavailable.getMessage());
        }
        return new IllegalStateException("the sark-testkit server failed to start earlier in this JVM: "
                + failure.getMessage(), failure);
    }
}
