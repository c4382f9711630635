package io.sark.dao;

import static io.sark.schema.jooq.Tables.TEAMS;
import static io.sark.schema.jooq.Tables.USERS;
import static io.sark.schema.jooq.Tables.USER_TEAMS;

import io.sark.dao.internal.Check;
import io.sark.dao.internal.DaoContext;
import io.sark.dao.internal.Db;
import io.sark.dao.internal.Tx;
import io.sark.dao.model.NewTeam;
import io.sark.dao.model.Team;
import io.sark.dao.model.User;
import io.sark.schema.jooq.tables.records.TeamsRecord;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Record;
import org.jooq.exception.DataAccessException;

/** Teams ({@code teams}) and memberships ({@code user_teams}). */
public final class TeamDao {

    private final DaoContext context;

    TeamDao(DaoContext context) {
        this.context = context;
    }

    /** Creates a team. @throws DuplicateKeyException ({@code ix_teams_name}) if the name is taken */
    public Team create(NewTeam team) {
        Check.notNull("team", team);
        OffsetDateTime now = context.now();
        return map(context.dsl().insertInto(TEAMS)
                .set(TEAMS.ID, UUID.randomUUID())
                .set(TEAMS.NAME, team.name())
                .set(TEAMS.DESCRIPTION, team.description())
                .set(TEAMS.EXTRA_METADATA, team.extraMetadata())
                .set(TEAMS.CREATED_AT, now)
                .set(TEAMS.UPDATED_AT, now)
                .returning().fetchOne());
    }

    /** The team with this id. */
    public Optional<Team> findById(UUID id) {
        Check.notNull("id", id);
        return context.dsl().selectFrom(TEAMS).where(TEAMS.ID.eq(id)).fetchOptional().map(TeamDao::map);
    }

    /** The team with this name. */
    public Optional<Team> findByName(String name) {
        Check.required("name", name, 255);
        return context.dsl().selectFrom(TEAMS).where(TEAMS.NAME.eq(name)).fetchOptional().map(TeamDao::map);
    }

    /** All teams ordered by name. */
    public List<Team> list() {
        return context.dsl().selectFrom(TEAMS).orderBy(TEAMS.NAME).fetch(TeamDao::map);
    }

    /** Deletes a team (memberships go with it); false if it did not exist. */
    public boolean delete(UUID id) {
        Check.notNull("id", id);
        return context.dsl().deleteFrom(TEAMS).where(TEAMS.ID.eq(id)).execute() == 1;
    }

    /**
     * Makes the user a member of the team; true if they were not a member yet (idempotent).
     *
     * @throws NotFoundException if the team or the user does not exist
     */
    public boolean addMember(UUID teamId, UUID userId) {
        Check.notNull("teamId", teamId);
        Check.notNull("userId", userId);
        try {
            return context.dsl().insertInto(USER_TEAMS).set(USER_TEAMS.TEAM_ID, teamId)
                    .set(USER_TEAMS.USER_ID, userId).onConflictDoNothing().execute() == 1;
        } catch (io.sark.schema.SarkException e) {
            if (e.getCause() instanceof DataAccessException dae && "23503".equals(Tx.sqlState(dae))) {
                String m = String.valueOf(dae.getMessage());
                throw m.contains("user_teams_team_id_fkey") ? new NotFoundException("team", teamId) : new NotFoundException("user", userId);
            }
            throw e;
        }
    }

    /** Removes the membership; false if there was none. */
    public boolean removeMember(UUID teamId, UUID userId) {
        Check.notNull("teamId", teamId);
        Check.notNull("userId", userId);
        return context.dsl().deleteFrom(USER_TEAMS).where(USER_TEAMS.TEAM_ID.eq(teamId))
                .and(USER_TEAMS.USER_ID.eq(userId)).execute() == 1;
    }

    /** Members of a team ordered by e-mail. */
    public List<User> members(UUID teamId) {
        Check.notNull("teamId", teamId);
        return context.dsl().select(USERS.fields()).from(USERS).join(USER_TEAMS).on(USER_TEAMS.USER_ID.eq(USERS.ID))
                .where(USER_TEAMS.TEAM_ID.eq(teamId)).orderBy(USERS.EMAIL).fetch(UserDao::map);
    }

    /** Teams of a user ordered by name. */
    public List<Team> teamsOf(UUID userId) {
        Check.notNull("userId", userId);
        return context.dsl().select(TEAMS.fields()).from(TEAMS).join(USER_TEAMS).on(USER_TEAMS.TEAM_ID.eq(TEAMS.ID))
                .where(USER_TEAMS.USER_ID.eq(userId)).orderBy(TEAMS.NAME).fetch(TeamDao::map);
    }

    private static Team map(Record rec) {
        TeamsRecord r = rec.into(TEAMS);
        return new Team(r.getId(), r.getName(), Optional.ofNullable(r.getDescription()), r.getExtraMetadata(),
                Db.instant(r.getCreatedAt()), Db.instant(r.getUpdatedAt()));
    }
}
