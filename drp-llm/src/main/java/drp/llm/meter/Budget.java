package drp.llm.meter;

import drp.core.chat.BudgetExceededException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A spending cap ({@code --max-cost}), shared by every model of a run. A call reserves its
 * worst-case cost before it is sent and settles at its real cost after; a call that could push
 * spending past the cap waits for calls in flight to settle, and is refused once nothing is in
 * flight and it still does not fit. Nothing already done is undone.
 */
public final class Budget {

    /** A reservation for one call in flight. */
    public static final class Reservation {
        private final double amount;
        private boolean open = true;

        private Reservation(double amount) {
            this.amount = amount;
        }

        public double amount() {
            return amount;
        }
    }

    private final double max;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private double spent;
    private double reserved;
    private int inFlight;

    /** A cap of {@code max} US dollars. */
    public Budget(double max) {
        if (!(max >= 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("a budget is a finite amount >= 0, got " + max);
        }
        this.max = max;
    }

    /**
     * Reserves {@code worstCase} for a call about to be sent.
     *
     * @throws BudgetExceededException when the call cannot fit even after the calls in flight settle
     * @throws InterruptedException when interrupted while waiting for them
     */
    public Reservation reserve(double worstCase, String what) throws InterruptedException {
        if (!(worstCase >= 0)) {
            throw new IllegalArgumentException("a cost is >= 0, got " + worstCase);
        }
        lock.lockInterruptibly();
        try {
            while (spent + reserved + worstCase > max) {
                if (inFlight == 0) {
                    throw new BudgetExceededException(String.format(Locale.ROOT,
                            "budget of $%.4f would be exceeded: spent $%.4f, %s could cost up to $%.4f more;"
                                    + " stopping here, everything finished so far is kept",
                            max, spent, what, worstCase), max, spent);
                }
                settled.await(1, TimeUnit.SECONDS);
            }
            reserved += worstCase;
            inFlight++;
            return new Reservation(worstCase);
        } finally {
            lock.unlock();
        }
    }

    /** Closes a reservation at the call's real cost (0 for a failed call). */
    public void settle(Reservation reservation, double actual) {
        lock.lock();
        try {
            if (!reservation.open) {
                throw new IllegalStateException("reservation settled twice");
            }
            reservation.open = false;
            reserved -= reservation.amount;
            inFlight--;
            spent += actual;
            settled.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public double max() {
        return max;
    }

    public double spent() {
        lock.lock();
        try {
            return spent;
        } finally {
            lock.unlock();
        }
    }

    public double remaining() {
        return Math.max(0, max - spent());
    }
}
