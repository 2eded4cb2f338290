package drp.llm.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.BudgetExceededException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BudgetTest {

    @Test
    void refusesOnceNothingInFlightCanMakeRoom() throws Exception {
        Budget budget = new Budget(1.0);
        budget.settle(budget.reserve(0.6, "call 1"), 0.7);

        assertThatThrownBy(() -> budget.reserve(0.31, "call 2"))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.spent()).isEqualTo(0.7);
                    assertThat(e.getMessage()).contains("budget of $1.0000 would be exceeded", "spent $0.7000",
                            "call 2 could cost up to $0.3100", "everything finished so far is kept");
                });
        budget.settle(budget.reserve(0.3, "call 3"), 0.3);
        assertThat(budget.remaining()).isEqualTo(0.0);
    }

    @Test
    void waitsForCallsInFlightWhoseWorstCaseMayNotHappen() throws Exception {
        Budget budget = new Budget(1.0);
        Budget.Reservation first = budget.reserve(0.8, "call 1");

        CompletableFuture<Budget.Reservation> second = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.reserve(0.5, "call 2");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(second).isNotDone();

        budget.settle(first, 0.1);
        assertThat(second.get(5, TimeUnit.SECONDS).amount()).isEqualTo(0.5);
    }

    @Test
    void settlingTwiceIsABug() throws Exception {
        Budget budget = new Budget(1.0);
        Budget.Reservation r = budget.reserve(0.1, "x");
        budget.settle(r, 0);
        assertThatThrownBy(() -> budget.settle(r, 0)).isInstanceOf(IllegalStateException.class);
    }
}
