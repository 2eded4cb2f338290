package drp.core.sft;

import drp.core.answer.AnswerChecker;
import drp.core.answer.AnswerFormat;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.io.JsonlReader;
import drp.core.problem.Problem;
import drp.core.stage.PrunedRecord;
import drp.core.token.TokenCounter;
import drp.core.trace.ThinkSplit;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The build stage: turns pruned traces (or reference solutions) into chat {@code messages}
 * examples in the shape the student answers in, {@code <think>\nREASONING\n</think>\n\nFINAL},
 * with the filters of {@link SftFilters}. It is cheap and deterministic, so it rewrites sft.jsonl
 * whole (atomically) instead of appending: the same inputs give the same file.
 */
public final class BuildStage {

    /** The output file name inside a run directory (or an arm's folder). */
    public static final String OUTPUT = "sft.jsonl";
    /** The summary file written beside it. */
    public static final String SUMMARY = "sft.summary.json";

    /** The examples and what happened to every input. */
    public record Result(List<SftExample> examples, BuildSummary summary) {}

    private final SftFilters filters;
    private final AnswerFormat format;
    private final AnswerChecker checker;
    private final TokenCounter counter;

    /**
     * @param format  how the final answer is stated after {@code </think>}
     * @param checker compares a trace's answer with the gold one
     * @param counter the student's tokenizer
     */
    public BuildStage(SftFilters filters, AnswerFormat format, AnswerChecker checker, TokenCounter counter) {
        this.filters = Objects.requireNonNull(filters, "filters");
        this.format = Objects.requireNonNull(format, "format");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.counter = Objects.requireNonNull(counter, "counter");
    }

    /**
     * Examples from pruned traces, in {@code order} (trace ids; pruned.jsonl is in the order traces
     * finished, training needs an order that never changes). Records not in {@code order} follow,
     * sorted by id.
     */
    public Result fromPruned(List<PrunedRecord> pruned, List<String> order) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.putIfAbsent(order.get(i), i);
        }
        List<PrunedRecord> ordered = new ArrayList<>(pruned);
        ordered.sort(Comparator.<PrunedRecord>comparingInt(r -> position.getOrDefault(r.id(), Integer.MAX_VALUE))
                .thenComparing(PrunedRecord::id));
        Collector out = new Collector(ordered.size());
        for (PrunedRecord r : ordered) {
            if (!r.ok()) {
                out.drop("prune_failed");
            } else if (!finished(r.synthesized(), r.answer())) {
                out.drop("unfinished");
            } else if (filters.answerPreserved() && !Boolean.TRUE.equals(r.answerPreserved())) {
                out.drop("answer_changed");
            } else if (filters.matchesGold() && (r.gold() == null || r.gold().isBlank())) {
                out.drop("no_gold");
            } else if (filters.matchesGold() && (r.answer() == null || !checker.check(r.gold(), r.answer()).isCorrect())) {
                out.drop("wrong_answer");
            } else {
                out.offer(r.id(), SftExample.PRUNED, r.question(), r.synthesized(), r.answer());
            }
        }
        return out.result();
    }

    /**
     * Examples from the problems' reference solutions (the reasoning of a worked solution,
     * {@code solution} in the problem's metadata), for the problems of {@code ids} in that order: the baseline that
     * distils the teacher's own short solutions instead of the student's pruned traces.
     *
     * @param ids          trace ids whose problems to take, in order ({@code <problem id>#...})
     * @param problemOfId  the problem behind each id
     */
    public Result fromSolutions(List<String> ids, Map<String, Problem> problemOfId) {
        return fromSolutions(ids, problemOfId, "solution");
    }

    /** As {@link #fromSolutions(List, Map)}, with the solutions in the metadata field {@code field}. */
    public Result fromSolutions(List<String> ids, Map<String, Problem> problemOfId, String field) {
        Collector out = new Collector(ids.size());
        for (String id : ids) {
            Problem p = problemOfId.get(id);
            String solution = p == null ? null : p.meta().get(field);
            if (solution == null || solution.isBlank()) {
                out.drop("no_solution");
            } else {
                out.offer(id, SftExample.SOLUTION, p.question(), solution, p.answer());
            }
        }
        return out.result();
    }

    /**
     * Whether a pruned trace is finished: it has reasoning and an answer, and no think tag of its
     * own (an open or stray {@code <think>}/{@code </think>} would leave the example's think block
     * unclosed, and a student trained on it would not learn to stop thinking).
     */
    static boolean finished(String reasoning, String answer) {
        return reasoning != null && !reasoning.isBlank() && answer != null && !answer.isBlank()
                && !reasoning.contains(ThinkSplit.OPEN) && !reasoning.contains(ThinkSplit.CLOSE);
    }

    /** sft.jsonl's content for {@code examples}. */
    public static String jsonl(List<SftExample> examples) {
        StringBuilder text = new StringBuilder();
        for (SftExample e : examples) {
            text.append(JsonCodec.line(e)).append('\n');
        }
        return text.toString();
    }

    /** Reads sft.jsonl back (strict: it is drp's own output). */
    public static List<SftExample> read(Path file) {
        return JsonlReader.read(file, ErrorPolicy.STRICT, r -> JsonCodec.convert(r.node(), SftExample.class)).items();
    }

    /** The assistant reply: the reasoning inside think tags, then the answer stated in the format. */
    public String assistant(String reasoning, String answer) {
        return ThinkSplit.OPEN + "\n" + reasoning.strip() + "\n" + ThinkSplit.CLOSE + "\n\n" + format.statement(answer);
    }

    /** Applies the length and duplicate filters and counts every drop. */
    private final class Collector {
        private final int read;
        private final List<SftExample> kept = new ArrayList<>();
        private final Map<String, Integer> dropped = new LinkedHashMap<>();
        private final Set<String> seen = new HashSet<>();
        private long tokens;

        Collector(int read) {
            this.read = read;
        }

        void drop(String reason) {
            dropped.merge(reason, 1, Integer::sum);
        }

        void offer(String id, String source, String question, String reasoning, String answer) {
            String assistant = assistant(reasoning, answer);
            int n = counter.count(assistant);
            if (n < filters.minTokens()) {
                drop("too_short");
            } else if (filters.maxTokens() > 0 && n > filters.maxTokens()) {
                drop("too_long");
            } else if (filters.dedup() && !seen.add(question + "\u0000" + assistant)) {
                drop("duplicate");
            } else {
                kept.add(SftExample.reply(id, source, question, assistant, n));
                tokens += n;
            }
        }

        Result result() {
            return new Result(List.copyOf(kept), new BuildSummary(read, kept.size(), dropped, tokens));
        }
    }
}
