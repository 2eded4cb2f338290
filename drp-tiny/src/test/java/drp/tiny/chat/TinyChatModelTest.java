package drp.tiny.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.ChatException;
import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModel;
import drp.core.chat.ChatModelContract;
import drp.core.chat.ChatModelProvider;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.FinishReason;
import drp.core.chat.ModelId;
import drp.tiny.Reply;
import drp.tiny.TinyFixtures;
import drp.tiny.TinyStudent;
import drp.tiny.base.BaseStudentRecipe;
import drp.tiny.world.World;
import drp.tiny.world.WordProblem;
import drp.tiny.sample.SamplingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded student as a ChatModel: the port's contract, and what the tiny adapter adds. */
class TinyChatModelTest {

    /** A small random model: it writes gibberish from the world's vocabulary, fast. */
    static TinyStudent student() {
        return new TinyStudent(TinyFixtures.randomModel(32, 1, 2, 64, false, 3, 4f), TinyFixtures.vocabulary());
    }

    static TinyChatModel model() {
        return new TinyChatModel(student(), new ModelId("tiny:test", "test"));
    }

    @Nested
    class Contract extends ChatModelContract {
        @Override
        protected ChatModel createModel() {
            return model();
        }
    }

    @Test
    void streamedPiecesAddUpToTheAnswerAndEqualTheBatchedSampler() {
        TinyChatModel model = model();
        String question = TinyFixtures.problems(1).getFirst().question();
        Map<Integer, StringBuilder> streamed = new HashMap<>();
        ChatResponse response = model.chat(ChatRequest.builder().user(question).temperature(0.8).seed(5L).n(2)
                .maxTokens(40).build(), (index, piece) -> streamed.computeIfAbsent(index, i -> new StringBuilder()).append(piece));

        List<Reply> batched = model.student().answer(List.of(question, question), new SamplingOptions(0.8f, 1f, 40, 5L));
        for (int i = 0; i < 2; i++) {
            assertThat(response.choices().get(i).text()).isEqualTo(batched.get(i).text());
            assertThat(streamed.get(i).toString()).isEqualTo(batched.get(i).text());
        }
        assertThat(response.choices().get(0).text()).isNotEqualTo(response.choices().get(1).text());
        assertThat(response.usage().completionTokens())
                .isEqualTo(batched.get(0).outputTokens() + batched.get(1).outputTokens());
        assertThat(response.usage().promptTokens()).isEqualTo(model.student().chat().prompt(question).length);
    }

    /**
     * Concurrent calls share the decoding slots, and an answer does not depend on them: the same
     * request answered alone, and twice among 40 concurrent others (once at the start, once while
     * the others are half-way), gives the identical text.
     */
    @Test
    void anAnswerIsTheSameAloneAndAmongFortyConcurrentRequests() throws Exception {
        List<WordProblem> problems = TinyFixtures.problems(41);
        ChatRequest mine = ChatRequest.builder().user(problems.getFirst().question()).temperature(0.8).topP(0.95)
                .seed(11L).maxTokens(60).build();
        String alone;
        try (TinyChatModel model = model()) {
            alone = model.chat(mine).text();
        }
        try (TinyChatModel model = model(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<ChatResponse> first = pool.submit(() -> model.chat(mine));
            CountDownLatch halfWay = new CountDownLatch(20);
            List<Future<ChatResponse>> others = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                ChatRequest other = ChatRequest.builder().user(problems.get(i).question()).temperature(0.8)
                        .seed((long) i).maxTokens(20 + i).build();
                others.add(pool.submit(() -> {
                    try {
                        return model.chat(other);
                    } finally {
                        halfWay.countDown();
                    }
                }));
            }
            assertThat(halfWay.await(60, TimeUnit.SECONDS)).isTrue();
            Future<ChatResponse> late = pool.submit(() -> model.chat(mine));
            assertThat(first.get().text()).isEqualTo(alone);
            assertThat(late.get().text()).isEqualTo(alone);
            for (Future<ChatResponse> other : others) {
                assertThat(other.get().choices()).hasSize(1);
            }
            assertThat(others.getFirst().get().text()).isNotEqualTo(alone);
        }
        assertThat(alone).hasSizeGreaterThan(20); // the comparison says something
    }

