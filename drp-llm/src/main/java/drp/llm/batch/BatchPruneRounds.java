package drp.llm.batch;

import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.stage.CallReport;
import drp.core.stage.PruneStage;
import drp.core.stage.PrunedRecord;
import drp.core.teacher.LlmTeacher;
import drp.core.teacher.TeacherProtocol;
import drp.core.trace.Trace;
import drp.llm.meter.Budget;
import drp.llm.meter.CostEstimate;
import drp.llm.meter.Price;
import drp.llm.meter.TokenEstimate;
import drp.llm.meter.UsageMeter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The prune stage through the Batch API, round after round: the stage runs over the traces with a
 * teacher whose model is a {@link DeferringChatModel}, so it prunes what the call cache can answer
 * and defers the rest; the deferred calls go out as one batch job, whose answers land in the cache
 * for the next round. Two calls per trace take two rounds, and each retry with feedback one more.
 *
 * <p>The rounds end when no call is deferred any more, when the stage stops by itself, before a
 * round that could break the budget, or when the batch job is interrupted (its state is kept, and
 * a rerun resumes it without uploading or paying twice). They never loop: a round beyond what the
 * teacher's protocol can need is a defect, and fails.
 */
public final class BatchPruneRounds {

    /** Why the rounds ended. */
    public enum Stop {
        /** No call is deferred any more: every trace was pruned or failed for good. */
        DONE,
        /** The stage stopped by itself (a refused key, an endpoint that keeps failing); see its calls. */
        STAGE_STOPPED,
        /** The next round's worst case would break the budget; it was not submitted. */
        BUDGET,
        /** The batch job was interrupted; its state is kept in the runner's state file. */
        CANCELLED
    }

    /**
     * What the rounds did together.
     *
     * @param outcome the rounds combined: traces selected (as the last pass saw them), already done
     *                before the first, pruned and failed by all, and the last pass's calls (with the
     *                budget named as the stop when that ended them)
     * @param stop    why the rounds ended
     * @param reason  the stop in words, or null when they are {@link Stop#DONE}
     */
    public record Result(PruneStage.Outcome outcome, Stop stop, String reason) {
        public Result {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(stop, "stop");
            if ((stop == Stop.DONE) != (reason == null)) {
                throw new IllegalArgumentException("a reason comes with every stop but DONE, got " + stop + ": " + reason);
            }
        }
    }

    /** Follows one pass of the stage over the traces; closed when the pass ends, also by a failure. */
    public interface PassListener extends PruneStage.Listener, AutoCloseable {
        @Override
        void close();

        /** Follows nothing. */
        PassListener NONE = new PassListener() {
            @Override
            public void started(int total, int alreadyDone) {}

            @Override
            public void finished(PrunedRecord record) {}

            @Override
            public void close() {}
        };
    }

    /** Hears how the rounds go, for a command's progress lines. */
    public interface Listener {
        /** Round {@code round} (from 1) runs the stage over the traces; the listener follows that pass. */
        default PassListener pass(int round) {
            return PassListener.NONE;
        }

        /** Round {@code round}'s {@code requests} deferred calls go out as one batch job. */
        default void submitting(int round, int requests) {}
    }

    private final PruneStage stage;
    private final DeferringChatModel deferring;
    private final OpenAiBatchRunner runner;
    private final int maxRounds;
    private final Price batchPrice;
    private final Budget budget;
    private final UsageMeter meter;

