package io.sark.cli;

import io.sark.cli.render.RollbackText;
import io.sark.migration.RollbackOptions;
import io.sark.migration.RollbackResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rollback}: deletes what migration runs created. */
@Command(name = "rollback", mixinStandardHelpOptions = true, footer = ExitCodes.HELP,
        description = "Deletes what migration runs created, in one transaction; v1 tables and native rows stay. "
                + "Refuses (exit 3) when cost/audit rows reference migrated rows, unless --force.")
final class RollbackCommand extends BaseCommand {
    @Option(names = "--dry-run", description = "show what would be deleted")
    boolean dryRun;
    @Option(names = "--force", description = "delete even if referenced")
    boolean force;
    @Option(names = "--run", description = "only this run id")
    Long run;

    @Override
    public Integer call() {
        RollbackResult r = migration().build().rollback(new RollbackOptions(dryRun, force, run));
        return emit(r, () -> RollbackText.print(out(), r), r.refused() ? ExitCodes.REFUSED : ExitCodes.OK);
    }
}
