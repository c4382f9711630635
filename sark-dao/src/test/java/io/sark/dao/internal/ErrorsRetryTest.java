package io.sark.dao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sark.dao.RetryableException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Which aborted calls the DAO runs again by itself (the TimescaleDB chunk-creation deadlock made it needed). */
class ErrorsRetryTest {

    private static DataAccessException aborted(String sqlState) {
        return new DataAccessException("aborted", new SQLException("aborted by the server", sqlState));
    }

    @Test
    void aCallThatOwnsItsTransactionIsRunAgainAfterADeadlockOrSerializationFailure() {
        for (String state : new String[] {"40P01", "40001"}) {
            AtomicInteger attempts = new AtomicInteger();
            String result = Errors.translate(() -> {
                if (attempts.incrementAndGet() < Errors.ATTEMPTS) {
                    throw aborted(state);
                }
                return "done";
            });
            assertThat(result).isEqualTo("done");
            assertThat(attempts).hasValue(Errors.ATTEMPTS);
        }
    }

    @Test
    void afterTheLastAttemptTheCallerGetsTheRetryableException() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Errors.translate(() -> {
            attempts.incrementAndGet();
            throw aborted("40P01");
        })).isInstanceOfSatisfying(RetryableException.class,
                e -> assertThat(e.reason()).isEqualTo(RetryableException.Reason.DEADLOCK));
        assertThat(attempts).hasValue(Errors.ATTEMPTS);
    }

    @Test
    void insideACallersTransactionOrAnotherDaoCallNothingIsRunAgain() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> Errors.inCallerTransaction(() -> Errors.translate(() -> {
            attempts.incrementAndGet();
            throw aborted("40P01");
        }))).isInstanceOf(RetryableException.class);
        assertThat(attempts).hasValue(1);

        AtomicInteger inner = new AtomicInteger();
        AtomicInteger outer = new AtomicInteger();
        assertThatThrownBy(() -> Errors.translate(() -> {
            outer.incrementAndGet();
            return Errors.translate(() -> {
                inner.incrementAndGet();
                throw aborted("40001");
            });
        })).isInstanceOf(RetryableException.class);
        // the outermost call reruns the whole unit (a fresh transaction); the nested one never retries on its own
        assertThat(outer).hasValue(Errors.ATTEMPTS);
        assertThat(inner).hasValue(Errors.ATTEMPTS);
    }

    @Test
    void lostConnectionsAndOtherErrorsAreNotRunAgain() {
        for (String state : new String[] {"08006", "23505", "22023"}) {
            AtomicInteger attempts = new AtomicInteger();
            assertThatThrownBy(() -> Errors.translate(() -> {
                attempts.incrementAndGet();
                throw aborted(state);
            })).isNotNull();
            assertThat(attempts).as(state).hasValue(1);
        }
    }
}
