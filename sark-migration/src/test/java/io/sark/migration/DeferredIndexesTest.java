package io.sark.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.testkit.v1.V1Shape;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A run that starts on empty resources and capabilities drops their secondary indexes and builds them again once
 * the data is in; a failed run keeps them dropped until it is resumed to completion or rolled back.
 */
class DeferredIndexesTest {

    private static final int BATCH = 9;

    private static Fixture dataset() {
        return Fixture.create(V1Shape.MIGRATION, 30, 3, EnumSet.noneOf(io.sark.testkit.v1.V1EdgeCase.class));
    }

    /** What the batches saw: deferred indexes recorded, and whether a GIN index was there. */
    private record Seen(long deferred, boolean ginPresent) {
    }

    private static Seen seen(Fixture f) {
        return new Seen(f.count("SELECT count(*) FROM sark.sark_migration_deferred_indexes"),
                f.one("SELECT to_regclass('sark.ix_capabilities_metadata_gin')") != null);
    }

    @Test
    void aRunOnEmptyTablesBuildsTheDroppedIndexesAgainWhenItCompletes() {
        try (Fixture f = dataset()) {
            String before = f.indexes();
            List<Seen> during = new CopyOnWriteArrayList<>();
            f.migration().batchSize(BATCH).batchHook((run, phase, batch) -> during.add(seen(f))).build().execute();

            assertThat(during).isNotEmpty().allSatisfy(s -> {
                assertThat(s.deferred()).isEqualTo(10);
                assertThat(s.ginPresent()).isFalse();
            });
            assertThat(f.indexes()).isEqualTo(before);
            assertThat(seen(f)).isEqualTo(new Seen(0, true));
            assertThat(f.migration().build().status().deferredIndexes()).isZero();
            assertThat(f.migration().build().validate(ValidationMode.FULL).exitCode()).isZero();
        }
    }

    @Test
    void aFailedRunKeepsThemDroppedUntilResumedOrRolledBack() {
        for (boolean resume : new boolean[] {true, false}) {
            try (Fixture f = dataset()) {
                String before = f.indexes();
                V1ToV2Migration failing = f.migration().batchSize(BATCH).batchHook((run, phase, batch) -> {
                    if (batch == 5) {
                        throw new IllegalStateException("injected failure");
                    }
                }).build();
                assertThatThrownBy(failing::execute).hasMessageContaining("injected failure");
                assertThat(f.migration().build().status().deferredIndexes()).isEqualTo(10);
                assertThat(f.indexes()).isNotEqualTo(before);

                if (resume) {
                    assertThat(f.migration().batchSize(BATCH).build().execute().resumed()).isTrue();
                } else {
                    f.migration().build().rollback(RollbackOptions.defaults());
                    assertThat(f.count("SELECT count(*) FROM sark.capabilities")).isZero();
                }
                assertThat(f.indexes()).as(resume ? "after resume" : "after rollback").isEqualTo(before);
                assertThat(f.migration().build().status().deferredIndexes()).isZero();
            }
        }
    }

    @Test
    void aTargetThatAlreadyHasRowsKeepsItsIndexes() {
        try (Fixture f = dataset()) {
            f.exec("INSERT INTO sark.resources (id, name, protocol, endpoint, sensitivity_level, metadata, created_at, updated_at)"
                    + " VALUES ('native-1', 'native', 'http', 'https://example.test', 'low', '{}', now(), now())");
            String before = f.indexes();
            List<Seen> during = new CopyOnWriteArrayList<>();
            f.migration().batchSize(BATCH).batchHook((run, phase, batch) -> during.add(seen(f))).build().execute();

            assertThat(during).isNotEmpty().allSatisfy(s -> assertThat(s).isEqualTo(new Seen(0, true)));
            assertThat(f.indexes()).isEqualTo(before);
        }
    }
}
