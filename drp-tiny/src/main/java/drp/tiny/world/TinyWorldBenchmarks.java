package drp.tiny.world;

import drp.core.answer.AnswerFormat;
import drp.core.bench.Benchmark;
import drp.core.bench.BenchmarkProvider;
import drp.core.bench.ProblemFields;
import drp.core.bench.PromptStyle;
import drp.core.io.JsonCodec;
import drp.tiny.TinyStudent;
import drp.tiny.base.TrainingRecord;
import drp.tiny.chat.TinyChatModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tiny-world:train} and {@code tiny-world:test}: word problems of the synthetic world a
 * drp-tiny student learned, as benchmarks graded like GSM8K. The world is the student's: its
 * checkpoint's {@code training_record.json} names the world's settings and the seed of its test
 * split ({@code tiny:base}: the shipped base student's). The two splits are disjoint by
 * construction (see {@link World}).
 *
 * <p>The problems are written as JSONL ({@code question}, {@code answer}, and {@code solution}: the
 * reasoning of the world's teacher, a short solution in its own order and wording, for the
 * baseline that distils the teacher's solutions; and {@code stronger_solution}: the same problem
 * solved the way a different, stronger model would, top-down in combined expressions and other
 * words, for the baseline whose teacher's structure the student never produced). The question is the whole prompt (the student's
 * chat template wraps it) and answers are stated as "The answer is N.".
 */
public final class TinyWorldBenchmarks implements BenchmarkProvider {

    /** The seed of the training split's draw (the test split's is the world's own). */
    public static final long TRAIN_SEED = 2;

    private static final Map<String, String> TITLES = Map.of(
            "tiny-world:train", "tiny world (train)", "tiny-world:test", "tiny world (test)");

    @Override
    public boolean knows(String name) {
        return TITLES.containsKey(name);
    }

    @Override
    public Benchmark write(String name, int count, String student, Path directory) {
        if (!knows(name)) {
            throw new IllegalArgumentException("not a tiny-world benchmark: " + name);
        }
        if (count < 1) {
            throw new IllegalArgumentException(name + ": the world is unbounded; give a limit of at least 1 problem");
        }
        TrainingRecord record = record(student);
        World world = new World(record.world());
        boolean train = name.endsWith(":train");
        List<WordProblem> problems = train ? world.train(TRAIN_SEED, count) : world.test(record.worldSeed(), count);
        StringBuilder text = new StringBuilder();
        for (WordProblem p : problems) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("question", p.question());
            line.put("answer", p.answerText());
            line.put("solution", World.teacherSolution(p).think());
            line.put("stronger_solution", World.strongerModelSolution(p).think());
            text.append(JsonCodec.line(line)).append('\n');
        }
        Path file = directory.resolve(name.replace(':', '-') + ".jsonl");
        try {
            Files.createDirectories(directory);
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        AnswerFormat format = AnswerFormat.THE_ANSWER_IS;
        return new Benchmark(name, TITLES.get(name), file,
                ProblemFields.of("question", "answer").withMeta(List.of("solution", "stronger_solution")),
                train ? "tiny-train" : "tiny-test", PromptStyle.QUESTION_ONLY, format, format.extractionOrder());
    }

    /** The training record of the student behind {@code student} ({@code tiny:base} or {@code tiny:DIR}). */
    static TrainingRecord record(String student) {
        String prefix = TinyChatModel.SCHEME + ":";
        if (!student.startsWith(prefix)) {
            throw new IllegalArgumentException("tiny-world benchmarks are the world of a drp-tiny student; the student "
                    + student + " is not one (write tiny:base or tiny:DIR)");
        }
        String location = student.substring(prefix.length());
        try {
            if (location.equals(TinyChatModel.BASE)) {
                try (InputStream in = TinyStudent.class.getClassLoader()
                        .getResourceAsStream(TinyStudent.BASE_RESOURCE + TrainingRecord.FILE_NAME)) {
                    if (in == null) {
                        throw new IllegalArgumentException("the shipped base student is not in this build");
                    }
                    return TrainingRecord.read(in);
                }
            }
            Path file = Path.of(location).resolve(TrainingRecord.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(student + ": no " + TrainingRecord.FILE_NAME + " there; tiny-world"
                        + " benchmarks need the record of the world the student learned (drp tiny train-base writes it)");
            }
            return TrainingRecord.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the training record of " + student + ": " + e.getMessage(), e);
        }
    }
}
