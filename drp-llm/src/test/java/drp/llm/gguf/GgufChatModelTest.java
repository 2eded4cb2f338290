package drp.llm.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.ChatFailure;
import drp.core.chat.ChatModelProvider;
import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.core.chat.FinishReason;
import drp.core.chat.NonRetriableChatException;
import drp.core.chat.ScoreRequest;
import drp.core.testing.SharedData;
import drp.llm.endpoint.EndpointConfig;
import drp.llm.endpoint.ModelEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tiny GGUF has one layer of random weights: these tests check mechanics (sampling, seeds, limits), not text. */
class GgufChatModelTest {

    private static GgufChatModel model;
    private static Path file;

    @BeforeAll
    static void load() {
        file = SharedData.require("models/llama-2-tiny-random.gguf");
        model = new GgufChatModel(new GgufOptions(file, 512, 2, 0, null));
    }

    @AfterAll
    static void close() {
        if (model != null) {
            model.close();
        }
    }

    private static ChatRequest.Builder ask() {
        return ChatRequest.builder().system("You are terse.").user("Say something.").temperature(1.0).maxTokens(6);
    }

    @Test
    void samplingFollowsTheSeedAndStopsAtTheTokenLimit() {
        ChatResponse a = model.chat(ask().seed(1L).build());
        ChatResponse b = model.chat(ask().seed(1L).build());
        ChatResponse c = model.chat(ask().seed(2L).build());
        assertThat(a.text()).isNotEmpty().isEqualTo(b.text());
        assertThat(c.text()).isNotEqualTo(a.text());
        assertThat(a.usage().completionTokens()).isBetween(1L, 6L);
        assertThat(a.first().finishReason()).isEqualTo(a.usage().completionTokens() == 6 ? FinishReason.LENGTH : FinishReason.STOP);
        // the chat template was applied: the prompt is longer than the two messages
        assertThat(a.usage().promptTokens()).isGreaterThan(8);
    }

    @Test
    void choicesAreDrawnWithConsecutiveSeeds() {
        ChatResponse two = model.chat(ask().seed(5L).n(2).build());
        assertThat(two.choices()).hasSize(2);
        assertThat(two.choices().get(1).text()).isEqualTo(model.chat(ask().seed(6L).build()).text());
    }

    @Test
    void aJsonSchemaConstrainsTheOutputByGrammar() {
        ChatResponse r = model.chat(ask().maxTokens(12).seed(3L)
                .jsonSchema("flag", "{\"type\":\"object\",\"properties\":{\"ok\":{\"type\":\"boolean\"}},\"required\":[\"ok\"]}")
                .build());
        assertThat(r.text()).startsWith("{").contains("\"ok\"");
    }

    @Test
    void whatTheEngineCannotDoIsABadRequest() {
        assertThatThrownBy(() -> model.chat(ask().logprobs(2).build())).isInstanceOfSatisfying(NonRetriableChatException.class,
                e -> assertThat(e.failure()).isEqualTo(ChatFailure.BAD_REQUEST)).hasMessageContaining("log-probabilities");
        assertThatThrownBy(() -> model.chat(ask().extra("guided_regex", "a+").build()))
                .hasMessageContaining("'guided_regex' is not known");
        assertThat(model.chat(ask().seed(1L).extra("top_k", 5).extra("min_p", 0.1).build()).text()).isNotNull();
    }

    @Test
    void scoringIsUnsupportedNamingTheBindingAndWhy() {
        assertThatThrownBy(() -> model.score(ScoreRequest.afterText("The answer is", " 4.")))
                .isInstanceOfSatisfying(NonRetriableChatException.class,
                        e -> assertThat(e.failure()).isEqualTo(ChatFailure.UNSUPPORTED))
                .hasMessageContaining("de.kherud:llama 4.")
                .hasMessageContaining("only of generated tokens (n_probs)");
    }

    @Test
    void ggufEndpointsAreFoundThroughTheProviderAndNamedByFileAndSize() {
        ModelEndpoint endpoint = ModelEndpoint.resolve(EndpointConfig.EMPTY, "gguf:" + file + "?ctx=256&threads=1", null);
        assertThat(endpoint).isInstanceOfSatisfying(ModelEndpoint.Local.class,
                l -> assertThat(l.provider().scheme()).isEqualTo("gguf"));
        ChatModelProvider provider = ((ModelEndpoint.Local) endpoint).provider();
        try (var opened = provider.open(((ModelEndpoint.Local) endpoint).location())) {
            assertThat(opened.id().model()).isEqualTo("llama-2-tiny-random");
            assertThat(opened.id().endpoint()).startsWith("gguf:/").endsWith("llama-2-tiny-random.gguf@1750560");
        }
        assertThatThrownBy(() -> GgufOptions.parse(file + "?ctx=big")).hasMessageContaining("ctx must be a whole number");
        assertThatThrownBy(() -> GgufOptions.parse(file + "?color=red")).hasMessageContaining("unknown option 'color'");
        assertThatThrownBy(() -> GgufOptions.parse("/no/such.gguf")).hasMessageContaining("no such model file");
        assertThatThrownBy(() -> ModelEndpoint.resolve(EndpointConfig.EMPTY, "tiny:runs/x", null))
                .hasMessageContaining("drp-tiny provides tiny:CHECKPOINT_DIR");
        assertThatThrownBy(() -> ModelEndpoint.resolve(EndpointConfig.EMPTY, "gpt-4o", null))
                .hasMessageContaining("unknown endpoint 'gpt-4o': write openai:BASE_URL#MODEL, gguf:PATH");
    }
}
