package drp.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ChatModel} must show, adapter or decorator. An adapter's test class
 * extends this and says how to build the model under test; the assertions hold for any model, real
 * or scripted, so the suite also runs against live servers.
 */
public abstract class ChatModelContract {

    protected ChatModel model;

    /** A fresh model under test; it is closed after each test. */
    protected abstract ChatModel createModel();

    /** Whether the model serves raw prompts (the completions endpoint). */
    protected boolean supportsRawPrompt() {
        return true;
    }

    /** Whether greedy decoding with a fixed seed gives the same text twice (false for batched GPU servers). */
    protected boolean deterministicWhenGreedy() {
        return true;
    }

    /** Strings that must never show in the model's id or toString, e.g. its API key. */
    protected Set<String> secrets() {
        return Set.of();
    }

    @BeforeEach
    void openModel() {
        model = createModel();
    }

    @AfterEach
    void closeModel() {
        // null when createModel() skipped the test (its data is absent)
        if (model != null) {
            model.close();
        }
    }

    @Test
    void answersAChatRequest() {
        ChatResponse response = model.chat(ChatRequest.builder()
                .system("You are terse.")
                .user("Say hello.")
                .maxTokens(32)
                .build());

        assertThat(response.choices()).hasSize(1);
        assertThat(response.first().index()).isZero();
        assertThat(response.text()).isNotNull();
        assertThat(response.model()).isNotBlank();
        assertThat(response.usage().promptTokens()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void returnsNChoicesInIndexOrder() {
        ChatResponse response = model.chat(ChatRequest.builder()
                .user("Name a colour.").n(3).temperature(1.0).seed(7L).maxTokens(16).build());

        assertThat(response.choices()).extracting(Choice::index).containsExactly(0, 1, 2);
    }

    @Test
    void neverGeneratesMoreThanMaxTokensPerChoice() {
        ChatResponse response = model.chat(ChatRequest.builder()
                .user("Count from one to one hundred in words.").maxTokens(3).build());

        long reported = response.usage().completionTokens();
        assertThat(reported).as("completion tokens for max_tokens=3").isLessThanOrEqualTo(3);
    }

    @Test
    void leavesStopSequencesOutOfTheText() {
        ChatResponse response = model.chat(ChatRequest.builder()
                .user("Write the words: alpha beta gamma delta.").stop("gamma").maxTokens(32).build());

        assertThat(response.text()).doesNotContain("gamma");
    }

    @Test
    void greedyWithASeedIsRepeatable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(deterministicWhenGreedy(), "model is not deterministic");
        ChatRequest request = ChatRequest.builder()
                .user("What is 2 + 3?").temperature(0.0).seed(42L).maxTokens(16).build();

        assertThat(model.chat(request).text()).isEqualTo(model.chat(request).text());
    }

    @Test
    void answersARawPrompt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(supportsRawPrompt(), "model has no completions endpoint");
        ChatResponse response = model.chat(ChatRequest.builder()
                .rawPrompt("Question: what is 2 + 3?\nAnswer:").maxTokens(8).build());

        assertThat(response.choices()).hasSize(1);
        assertThat(response.text()).isNotNull();
    }

    @Test
    void answersManyCallersAtOnce() throws Exception {
        List<Future<ChatResponse>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 16; i++) {
                ChatRequest request = ChatRequest.builder().user("Echo the number " + i + ".").maxTokens(16).build();
                futures.add(pool.submit(() -> model.chat(request)));
            }
            for (Future<ChatResponse> future : futures) {
                assertThat(future.get().choices()).isNotEmpty();
            }
        }
    }

    @Test
    void hasAStableIdWithoutSecrets() {
        ModelId id = model.id();

        assertThat(model.id()).isEqualTo(id);
        for (String secret : secrets()) {
            assertThat(id.toString()).doesNotContain(secret);
            assertThat(model.toString()).doesNotContain(secret);
        }
    }

    @Test
    void reasoningIsNeverPartOfTheAnswer() {
        ChatResponse response = model.chat(ChatRequest.builder().user("Think, then say yes.").maxTokens(64).build());

        for (Choice choice : response.choices()) {
            assertThat(choice.answer()).doesNotContain("</think>");
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        ChatModel extra = createModel();
        extra.close();
        assertThatCode(extra::close).doesNotThrowAnyException();
    }
}
