package drp.core.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.ModelId;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.core.stage.AlignStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The align stage, its summary and capacity-aware selection, with a scorer whose numbers are known. */
class AlignmentTest {

    /**
     * Scores one token per word; a word's log-probability is minus its length over 10, so "aaaa"
     * costs 0.4 nats and the numbers of every test follow by hand.
     */
    static final class WordScorer implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ModelId id() {
            return new ModelId("test:", "words");
        }

        @Override
        public ChatResponse chat(ChatRequest request) {
            throw new AssertionError("the align stage only scores; it never asks for a chat");
        }

        @Override
        public TargetScore score(ScoreRequest request) {
            calls.incrementAndGet();
            List<ScoredToken> tokens = new ArrayList<>();
            String t = request.target();
            int i = 0;
            while (i < t.length()) {
                while (i < t.length() && t.charAt(i) == ' ') {
                    i++;
                }
                int start = i;
                while (i < t.length() && t.charAt(i) != ' ') {
                    i++;
                }
                if (i > start) {
                    tokens.add(new ScoredToken(t.substring(start, i), start, -(i - start) / 10.0));
                }
            }
            return new TargetScore("words", tokens);
        }
    }

    private static Candidate candidate(String id, String variant, String... steps) {
        return new Candidate(id, variant, "q" + id, String.join(" ", steps), List.of(steps));
    }

    @Test
    void scoresAreTheModelsNllsPerCandidateAndPerStep(@TempDir Path dir) {
        WordScorer model = new WordScorer();
        AlignStage stage = new AlignStage(model, AlignStage::asReply, 4);
        Candidate c = candidate("1", "original", "aa bb", "cccc");
        CandidateScore s = stage.score(c);
        assertThat(s.tokens()).isEqualTo(3);
        assertThat(s.totalNll()).isCloseTo(0.8, within(1e-12));
        assertThat(s.meanNll()).isCloseTo(0.8 / 3, within(1e-12));
        assertThat(s.stepNll()).containsExactly(0.2, 0.4);
    }

    @Test
    void aRerunScoresOnlyWhatIsMissingAndTheSummaryCountsEveryCandidate(@TempDir Path dir) throws Exception {
        List<Candidate> all = List.of(candidate("1", "original", "aaaa aaaa"), candidate("1", "drp", "aa"),
                candidate("2", "original", "aaaaaaaaaaaaaaa"), candidate("2", "drp", "a a"));
        Path out = dir.resolve(AlignStage.OUTPUT);
        WordScorer model = new WordScorer();
        AlignStage stage = new AlignStage(model, AlignStage::asReply, 2);
        AlignStage.Outcome first = stage.run(all.subList(0, 3), out, AlignStage.Listener.NONE);
        assertThat(first.scored()).isEqualTo(3);
        AlignStage.Outcome second = stage.run(all, out, AlignStage.Listener.NONE);
        assertThat(second.alreadyDone()).isEqualTo(3);
        assertThat(second.scored()).isEqualTo(1);
        assertThat(second.failed()).isZero();
        assertThat(model.calls).hasValue(4);
        List<CandidateScore> scores = AlignStage.read(out);
        assertThat(scores).extracting(CandidateScore::key).doesNotHaveDuplicates().hasSize(4);
        assertThat(Files.readAllLines(out)).hasSize(4);

        AlignmentSummary summary = AlignmentSummary.of("words", 1.0, scores, List.of("original"));
        List<CandidateScore> reversed = new ArrayList<>(scores);
        java.util.Collections.reverse(reversed);
        assertThat(AlignmentSummary.of("words", 1.0, reversed, List.of("original"))).isEqualTo(summary);
        assertThat(summary.variants()).extracting(VariantAlignment::variant).containsExactly("original", "drp");
        VariantAlignment original = summary.variant("original").orElseThrow();
        assertThat(original.candidates()).isEqualTo(2);
        assertThat(original.meanNll()).isCloseTo((0.4 + 1.5) / 2, within(1e-12));
        assertThat(original.pooledNll()).isCloseTo((0.8 + 1.5) / 3, within(1e-12));
        assertThat(original.meanTokens()).isEqualTo(1.5);
        assertThat(original.surprisingShare()).isEqualTo(0.5); // the 15-letter step is above 1 nat
        assertThat(original.meanNllInterval().contains(original.meanNll())).isTrue();
        assertThat(summary.variant("drp").orElseThrow().meanNll()).isCloseTo((0.2 + 0.1) / 2, within(1e-12));
    }

    @Test
    void twoCandidatesWithOneKeyAreRefused(@TempDir Path dir) {
        AlignStage stage = new AlignStage(new WordScorer(), AlignStage::asReply, 1);
        assertThatThrownBy(() -> stage.run(List.of(candidate("1", "drp", "a"), candidate("1", "drp", "b")),
                dir.resolve("a.jsonl"), AlignStage.Listener.NONE)).hasMessageContaining("drp|1");
    }

    @Test
    void selectionTakesTheShortestCandidateWithinTheThresholdOfTheOriginal() {
        AlignStage stage = new AlignStage(new WordScorer(), AlignStage::asReply, 1);
        Candidate original = candidate("1", "original", "aaa aaa aaa aaa");  // 4 tokens, 0.3 each
        Candidate near = candidate("1", "drp", "aaa aaaa");                   // 2 tokens, mean 0.35
        Candidate shortFar = candidate("1", "teacher", "aaaaaaaaa");          // 1 token, 0.9: too far
        Candidate tie = candidate("1", "sentence", "aaaa aaa");               // 2 tokens, mean 0.35
        List<CapacityAwareSelection.Scored> scored = new ArrayList<>();
        for (Candidate c : List.of(near, shortFar, tie, original)) {
            scored.add(new CapacityAwareSelection.Scored(c, stage.score(c)));
        }
        CandidateScore originalScore = stage.score(original);

        var chosen = new CapacityAwareSelection(0.1).choose(originalScore, scored).orElseThrow();
        assertThat(chosen.candidate()).isEqualTo(near);
        assertThat(chosen.selection().chosen()).isEqualTo("drp");
        assertThat(chosen.selection().originalNll()).isCloseTo(0.3, within(1e-12));
        assertThat(chosen.selection().candidates().get("teacher").eligible()).isFalse();
        assertThat(chosen.selection().candidates()).containsOnlyKeys("drp", "teacher", "sentence", "original");

        assertThat(new CapacityAwareSelection(1.0).choose(originalScore, scored).orElseThrow().candidate())
                .isEqualTo(shortFar);
        assertThat(new CapacityAwareSelection(0.0).choose(originalScore, scored).orElseThrow().candidate())
                .isEqualTo(original);
        assertThat(new CapacityAwareSelection(0.0).choose(originalScore, scored.subList(0, 3))).isEmpty();
        assertThatThrownBy(() -> new CapacityAwareSelection(-0.1)).hasMessageContaining(">= 0");
    }

    @Test
    void stepsAreParagraphs() {
        assertThat(Candidate.paragraphs("\nFirst step.\n\nSecond\nline.\n \nThird.\n")).containsExactly(
                "First step.", "Second\nline.", "Third.");
    }
}
