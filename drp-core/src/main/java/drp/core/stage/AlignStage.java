package drp.core.stage;

import drp.core.align.Candidate;
import drp.core.align.CandidateScore;
import drp.core.chat.ChatModel;
import drp.core.chat.ScoreRequest;
import drp.core.chat.TargetScore;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.io.JsonlReader;
import drp.core.io.ResumableJsonlWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * The align stage: the student scores candidate training targets (teacher forcing, nothing
 * generated), one line of align.jsonl per candidate, resumable by {@link Candidate#key()}. How
 * likely the student finds a target, before any training, is what the paper could only observe
 * after it: how well a trace's structure fits the student's capacity.
 */
public final class AlignStage {

    /** The output file name inside a run directory (or an arm's folder). */
    public static final String OUTPUT = "align.jsonl";
    /** The summary written beside it. */
    public static final String SUMMARY = "align.summary.json";

    /** What a run did: every candidate is scored now, was scored before, or failed (not recorded). */
    public record Outcome(int selected, int alreadyDone, int scored, CallReport calls) {
        public int failed() {
            return selected - alreadyDone - scored;
        }
    }

    /** Hears about progress; called under the writer's lock, one at a time. */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void started(int total, int alreadyDone) {}

        default void finished(CandidateScore score) {}
    }

    private final ChatModel student;
    private final Function<Candidate, ScoreRequest> request;
    private final int concurrency;
    private final ThreadFactory threads;

    /**
     * @param student     the model whose likelihoods are measured (the base student)
     * @param request     turns a candidate into what is scored: its reply after its question
     *                    ({@link #asReply}), or a prompt and completion rendered through the
     *                    student's chat template
     * @param concurrency calls in flight
     */
    public AlignStage(ChatModel student, Function<Candidate, ScoreRequest> request, int concurrency) {
        this.student = Objects.requireNonNull(student, "student");
        this.request = Objects.requireNonNull(request, "request");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        this.concurrency = concurrency;
        this.threads = Thread.ofVirtual().name("align-", 0).factory();
    }

    /** The candidate's reply as the assistant's answer to its question, rendered by the model. */
    public static ScoreRequest asReply(Candidate c) {
        return ScoreRequest.reply(c.question(), c.assistant());
    }

    /**
     * Scores {@code candidates} into {@code output}, skipping keys already there.
     *
     * @throws IllegalArgumentException when two candidates share a key
     */
    public Outcome run(List<Candidate> candidates, Path output, Listener listener) {
        Set<String> keys = new HashSet<>();
        for (Candidate c : candidates) {
            if (!keys.add(c.key())) {
                throw new IllegalArgumentException("two candidates are " + c.key() + "; one line per id and variant");
            }
        }
        try (ResumableJsonlWriter writer = ResumableJsonlWriter.open(output, "key")) {
            List<Candidate> todo = candidates.stream().filter(c -> !writer.contains(c.key())).toList();
            int alreadyDone = candidates.size() - todo.size();
            listener.started(candidates.size(), alreadyDone);
            int[] scored = new int[1];
            CallReport calls = new ConcurrentStageRunner(concurrency, threads, "align", "scoring")
                    .run(todo, writer, this::score, score -> {
                        scored[0]++;
                        listener.finished(score);
                    });
            return new Outcome(candidates.size(), alreadyDone, scored[0], calls);
        }
    }

    /** Scores one candidate: the whole target, and each step where its text is found in it. */
    public CandidateScore score(Candidate c) {
        ScoreRequest r = request.apply(c);
        TargetScore score = student.score(r);
        return new CandidateScore(c.key(), c.id(), c.variant(), score.tokenCount(), score.totalNll(), score.meanNll(),
                stepNll(r.target(), c.steps(), score));
    }

    /** Each step's mean NLL, finding the steps in order in the scored text. */
    static List<Double> stepNll(String target, List<String> steps, TargetScore score) {
        List<Double> out = new ArrayList<>(steps.size());
        int from = 0;
        for (String step : steps) {
            int at = target.indexOf(step, from);
            if (at < 0) {
                out.add(null);
                continue;
            }
            double nll = score.meanNll(at, at + step.length());
            out.add(Double.isNaN(nll) ? null : nll);
            from = at + step.length();
        }
        return out;
    }

    /** Reads align.jsonl back (strict: it is drp's own output). */
    public static List<CandidateScore> read(Path output) {
        return JsonlReader.read(output, ErrorPolicy.STRICT, r -> JsonCodec.convert(r.node(), CandidateScore.class)).items();
    }
}
