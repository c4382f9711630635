package io.sark.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConstraintsTest {

    @Test
    void chunkAndShardCopiesMapBackToTheSarkName() {
        assertThat(Constraints.logicalName("audit_events_pkey", null)).isEqualTo("audit_events_pkey");
        assertThat(Constraints.logicalName("2_audit_events_pkey", null)).isEqualTo("audit_events_pkey");
        assertThat(Constraints.logicalName("12_7_cost_tracking_pkey", null)).isEqualTo("cost_tracking_pkey");
        assertThat(Constraints.logicalName(null,
                "ERROR: duplicate key value violates unique constraint \"resources_pkey_102008\"")).isEqualTo("resources_pkey");
        assertThat(Constraints.logicalName(null, "duplicate key value violates unique constraint \"ix_users_email_102100\""))
                .isEqualTo("ix_users_email");
    }

    @Test
    void namesThatAreNotSarkCopiesStayAsReported() {
        assertThat(Constraints.logicalName("my_own_index_2", null)).isEqualTo("my_own_index_2");
        assertThat(Constraints.logicalName(null, "no constraint named here")).isNull();
        assertThat(Constraints.logicalName(null, null)).isNull();
    }
}