    /**
     * @param stage      the prune stage, its teacher's model being {@code deferring}
     * @param deferring  collects the calls the stage could not have answered from the cache
     * @param runner     runs each round's calls as a batch job, storing the answers in the cache
     *                   {@code deferring} reads
     * @param maxRounds  the most rounds that can have calls to submit ({@link #roundsFor})
     * @param batchPrice the price of a batch call, or null when unknown (no budget check then)
     * @param budget     the spending cap, or null for none
     * @param meter      what was spent so far (the runner records batch calls in it)
     */
    public BatchPruneRounds(PruneStage stage, DeferringChatModel deferring, OpenAiBatchRunner runner, int maxRounds,
            Price batchPrice, Budget budget, UsageMeter meter) {
        if (maxRounds < 1) {
            throw new IllegalArgumentException("max rounds must be >= 1, got " + maxRounds);
        }
        this.stage = Objects.requireNonNull(stage, "stage");
        this.deferring = Objects.requireNonNull(deferring, "deferring");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.maxRounds = maxRounds;
        this.batchPrice = batchPrice;
        this.budget = budget;
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    /**
     * The rounds an LLM teacher can need: one per call it makes in sequence (two per attempt with
     * the two-call protocol, one with the one-call protocol), each attempt after feedback included,
     * and one more whose pass finds every answer in the cache.
     */
    public static int roundsFor(LlmTeacher.Options teacher) {
        return (teacher.protocol() == TeacherProtocol.TWO_CALL ? 2 : 1) * teacher.maxAttempts() + 1;
    }

    /**
     * Runs the rounds over {@code traces}, writing to {@code output} as {@link PruneStage#run} does.
     *
     * @throws ChatException when a batch job fails other than by an interruption
     * @throws IllegalStateException when calls are still deferred after {@code maxRounds} rounds
     */
    public Result run(List<Trace> traces, Path output, Listener listener) {
        PruneStage.Outcome last = null;
        int alreadyDone = -1;
        int pruned = 0;
        int failed = 0;
        // one pass more than maxRounds: the pass after the last batch job prunes what it answered
        for (int round = 1; round <= maxRounds + 1; round++) {
            try (PassListener pass = listener.pass(round)) {
                last = stage.run(traces, output, pass);
            }
            alreadyDone = alreadyDone < 0 ? last.alreadyDone() : alreadyDone;
            pruned += last.pruned();
            failed += last.failed();
            // taken even when the stage stopped, so that a stopped pass leaves nothing behind
            List<BatchItem> items = deferring.takeDeferred();
            if (last.calls().stopped()) {
                return result(last, alreadyDone, pruned, failed, Stop.STAGE_STOPPED, last.calls().stopReason());
            }
            if (items.isEmpty()) {
                return result(last, alreadyDone, pruned, failed, Stop.DONE, null);
            }
            if (round > maxRounds) {
                throw new IllegalStateException("batch rounds did not converge: round " + round + " still deferred "
                        + items.size() + " calls");
            }
            String overBudget = overBudget(items);
            if (overBudget != null) {
                return result(last, alreadyDone, pruned, failed, Stop.BUDGET, overBudget);
            }
            listener.submitting(round, items.size());
            try {
                deferring.record(runner.run(items));
            } catch (ChatException e) {
                if (e.failure() != ChatFailure.CANCELLED) {
                    throw e;
                }
                return result(last, alreadyDone, pruned, failed, Stop.CANCELLED,
                        e.getMessage() == null ? "the batch job was interrupted" : e.getMessage());
            }
        }
        throw new AssertionError("the last round returns or throws");
    }

    /** Why the next round would break the budget, or null when it fits (or no cap or price is known). */
    private String overBudget(List<BatchItem> items) {
        if (budget == null || batchPrice == null) {
            return null;
        }
        CostEstimate next = CostEstimate.forRequests(items.stream().map(BatchItem::request).toList(),
                TokenEstimate.approximate(), LlmTeacher.Options.DEFAULT_MAX_TOKENS, batchPrice);
        double spent = meter.totalCost();
        if (spent + next.cost() <= budget.max()) {
            return null;
        }
        return String.format(Locale.ROOT, "budget of $%.4f would be exceeded: spent $%.4f, the next batch round"
                + " of %d requests could cost up to $%.4f more", budget.max(), spent, items.size(), next.cost());
    }

    private static Result result(PruneStage.Outcome last, int alreadyDone, int pruned, int failed, Stop stop,
            String reason) {
        CallReport calls = last.calls();
        if (stop == Stop.BUDGET) {
            // the stage itself did not stop: the rounds did, for the budget, which the report must say
            calls = new CallReport(calls.callFailures(), calls.lastFailure(), calls.deferred(), reason, true);
        }
        return new Result(new PruneStage.Outcome(last.selected(), alreadyDone, pruned, failed, calls), stop, reason);
    }
}
