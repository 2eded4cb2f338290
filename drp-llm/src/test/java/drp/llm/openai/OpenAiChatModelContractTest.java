package drp.llm.openai;

import drp.core.chat.ChatModel;
import drp.core.chat.ChatModelContract;
import drp.llm.testing.ScriptedOpenAiServer;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The ChatModel contract against the SDK adapter over real HTTP, with both ways servers send reasoning. */
class OpenAiChatModelContractTest {

    static final String KEY = "sk-contract-0123456789abcdef";
    static ScriptedOpenAiServer server;

    @BeforeAll
    static void start() {
        server = ScriptedOpenAiServer.start().requireKey(KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ChatModel model() {
        return new OpenAiChatModel(OpenAiEndpoint.of(server.baseUrl(), "echo").withApiKey(ApiKey.of(KEY)));
    }

    @Nested
    class ThinkTagsInTheContent extends ChatModelContract {
        @Override
        protected ChatModel createModel() {
            server.reasoningField(false);
            return model();
        }

        @Override
        protected Set<String> secrets() {
            return Set.of(KEY);
        }
    }

    @Nested
    class ReasoningContentField extends ChatModelContract {
        @Override
        protected ChatModel createModel() {
            server.reasoningField(true);
            return model();
        }

        @Override
        protected Set<String> secrets() {
            return Set.of(KEY);
        }
    }
}
