package drp.tiny.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatMessage;
import drp.core.chat.ModelId;
import drp.core.chat.Prompt;
import drp.core.chat.ScoreRequest;
import drp.core.chat.ScoredToken;
import drp.core.chat.TargetScore;
import drp.tiny.TinyFixtures;
import drp.tiny.TinyStudent;
import drp.tiny.model.Decoder;
import drp.tiny.model.KvCache;
import drp.tiny.token.Vocabulary;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scoring a given reply with the embedded student: the log-probabilities equal those of an
 * independent pass over the same ids (the decoder's KV-cache path, token by token, with its own
 * softmax here), and the offsets cut the target where its tokens begin.
 */
class TinyScoringTest {

    private final TinyStudent student = TinyChatModelTest.student();
    private final TinyChatModel model = new TinyChatModel(student, new ModelId("tiny:test", "test"));
    private final WordProblem problem = TinyFixtures.problems(1).getFirst();
    private final String target = World.nativeTrace(problem, 1).think() + " The answer is " + problem.answer() + ".";

    @Test
    void logprobsEqualADirectForwardPassOverTheSameIds() {
        TargetScore score = model.score(ScoreRequest.reply(problem.question(), target));

        int[] prompt = student.chat().prompt(problem.question());
        int[] ids = student.tokenizer().encode(target);
        assertThat(score.tokenCount()).isEqualTo(ids.length);
        Decoder decoder = new Decoder(student.model());
        KvCache cache = decoder.newCache();
        float[] logits = decoder.prefill(prompt, cache);
        int v = student.model().config().vocabSize();
        for (int k = 0; k < ids.length; k++) {
            double expected = logSoftmax(logits, v, ids[k]);
            assertThat(score.tokens().get(k).logprob()).as("token %d '%s'", k, score.tokens().get(k).text())
                    .isCloseTo(expected, within(2e-4 + 1e-4 * Math.abs(expected)));
            float[] next = new float[v];
            decoder.step(new int[] {ids[k]}, new KvCache[] {cache}, next);
            logits = next;
        }
        double total = 0;
        for (ScoredToken t : score.tokens()) {
            total -= t.logprob();
        }
        assertThat(score.totalNll()).isEqualTo(total);
        assertThat(score.meanNll()).isCloseTo(total / ids.length, within(1e-12));
    }

    @Test
    void offsetsAreWhereEachTokenBeginsInTheTarget() {
        TargetScore score = model.score(ScoreRequest.reply(problem.question(), target));
        StringBuilder rebuilt = new StringBuilder();
        for (ScoredToken t : score.tokens()) {
            assertThat(t.offset()).isEqualTo(rebuilt.length());
            rebuilt.append(t.text());
        }
        assertThat(rebuilt.toString()).isEqualTo(target);
        assertThat(score.meanNll(0, target.length())).isCloseTo(score.meanNll(), within(1e-12));
        int half = target.length() / 2;
        double first = score.meanNll(0, half);
        double second = score.meanNll(half, target.length());
        long inFirst = score.tokens().stream().filter(t -> t.offset() < half).count();
        assertThat(first * inFirst + second * (score.tokenCount() - inFirst)).isCloseTo(score.totalNll(), within(1e-9));
    }

    @Test
    void aRawPromptInTheTemplateScoresLikeTheConversation() {
        String rendered = Vocabulary.BOS + Vocabulary.USER + problem.question() + Vocabulary.ASSISTANT;
        TargetScore raw = model.score(ScoreRequest.afterText(rendered, target));
        TargetScore chat = model.score(ScoreRequest.reply(problem.question(), target));
        assertThat(raw.tokens()).isEqualTo(chat.tokens());
    }

    @Test
    void scoringAWholeTextGivesEveryTokenAfterItsStartAndEndsAsTheTargetsScore() {
        String rendered = Vocabulary.BOS + Vocabulary.USER + problem.question() + Vocabulary.ASSISTANT;
        TargetScore whole = model.scoreText(rendered + target);
        TargetScore part = model.score(ScoreRequest.afterText(rendered, target));

        // the leading <s> is the start, not a scored token; the template's tokens are
        assertThat(whole.tokens().getFirst().text()).isEqualTo(Vocabulary.USER);
        assertThat(whole.usage().promptTokens()).isEqualTo(whole.tokenCount() + 1);
        List<ScoredToken> tail = whole.tokens().subList(whole.tokenCount() - part.tokenCount(), whole.tokenCount());
        for (int k = 0; k < tail.size(); k++) {
            assertThat(tail.get(k).text()).isEqualTo(part.tokens().get(k).text());
            assertThat(tail.get(k).logprob()).isCloseTo(part.tokens().get(k).logprob(), within(1e-5));
        }
        // without a written <s> one is put first, as for a raw prompt
        assertThat(model.scoreText("The answer is 4.").tokenCount())
                .isEqualTo(student.tokenizer().encode("The answer is 4.").length);
    }

    @Test
    void aLessLikelyTargetScoresWorse() {
        // a student trained on the world writes its own traces; the same words shuffled are foreign
        TinyChatModel base = new TinyChatModel(TinyStudent.loadBase(), new ModelId("tiny:base", "base"));
        List<String> words = new java.util.ArrayList<>(List.of(target.split(" ")));
        java.util.Collections.reverse(words);
        double own = base.score(ScoreRequest.reply(problem.question(), target)).meanNll();
        double reversed = base.score(ScoreRequest.reply(problem.question(), String.join(" ", words))).meanNll();
        assertThat(own).isLessThan(reversed);
    }

    @Test
    void anAssistantTurnInThePromptIsRefused() {
        ScoreRequest request = new ScoreRequest(new Prompt.Messages(List.of(
                ChatMessage.user("q"), ChatMessage.assistant("a"), ChatMessage.user("q2"))), "x");
        assertThatThrownBy(() -> model.score(request)).isInstanceOf(ChatException.class)
                .satisfies(e -> assertThat(((ChatException) e).failure()).isEqualTo(ChatFailure.BAD_REQUEST));
    }

    private static double logSoftmax(float[] logits, int v, int id) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            max = Math.max(max, logits[i]);
        }
        double sum = 0;
        for (int i = 0; i < v; i++) {
            sum += Math.exp(logits[i] - max);
        }
        return logits[id] - max - Math.log(sum);
    }
}
