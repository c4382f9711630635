package io.sark.dao;

import static io.sark.dao.Fixtures.json;
import static io.sark.dao.Fixtures.uid;
import static io.sark.dao.ResourceDaoTest.assertField;
import static io.sark.schema.jooq.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.model.NewTeam;
import io.sark.dao.model.NewUser;
import io.sark.dao.model.Team;
import io.sark.dao.model.User;
import io.sark.dao.model.UserUpdate;
import io.sark.testkit.SarkDatabaseTest;
import java.util.UUID;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

@SarkDatabaseTest
class UserTeamDaoTest {

    @Test
    void usersCrud(DataSource ds, DSLContext dsl) {
        SarkDatabase db = Dbs.using(ds);
        String email = uid("u") + "@x.test";
        User u = db.users().create(NewUser.of(email, "Ada", "$argon2id$hash").role("admin").admin(true).extraMetadata(json("{\"k\":1}")));
        assertThat(u.active()).isTrue();
        assertThat(u.admin()).isTrue();
        assertThat(u.role()).isEqualTo("admin");
        assertThat(NewUser.of(email, "Ada", "secret-hash").toString()).doesNotContain("secret-hash");
        assertThat(db.users().findById(u.id())).contains(u);
        assertThat(db.users().findByEmail(email)).contains(u);
        assertThat(db.users().list()).contains(u);
        assertThatThrownBy(() -> db.users().create(NewUser.of(email, "Other", "h")))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.constraint()).isEqualTo("ix_users_email"));
        User changed = db.users().update(u.id(), UserUpdate.none().fullName("Ada L").active(false).admin(false).role("developer")
                .passwordHash("$new").extraMetadata(json("{}")).email("new-" + email));
        assertThat(changed.fullName()).isEqualTo("Ada L");
        assertThat(changed.active()).isFalse();
        assertThat(changed.email()).isEqualTo("new-" + email);
        assertThat(dsl.select(USERS.HASHED_PASSWORD).from(USERS).where(USERS.ID.eq(u.id())).fetchOne(0, String.class)).isEqualTo("$new");
        assertThat(UserUpdate.none().passwordHash("$new").toString()).doesNotContain("$new");
        assertThatThrownBy(() -> db.users().update(UUID.randomUUID(), UserUpdate.none())).isInstanceOf(NotFoundException.class);
        assertThat(db.users().delete(u.id())).isTrue();
        assertThat(db.users().delete(u.id())).isFalse();
    }

    @Test
    void teamsAndMembership(DataSource ds) {
        SarkDatabase db = Dbs.using(ds);
        Team t = db.teams().create(NewTeam.of(uid("team")).description("platform"));
        assertThat(t.description()).contains("platform");
        assertThat(db.teams().findById(t.id())).contains(t);
        assertThat(db.teams().findByName(t.name())).contains(t);
        assertThat(db.teams().list()).contains(t);
        assertThatThrownBy(() -> db.teams().create(NewTeam.of(t.name())))
                .isInstanceOfSatisfying(DuplicateKeyException.class, e -> assertThat(e.constraint()).isEqualTo("ix_teams_name"));
        User a = db.users().create(NewUser.of(uid("a") + "@x.test", "A", "h"));
        User b = db.users().create(NewUser.of(uid("b") + "@x.test", "B", "h"));
        assertThat(db.teams().addMember(t.id(), a.id())).isTrue();
        assertThat(db.teams().addMember(t.id(), a.id())).isFalse();
        assertThat(db.teams().addMember(t.id(), b.id())).isTrue();
        assertThat(db.teams().members(t.id())).extracting(User::id).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(db.teams().teamsOf(a.id())).containsExactly(t);
        assertThatThrownBy(() -> db.teams().addMember(UUID.randomUUID(), a.id())).isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("team");
        assertThatThrownBy(() -> db.teams().addMember(t.id(), UUID.randomUUID())).isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("user");
        assertThat(db.teams().removeMember(t.id(), a.id())).isTrue();
        assertThat(db.teams().removeMember(t.id(), a.id())).isFalse();
        db.users().delete(b.id());
        assertThat(db.teams().members(t.id())).isEmpty();
        assertThat(db.teams().delete(t.id())).isTrue();
        assertThat(db.teams().teamsOf(a.id())).isEmpty();
    }

    @Test
    void invalidInput() {
        assertField(() -> NewUser.of("e".repeat(256), "n", "h"), "email");
        assertField(() -> NewUser.of("e@x", "", "h"), "fullName");
        assertField(() -> NewUser.of("e@x", "n", null), "passwordHash");
        assertField(() -> NewUser.of("e@x", "n", "h").role("r".repeat(51)), "role");
        assertField(() -> NewUser.of("e@x", "n", "h").extraMetadata(json("[]")), "extraMetadata");
        assertField(() -> NewTeam.of("t").description("d".repeat(1001)), "description");
    }
}
