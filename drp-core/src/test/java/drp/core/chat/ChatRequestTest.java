package drp.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRequestTest {

    @Test
    void builderKeepsEveryField() {
        ChatRequest request = ChatRequest.builder()
                .system("sys").user("hi").temperature(0.6).topP(0.95).maxTokens(100).stop("x", "y")
                .seed(3L).n(2).logprobs(5).jsonSchema("answer", "{\"type\":\"object\"}")
                .extra("top_k", 20).extra("chat_template_kwargs", Map.of("enable_thinking", false))
                .build();

        assertThat(request.prompt()).isEqualTo(new Prompt.Messages(List.of(ChatMessage.system("sys"), ChatMessage.user("hi"))));
        assertThat(request.stop()).containsExactly("x", "y");
        assertThat(request.extra()).containsEntry("top_k", 20L)
                .containsEntry("chat_template_kwargs", Map.of("enable_thinking", false));
        assertThat(request.toBuilder().build()).isEqualTo(request);
    }

    @Test
    void wholeNumbersInExtraCompareEqualWhateverTheirType() {
        ChatRequest a = ChatRequest.builder().user("q").extra("top_k", 20).extra("min_p", 0.05).build();
        ChatRequest b = ChatRequest.builder().user("q").extra("top_k", 20.0).extra("min_p", 0.05f).build();

        assertThat(a).isEqualTo(b);
        assertThat(a.extra().keySet()).containsExactly("min_p", "top_k");
    }

    @Test
    void rawPromptReplacesMessagesAndBack() {
        ChatRequest raw = ChatRequest.builder().user("a").rawPrompt("<s>Q:").build();
        assertThat(raw.prompt()).isEqualTo(new Prompt.Text("<s>Q:"));
        assertThat(raw.toBuilder().user("b").build().prompt())
                .isEqualTo(new Prompt.Messages(List.of(ChatMessage.user("b"))));
    }

    @Test
    void schemaIsKeptCanonical() {
        ResponseFormat.JsonSchema a = new ResponseFormat.JsonSchema("s", "{ \"b\": 1, \"a\": {\"d\":2, \"c\":3} }", true);
        assertThat(a.schema()).isEqualTo("{\"a\":{\"c\":3,\"d\":2},\"b\":1}");
    }

    @Test
    void rejectsWhatNoServerAccepts() {
        assertThatThrownBy(() -> ChatRequest.builder().build()).hasMessageContaining("messages or a raw prompt");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").temperature(-0.1).build()).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").temperature(Double.NaN).build()).hasMessageContaining("temperature");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").topP(0.0).build()).hasMessageContaining("top_p");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").maxTokens(0).build()).hasMessageContaining("max_tokens");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").n(0).build()).hasMessageContaining("n must");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").stop("").build()).hasMessageContaining("stop");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").logprobs(-1).build()).hasMessageContaining("logprobs");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").extra("x", new Object()).build())
                .hasMessageContaining("extra parameter 'x' is a Object");
        assertThatThrownBy(() -> ChatRequest.builder().user("q").extra("x", List.of(1, Double.NaN)).build())
                .hasMessageContaining("'x[1]' is NaN");
        assertThatThrownBy(() -> new ResponseFormat.JsonSchema("bad name", "{}", true)).hasMessageContaining("bad name");
        assertThatThrownBy(() -> new ResponseFormat.JsonSchema("s", "[1]", true)).hasMessageContaining("JSON object");
        assertThatThrownBy(() -> new ResponseFormat.JsonSchema("s", "{", true)).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> new Prompt.Messages(List.of())).hasMessageContaining("at least one message");
    }

    @Test
    void extraParametersAreWireNeutral() {
        // which names an engine reserves is its adapter's business (drp-llm's OpenAiRequests refuses
        // a name that shadows an OpenAI body field); the request keeps any name, as an in-process
        // engine would read it
        ChatRequest request = ChatRequest.builder().user("q").extra("temperature", 1).extra("top_k", 20).build();
        assertThat(request.extra()).containsEntry("temperature", 1L).containsEntry("top_k", 20L);
        assertThat(request.temperature()).isNull();
        assertThatThrownBy(() -> ChatRequest.builder().user("q").extra(" ", 1).build())
                .hasMessageContaining("must not be blank");
    }

    @Test
    void promptTextJoinsMessages() {
        assertThat(ChatRequest.builder().system("a").user("b").build().promptText()).isEqualTo("a\nb\n");
    }
}
