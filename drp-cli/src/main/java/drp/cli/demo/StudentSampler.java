package drp.cli.demo;

import drp.core.grade.GradedRecord;
import drp.core.grade.Grader;
import drp.core.grade.ModelOutput;
import drp.core.io.ErrorPolicy;
import drp.core.io.JsonCodec;
import drp.core.io.JsonlReader;
import drp.core.io.ResumableJsonlWriter;
import drp.core.problem.Problem;
import drp.core.trace.ThinkSplit;
import drp.tiny.Reply;
import drp.tiny.TinyStudent;
import drp.tiny.sample.SamplingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Has a student answer problems and appends its graded answers to a completions file, resumably.
 *
 * <p>Problems are answered in fixed chunks; chunk c is sampled with its own seed derived from the
 * run's seed, and sequence i of a chunk from (that seed, i), so the text of every record depends
 * only on the settings, never on where an earlier run was interrupted. A chunk whose records are
 * all written is skipped; a chunk cut short is sampled again and only its missing records are
 * appended.
 */
final class StudentSampler {

    /** Problems per sampling call: one fill of the student's 64 decoding slots (Sampler.DEFAULT_SLOTS). */
    static final int CHUNK = 64;

    private final TinyStudent student;
    private final String model;
    private final Grader grader;

    StudentSampler(TinyStudent student, String model, Grader grader) {
        this.student = student;
        this.model = model;
        this.grader = grader;
    }

    /**
     * Answers each problem once with {@code options} (its seed is the run's seed) into {@code out}.
     *
     * @param seed the seed recorded in each record's key: the sampling seed, or 0 for greedy answers
     * @return every record of the file for these problems, in problem order
     */
    List<DemoCompletion> run(String phase, List<Problem> problems, long seed, SamplingOptions options, Path out,
                             DemoListener listener) {
        try (ResumableJsonlWriter writer = ResumableJsonlWriter.open(out, "id")) {
            long already = problems.stream().filter(p -> writer.contains(key(p, seed))).count();
            long[] generated = {0};
            long start = System.nanoTime();
            try (DemoListener.Tracker tracker = listener.start(phase, problems.size(), already, "problems")) {
                for (int from = 0; from < problems.size(); from += CHUNK) {
                    List<Problem> chunk = problems.subList(from, Math.min(problems.size(), from + CHUNK));
                    if (chunk.stream().allMatch(p -> writer.contains(key(p, seed)))) {
                        continue;
                    }
                    long requestSeed = chunkSeed(options.seed(), from / CHUNK);
                    long before = generated[0];
                    List<Reply> replies = student.answer(chunk.stream().map(Problem::question).toList(),
                            options.withSeed(requestSeed), p -> {
                                generated[0] = before + p.generatedTokens();
                                double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
                                tracker.step(String.format("%,.0f tok/s | %,d tokens", generated[0] / seconds, generated[0]));
                            });
                    for (int i = 0; i < chunk.size(); i++) {
                        writer.append(record(chunk.get(i), seed, requestSeed, replies.get(i), out));
                    }
                }
            }
        }
        return read(out, problems, seed);
    }

    /** The records of {@code file} for {@code problems} and {@code seed}, in problem order. */
    static List<DemoCompletion> read(Path file, List<Problem> problems, long seed) {
        Map<String, DemoCompletion> byId = new HashMap<>();
        if (Files.exists(file)) {
            JsonlReader.read(file, ErrorPolicy.STRICT, r -> JsonCodec.convert(r.node(), DemoCompletion.class)).items()
                    .forEach(c -> byId.put(c.id(), c));
        }
        List<DemoCompletion> ordered = new ArrayList<>(problems.size());
        for (Problem p : problems) {
            DemoCompletion c = byId.get(key(p, seed));
            if (c == null) {
                throw new IllegalStateException(file + " has no answer to " + p.id() + " for seed " + seed);
            }
            ordered.add(c);
        }
        return ordered;
    }

    static String key(Problem problem, long seed) {
        return GradedRecord.key(problem.id(), seed, 0);
    }

    /** A distinct, well-mixed seed per chunk (SplitMix64's finalizer). */
    static long chunkSeed(long seed, int chunk) {
        long x = seed * 0x9E3779B97F4A7C15L + chunk + 1;
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }

    private DemoCompletion record(Problem problem, long seed, long requestSeed, Reply reply, Path file) {
        ThinkSplit split = ThinkSplit.of(reply.text());
        ModelOutput output = new ModelOutput(problem.id(), 0, seed, reply.text(), split.think(), reply.outputTokens(),
                reply.finishReason(), file, 0);
        GradedRecord graded = grader.grade(problem, output, reply.outputTokens());
        return new DemoCompletion(key(problem, seed), problem.id(), 0, seed, requestSeed, model, problem.question(),
                problem.answer(), problem.question(), reply.text(), split.think(), graded.extractedAnswer(),
                graded.correct(), reply.outputTokens(), reply.finishReason());
    }
}
