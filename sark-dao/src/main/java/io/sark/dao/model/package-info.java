/**
 * The SDK's API types: immutable records handed out by the DAOs, the closed-domain enums, the open
 * {@link io.sark.dao.model.Protocol} value type and the {@code New*}/{@code *Update} inputs. Nothing here
 * exposes generated jOOQ types. Timestamps are {@link java.time.Instant}s (PostgreSQL keeps microseconds;
 * instants passed in are truncated to microseconds). JSONB values are Jackson {@link com.fasterxml.jackson.databind.JsonNode}s
 * read with {@link io.sark.schema.json.SarkJson}; build them with {@code SarkJson.mapper()} to compare them with
 * what the database returns. Accessors of optional columns return {@link java.util.Optional}; nothing returns null.
 */
package io.sark.dao.model;
