package drp.core.grade;

import drp.core.answer.AnswerChecker;
import drp.core.answer.BasicAnswerChecker;
import drp.core.answer.ExtractionRule;
import drp.core.answer.Verdict;
import drp.core.answer.AnswerFormat;
import drp.core.bench.Benchmark;
import drp.core.bench.GoldForm;
import drp.core.bench.ProblemFields;
import drp.core.bench.PromptStyle;
import drp.core.stats.Bootstrap;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** The grading fixtures under {@code drp/core/grade} and the pieces tests grade them with. */
final class GradeFixtures {

    private GradeFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(GradeFixtures.class.getResource("/drp/core/grade/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource drp/core/grade/" + name, e);
        }
    }

    /** The bench tests' small copy of the benchmarks directory. */
    static Path benchmarksMini() {
        try {
            return Path.of(GradeFixtures.class.getResource("/drp/core/bench/mini").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first six GSM8K test problems, as the standard gsm8k:test benchmark reads them. */
    static Benchmark gsm8k6() {
        return new Benchmark("gsm8k:test", "GSM8K", resource("gsm8k-test-6.jsonl"),
                ProblemFields.of("question", "answer").withGold(GoldForm.HASH_MARK_LINE), "gsm8k-test",
                PromptStyle.R1_BOXED, AnswerFormat.BOXED, List.of(ExtractionRule.BOXED, ExtractionRule.HASH_MARK,
                        ExtractionRule.THE_ANSWER_IS, ExtractionRule.FINAL_ANSWER_IS, ExtractionRule.LAST_NUMBER));
    }

    /** Few resamples keep tests fast; the seed keeps them deterministic. */
    static final Bootstrap FAST_BOOTSTRAP = new Bootstrap(2000, 1, 0.95);

    /**
     * The basic checker, except that an integral "takes too long": stands in for a CAS check that
     * hits its time bound.
     */
    static final AnswerChecker SLOW_ON_INTEGRALS = new AnswerChecker() {
        private final BasicAnswerChecker basic = new BasicAnswerChecker();

        @Override
        public Verdict check(String gold, String predicted) {
            return predicted.contains("\\int") ? new Verdict.TimedOut("symbolic check exceeded 5 s")
                    : basic.check(gold, predicted);
        }
    };
}
