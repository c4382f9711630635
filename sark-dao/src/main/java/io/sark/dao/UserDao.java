package io.sark.dao;

import static io.sark.schema.jooq.Tables.USERS;

import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.model.NewUser;
import io.sark.dao.model.User;
import io.sark.dao.model.UserUpdate;
import io.sark.schema.jooq.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.UpdateSetMoreStep;

/** Users ({@code users}). The password hash is written but never read back into an API record. */
public final class UserDao {

    private final DaoContext context;

    UserDao(DaoContext context) {
        this.context = context;
    }

    /** Creates a user. @throws DuplicateKeyException ({@code ix_users_email}) if the e-mail is taken */
    public User create(NewUser user) {
        Check.notNull("user", user);
        OffsetDateTime now = context.now();
        return map(context.dsl().insertInto(USERS)
                .set(USERS.ID, UUID.randomUUID())
                .set(USERS.EMAIL, user.email())
                .set(USERS.FULL_NAME, user.fullName())
                .set(USERS.HASHED_PASSWORD, user.passwordHash())
                .set(USERS.IS_ACTIVE, true)
                .set(USERS.IS_ADMIN, user.admin())
                .set(USERS.ROLE, user.role())
                .set(USERS.EXTRA_METADATA, user.extraMetadata())
                .set(USERS.CREATED_AT, now)
                .set(USERS.UPDATED_AT, now)
                .returning().fetchOne());
    }

    /** The user with this id. */
    public Optional<User> findById(UUID id) {
        Check.notNull("id", id);
        return context.dsl().selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(UserDao::map);
    }

    /** The user with this e-mail (exact match). */
    public Optional<User> findByEmail(String email) {
        Check.required("email", email, 255);
        return context.dsl().selectFrom(USERS).where(USERS.EMAIL.eq(email)).fetchOptional().map(UserDao::map);
    }

    /** All users ordered by e-mail. */
    public List<User> list() {
        return context.dsl().selectFrom(USERS).orderBy(USERS.EMAIL).fetch(UserDao::map);
    }

    /**
     * Applies {@code changes} and moves {@code updated_at}.
     *
     * @throws NotFoundException if there is no such user
     * @throws DuplicateKeyException if the new e-mail is taken
     */
    public User update(UUID id, UserUpdate changes) {
        Check.notNull("id", id);
        Check.notNull("changes", changes);
        UpdateSetMoreStep<UsersRecord> u = context.dsl().update(USERS).set(USERS.UPDATED_AT, context.now());
        changes.email().ifPresent(v -> u.set(USERS.EMAIL, v));
        changes.fullName().ifPresent(v -> u.set(USERS.FULL_NAME, v));
        changes.passwordHash().ifPresent(v -> u.set(USERS.HASHED_PASSWORD, v));
        changes.active().ifPresent(v -> u.set(USERS.IS_ACTIVE, v));
        changes.admin().ifPresent(v -> u.set(USERS.IS_ADMIN, v));
        changes.role().ifPresent(v -> u.set(USERS.ROLE, v));
        changes.extraMetadata().ifPresent(v -> u.set(USERS.EXTRA_METADATA, v));
        return u.where(USERS.ID.eq(id)).returning().fetchOptional().map(UserDao::map)
                .orElseThrow(() -> new NotFoundException("user", id));
    }

    /** Deletes a user (memberships go with it); false if it did not exist. */
    public boolean delete(UUID id) {
        Check.notNull("id", id);
        return context.dsl().deleteFrom(USERS).where(USERS.ID.eq(id)).execute() == 1;
    }

    static User map(Record rec) {
        UsersRecord r = rec.into(USERS);
        return new User(r.getId(), r.getEmail(), r.getFullName(), r.getIsActive(), r.getIsAdmin(), r.getRole(),
                r.getExtraMetadata(), Db.instant(r.getCreatedAt()), Db.instant(r.getUpdatedAt()));
    }
}
