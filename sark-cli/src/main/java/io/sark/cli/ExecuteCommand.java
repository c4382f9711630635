package io.sark.cli;

import io.sark.cli.render.ExecuteText;
import io.sark.cli.render.Json;
import io.sark.cli.render.ProgressRenderer;
import io.sark.migration.ExecuteResult;
import io.sark.migration.InvalidJson;
import io.sark.migration.MigrationBusyException;
import io.sark.migration.MigrationException;
import io.sark.migration.V1SchemaNotFoundException;
import io.sark.migration.V1ToV2Migration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code execute}: the migration run, with progress. */
@Command(name = "execute", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Moves v1 servers/tools to resources/capabilities in batches read in physical (page) order, each committed with "
                + "its checkpoint; resumes an interrupted run; running it again changes nothing. Keep v1 unwritten meanwhile.")
final class ExecuteCommand extends BaseCommand {
    @Option(names = "--batch-size", defaultValue = "10000", description = "v1 rows per batch (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--progress", defaultValue = "auto", description = "auto (bar on a terminal, log lines otherwise), bar, log, none")
    ProgressMode progress;
    @Option(names = "--invalid-json", defaultValue = "escape", description = INVALID_JSON_HELP)
    InvalidJson invalidJson;

    enum ProgressMode { auto, bar, log, none }

    @Override
    public Integer call() {
        boolean terminal = progress == ProgressMode.bar || (progress == ProgressMode.auto && System.console() != null && !o.json());
        V1ToV2Migration.Builder b = migration().batchSize(batchSize(batchSize, "--batch-size")).invalidJson(invalidJson);
        if (progress != ProgressMode.none) {
            b.progress(new ProgressRenderer(err(), terminal));
        }
        ExecuteResult r;
        try {
            r = b.build().execute();
        } catch (MigrationBusyException | V1SchemaNotFoundException e) {
            throw e;
        } catch (MigrationException e) {
            err().println("error: " + SarkMigrationCli.oneLine(e));
            err().flush();
            if (o.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("state", "failed");
                m.put("error", SarkMigrationCli.oneLine(e));
                Json.print(out(), m);
            }
            return ExitCodes.FAILED;
        }
        r.warnings().forEach(w -> err().println("warning: " + w));
        err().flush();
        return emit(r, () -> ExecuteText.print(out(), r, o.schema), ExitCodes.OK);
    }
}
