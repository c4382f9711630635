package io.sark.cli.render;

import io.sark.cli.optimize.AnalyzeResult;
import java.io.PrintWriter;
import java.util.Locale;

/** Text rendering of {@link AnalyzeResult}. */
public final class AnalyzeText {

    private AnalyzeText() {
    }

    public static void print(PrintWriter w, AnalyzeResult a) {
        for (AnalyzeResult.Table t : a.tables()) {
            w.printf("%-18s rows %,d  table %s  total %s  seq scans %d  index scans %d%n", t.name(), t.rows(), bytes(t.tableBytes()),
                    bytes(t.totalBytes()), t.seqScans(), t.indexScans());
            t.indexes().forEach(i -> w.printf("    %-44s %9s %8d scans%s  %s%n", i.name(), bytes(i.bytes()), i.scans(),
                    i.valid() ? "" : " INVALID", i.definition()));
        }
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        if (b < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f kB", b / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", b / 1024.0 / 1024.0);
    }
}
