package io.sark.cli.render;

import io.sark.migration.MigrationPhase;
import io.sark.migration.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Shows execute progress: a redrawn bar on a terminal, one log line every {@link #LOG_EVERY_MILLIS} (and at the
 * end of a phase) otherwise, so CI logs stay readable.
 */
public final class ProgressRenderer implements Progress.Listener {

    static final long LOG_EVERY_MILLIS = 5_000;

    private final PrintWriter err;
    private final boolean terminal;
    private long lastLog = -LOG_EVERY_MILLIS;
    private MigrationPhase lastPhase;

    /** Writes to {@code err}: a redrawn bar when {@code terminal}, periodic log lines otherwise. */
    public ProgressRenderer(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void onBatch(Progress p) {
        double pct = p.total() == 0 ? 100 : Math.min(100, p.done() * 100.0 / p.total());
        double rate = p.elapsedMillis() == 0 ? 0 : p.done() * 1000.0 / p.elapsedMillis();
        if (terminal) {
            if (lastPhase != null && lastPhase != p.phase()) {
                err.println();
            }
            int width = 30;
            int filled = (int) Math.round(pct / 100 * width);
            err.printf(Locale.ROOT, "\r%-12s [%s%s] %5.1f%% %,d/%,d batch %d", p.phase(), "#".repeat(filled), ".".repeat(width - filled), pct,
                    p.done(), p.total(), p.batchNo());
            if (p.done() >= p.total()) {
                err.println();
            }
        } else if (p.elapsedMillis() - lastLog >= LOG_EVERY_MILLIS || p.done() >= p.total()) {
            err.printf(Locale.ROOT, "progress: run %d %s %,d/%,d (%.1f%%) batch %d, %,.0f rows/s%n", p.runId(), p.phase(), p.done(), p.total(),
                    pct, p.batchNo(), rate);
            lastLog = p.elapsedMillis();
        }
        lastPhase = p.phase();
        err.flush();
    }
}
