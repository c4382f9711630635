package io.sark.dao.internal;

import io.sark.dao.model.AuditEventType;
import io.sark.dao.model.PolicyStatus;
import io.sark.dao.model.PolicyType;
import io.sark.dao.model.SensitivityLevel;
import io.sark.dao.model.ServerStatus;
import io.sark.dao.model.SeverityLevel;
import io.sark.dao.model.TransportType;
import io.sark.schema.jooq.enums.Auditeventtype;
import io.sark.schema.jooq.enums.Policystatus;
import io.sark.schema.jooq.enums.Policytype;
import io.sark.schema.jooq.enums.Sensitivitylevel;
import io.sark.schema.jooq.enums.Serverstatus;
import io.sark.schema.jooq.enums.Severitylevel;
import io.sark.schema.jooq.enums.Transporttype;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Conversions between API types and generated jOOQ / JDBC types. Internal. */
public final class Db {

    private Db() {
    }

    public static OffsetDateTime odt(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    public static Optional<Instant> optInstant(OffsetDateTime t) {
        return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
    }

    public static Auditeventtype db(AuditEventType t) {
        return Auditeventtype.valueOf(t.dbValue());
    }

    public static AuditEventType api(Auditeventtype t) {
        return AuditEventType.valueOf(t.name().toUpperCase(java.util.Locale.ROOT));
    }

    public static Severitylevel db(SeverityLevel t) {
        return Severitylevel.valueOf(t.dbValue());
    }

    public static SeverityLevel api(Severitylevel t) {
        return SeverityLevel.valueOf(t.name().toUpperCase(java.util.Locale.ROOT));
    }

    public static Policytype db(PolicyType t) {
        return Policytype.valueOf(t.dbValue());
    }

    public static PolicyType api(Policytype t) {
        return PolicyType.valueOf(t.name().toUpperCase(java.util.Locale.ROOT));
    }

    public static Policystatus db(PolicyStatus t) {
        return Policystatus.valueOf(t.dbValue());
    }

    public static PolicyStatus api(Policystatus t) {
        return PolicyStatus.valueOf(t.name().toUpperCase(java.util.Locale.ROOT));
    }

    public static Sensitivitylevel db(SensitivityLevel t) {
        return Sensitivitylevel.valueOf(t.dbValue());
    }

    public static SensitivityLevel api(Sensitivitylevel t) {
        return SensitivityLevel.valueOf(t.name().toUpperCase(java.util.Locale.ROOT));
    }

    public static TransportType api(Transporttype t) {
        return TransportType.valueOf(t.name().toUpperCase(java.util.Locale.ROOT));
    }

    public static ServerStatus api(Serverstatus t) {
        return ServerStatus.valueOf(t.name().toUpperCase(java.util.Locale.ROOT));
    }

    /** A sensitivity stored as VARCHAR (resources, capabilities). */
    public static SensitivityLevel sensitivity(String dbValue) {
        return SensitivityLevel.parse(dbValue);
    }
}
