package drp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.chat.ChatRequest;
import drp.core.chat.ChatResponse;
import drp.llm.gguf.GgufChatModel;
import drp.llm.gguf.GgufOptions;
import drp.tiny.Reply;
import drp.tiny.TinyStudent;
import drp.tiny.sample.SamplingOptions;
import drp.tiny.token.Vocabulary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The in-process GGUF adapter on a GGUF the test writes itself: the shipped base student exported
 * by drp-tiny and run by llama.cpp answers a question greedily with the same text as drp-tiny.
 */
class GgufExportedStudentTest {

    @Test
    void llamaCppServesTheExportedStudentWithTheSameGreedyAnswer(@TempDir Path dir) throws Exception {
        TinyStudent base = TinyStudent.loadBase();
        Path file = dir.resolve("base.gguf");
        base.exportGguf(file, "drp-tiny-base");
        String question = "Tom has 3 boxes with 4 pens in each. He gives away 5 pens. How many pens does Tom have now?";
        Reply tiny = base.answer(List.of(question), SamplingOptions.greedy(400)).get(0);
        try (GgufChatModel model = new GgufChatModel(new GgufOptions(file, 1024, 2, 0, null))) {
            ChatResponse r = model.chat(ChatRequest.builder()
                    .rawPrompt(Vocabulary.USER + question + Vocabulary.ASSISTANT)
                    .temperature(0.0).maxTokens(400).build());
            assertThat(r.text().strip()).isNotEmpty();
            assertThat(r.usage().completionTokens()).isPositive();
            assertThat(r.text().strip()).isEqualTo(tiny.text().strip());
        }
    }
}
