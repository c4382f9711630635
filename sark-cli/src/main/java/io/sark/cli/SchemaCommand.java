package io.sark.cli;

import io.sark.schema.SarkSchema;
import picocli.CommandLine.Command;

/** {@code schema}: the SDK schema (a group of subcommands). */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "The SDK schema (Flyway V1-V9).",
        subcommands = {SchemaMigrateCommand.class, SchemaInfoCommand.class, SchemaValidateCommand.class, SchemaAdoptCommand.class})
final class SchemaCommand extends CommandGroup {

    static SarkSchema sark(CommonOptions o) {
        return SarkSchema.configure().dataSource(o.dataSource()).schema(o.schema).load();
    }
}
