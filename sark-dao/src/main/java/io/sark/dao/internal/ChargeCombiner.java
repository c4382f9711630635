package io.sark.dao.internal;

import io.sark.schema.SarkException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Coalesces concurrent charges for one principal within one {@code SarkDatabase} (flat combining): callers queue
 * their charge; whichever finds the principal's lane free decides everything queued, in arrival order, while the
 * others wait. A batch of charges in one currency is first tried as one conditional UPDATE of their sum: when the
 * sum fits every limit, each charge fits in any order, so all are accepted by one statement, and each caller gets
 * the result it would have got had the charges come one after another. Otherwise (or for a batch of one) each
 * charge is decided alone, in arrival order, exactly as without batching. A hot principal's row lock is then held
 * once per batch instead of once per charge. Correctness never rests on the lane being exclusive: every statement
 * is atomic under the row lock. One combiner serves one kind of charge (one result type {@code R}). Internal.
 *
 * @param <R> what a caller gets for its charge
 */
public final class ChargeCombiner<R> {

    /** Most charges decided by one combiner turn. */
    static final int MAX_BATCH = 256;
    /**
     * The longest a waiting caller sleeps before it looks again. It is woken when its charge is decided, or when it
     * heads the queue of a lane just released; this bound only covers a wake-up lost to a race. Waiters must not
     * poll: 64 threads polling every 50 µs starved two cores (the spread charges fell to 0.63× of raw).
     */
    private static final long PARK_NANOS = 1_000_000;

    /** Stripes of the charges in flight (a power of two). */
    private static final int STRIPES = 1024;
    /** Ints per stripe counter: one 64-byte cache line each, so callers of different stripes do not contend. */
    private static final int PAD = 16;

    /** Charges in flight per stripe of principals. */
    private final AtomicIntegerArray active = new AtomicIntegerArray(STRIPES * PAD);
    /** Lanes of the principals whose charges meet. */
    private final ConcurrentHashMap<String, Lane<R>> lanes = new ConcurrentHashMap<>();

    /** Charges the sum of several charges of one principal at once. */
    @FunctionalInterface
    public interface Together<R> {
        /**
         * Charges {@code total}, the sum of {@code amounts} (in arrival order), if it fits: one result per amount, in
         * that order, each what its charge would have got after the ones before it; null (nothing written) if not.
         */
        List<R> chargeAll(String currency, BigDecimal total, List<BigDecimal> amounts);
    }

    /** Decides one charge alone, with every rule of a single charge (audited refusal, fallbacks). */
    @FunctionalInterface
    public interface Alone<R> {
        R chargeOne(BigDecimal amount, String currency);
    }

    private static final class Lane<R> {
        final ConcurrentLinkedQueue<Request<R>> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean busy = new AtomicBoolean();
    }

    private static final class Request<R> {
        final BigDecimal amount;
        final String currency;
        final Thread waiter = Thread.currentThread();
        volatile boolean done;
        R result;
        RuntimeException failure;

        Request(BigDecimal amount, String currency) {
            this.amount = amount;
            this.currency = currency;
        }

        void complete(R r, RuntimeException e) {
            result = r;
            failure = e;
            done = true; // publishes result and failure
            LockSupport.unpark(waiter);
        }
    }

    /**
     * Charges {@code amount} to {@code principal}, batched with the concurrent charges of the same principal.
     *
     * @return its result
     * @throws RuntimeException what deciding it threw (a batch statement's failure fails every charge of the batch)
     */
    public R charge(String principal, BigDecimal amount, String currency, Together<R> together, Alone<R> alone) {
        int slot = slot(principal);
        if (active.getAndIncrement(slot) == 0) { // no other charge in this principal's stripe: nothing to combine
            try {
                return alone.chargeOne(amount, currency);
            } finally {
                active.decrementAndGet(slot);
            }
        }
        try {
            return combined(principal, amount, currency, together, alone);
        } finally {
            active.decrementAndGet(slot);
        }
    }

    private R combined(String principal, BigDecimal amount, String currency, Together<R> together, Alone<R> alone) {
        Lane<R> lane = lanes.computeIfAbsent(principal, k -> new Lane<>());
        Request<R> mine = new Request<>(amount, currency);
        lane.queue.add(mine);
        while (!mine.done) {
            if (lane.busy.compareAndSet(false, true)) {
                try {
                    combine(lane, together, alone);
                } finally {
                    release(principal, lane);
                }
            } else {
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.result;
    }

    /** Whether no charge is in flight and no lane is left (for tests). */
    boolean idle() {
        for (int i = 0; i < active.length(); i += PAD) {
            if (active.get(i) != 0) {
                return false;
            }
        }
        return lanes.isEmpty();
    }

    private static int slot(String principal) {
        int h = principal.hashCode();
        return ((h ^ (h >>> 16)) & (STRIPES - 1)) * PAD;
    }

    /** Frees a lane after a turn: the first caller queued meanwhile takes it, or it leaves the map if none. */
    private void release(String principal, Lane<R> lane) {
        lane.busy.set(false);
        Request<R> next = lane.queue.peek();
        if (next != null) {
            LockSupport.unpark(next.waiter); // someone queued during the turn: let it take the lane
        } else {
            lanes.remove(principal, lane); // idle principals cost no memory (a late arrival combines alone)
        }
    }

    private static <R> void combine(Lane<R> lane, Together<R> together, Alone<R> alone) {
        List<Request<R>> batch = new ArrayList<>();
        for (Request<R> r; batch.size() < MAX_BATCH && (r = lane.queue.poll()) != null; ) {
            batch.add(r);
        }
        if (batch.size() > 1 && oneCurrency(batch)) {
            BigDecimal total = BigDecimal.ZERO;
            List<BigDecimal> amounts = new ArrayList<>(batch.size());
            for (Request<R> r : batch) {
                total = total.add(r.amount);
                amounts.add(r.amount);
            }
            List<R> all;
            try {
                all = together.chargeAll(batch.get(0).currency, total, amounts);
            } catch (RuntimeException | Error e) {
                RuntimeException failure = failure(e);
                batch.forEach(r -> r.complete(null, failure));
                return;
            }
            if (all != null) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(all.get(i), null);
                }
                return;
            }
        }
        for (Request<R> r : batch) { // arrival order: the same decisions as these charges made one after another
            try {
                r.complete(alone.chargeOne(r.amount, r.currency), null);
            } catch (RuntimeException | Error e) {
                r.complete(null, failure(e));
            }
        }
    }

    /** What a caller whose charge failed gets: the exception itself, an {@code Error} wrapped (no waiter is left behind). */
    private static RuntimeException failure(Throwable e) {
        return e instanceof RuntimeException r ? r : new SarkException("deciding a combined charge failed: " + e, e);
    }

    private static boolean oneCurrency(List<? extends Request<?>> batch) {
        String c = batch.get(0).currency;
        return batch.stream().allMatch(r -> r.currency.equals(c));
    }
}