    @Test
    void anInterruptedCallerGetsCancelledAndTheModelAnswersOthers() {
        try (TinyChatModel model = model()) {
            ChatRequest request = ChatRequest.builder().user("How many?").maxTokens(40).build();
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> model.chat(request)).isInstanceOf(ChatException.class)
                    .hasMessageContaining("interrupted")
                    .satisfies(e -> assertThat(((ChatException) e).failure()).isEqualTo(ChatFailure.CANCELLED));
            assertThat(Thread.interrupted()).as("the interrupt is kept for the caller").isTrue();
            assertThat(model.chat(request).choices()).hasSize(1);
        }
    }

    @Test
    void aFailingListenerFailsItsOwnCallOnly() {
        try (TinyChatModel model = model()) {
            ChatRequest request = ChatRequest.builder().user("How many?").temperature(0.0).maxTokens(30).build();
            String expected = model.chat(request).text();
            assertThatThrownBy(() -> model.chat(request, (index, piece) -> {
                throw new IllegalStateException("client went away");
            })).isInstanceOf(IllegalStateException.class).hasMessage("client went away");
            assertThat(model.chat(request).text()).isEqualTo(expected);
        }
    }

    @Test
    void aStopSequenceCutsTheTextAndTheStreamNeverShowsIt() {
        TinyChatModel model = model();
        ChatRequest free = ChatRequest.builder().user("How many?").temperature(0.0).maxTokens(60).build();
        String text = model.chat(free).text();
        assertThat(text.length()).as("the reference answer: %s", text).isGreaterThan(12);
        String stop = text.substring(8, 11);
        List<String> pieces = new ArrayList<>();
        ChatResponse cut = model.chat(free.toBuilder().stop(stop).build(), (i, piece) -> pieces.add(piece));

        assertThat(cut.text()).isEqualTo(text.substring(0, text.indexOf(stop)));
        assertThat(String.join("", pieces)).isEqualTo(cut.text());
        assertThat(cut.first().finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void theTokenBudgetEndsWithLength() {
        ChatResponse response = model().chat(ChatRequest.builder().user("How many?").temperature(0.0).maxTokens(5).build());
        assertThat(response.usage().completionTokens()).isLessThanOrEqualTo(5);
        if (response.usage().completionTokens() == 5) {
            assertThat(response.first().finishReason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    @Test
    void refusesWhatTheTemplateCannotHoldWithABadRequest() {
        TinyChatModel model = model();
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().user("a").assistant("b").user("c").build()))
                .isInstanceOf(ChatException.class).hasMessageContaining("assistant turns")
                .satisfies(e -> assertThat(((ChatException) e).failure()).isEqualTo(ChatFailure.BAD_REQUEST));
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().user("a").logprobs(2).build()))
                .hasMessageContaining("log-probabilities");
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().user("a").extra("top_k", 5).build()))
                .hasMessageContaining("top_k");
        assertThatThrownBy(() -> model.chat(ChatRequest.builder().rawPrompt("x ".repeat(600)).build()))
                .hasMessageContaining("context");
    }

    @Test
    void isFoundAsTheTinyProviderAndOpensTheShippedBaseStudent() {
        List<ChatModelProvider> tiny = ServiceLoader.load(ChatModelProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.scheme().equals("tiny")).toList();
        assertThat(tiny).hasSize(1);
        assertThat(tiny.getFirst().usage()).startsWith("tiny:CHECKPOINT_DIR");
        try (ChatModel base = tiny.getFirst().open("base")) {
            assertThat(base.id().model()).isEqualTo("base");
            assertThat(base.id().endpoint()).matches("tiny:base@[0-9a-f]{12}");
            // the shipped student's record says it answers the first test problem correctly, greedily
            WordProblem problem = new World(BaseStudentRecipe.defaults().world()).test(1, 1).getFirst();
            ChatResponse answer = base.chat(ChatRequest.builder().user(problem.question()).temperature(0.0).build());
            assertThat(answer.text()).contains("</think>").endsWith("The answer is " + problem.answer() + ".");
            assertThat(answer.first().finishReason()).isEqualTo(FinishReason.STOP);
        }
    }

    @Test
    void opensACheckpointFolderAndNamesTheModelAfterIt(@TempDir Path dir) throws Exception {
        Path checkpoint = dir.resolve("my-student");
        student().save(checkpoint);
        TinyChatModel model = TinyChatModel.open(checkpoint.toString());
        assertThat(model.id().model()).isEqualTo("my-student");
        assertThat(model.id().endpoint()).startsWith("tiny:" + checkpoint.toAbsolutePath().normalize() + "@")
                .matches(".*@[0-9a-f]{12}");
        assertThat(model.chat(ChatRequest.builder().user("How many?").maxTokens(4).build()).choices()).hasSize(1);
        // the same folder with other weights (a checkpoint retrained in place) is another model
        TinyStudent other = student().copy();
        other.model().parameters().data[0] += 1f;
        other.save(checkpoint);
        assertThat(TinyChatModel.open(checkpoint.toString()).id()).isNotEqualTo(model.id());
        assertThat(TinyChatModel.open(checkpoint.toString()).id().model()).isEqualTo("my-student");

        assertThatThrownBy(() -> TinyChatModel.open(dir.resolve("missing").toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such checkpoint folder");
        assertThatThrownBy(() -> TinyChatModel.open(dir.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no config.json");
    }
}
