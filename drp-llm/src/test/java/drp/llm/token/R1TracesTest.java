package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import drp.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The 153 real DeepSeek-R1-Distill-Llama-8B traces, counted in Qwen2 tokens. */
class R1TracesTest {

    /** The generation cap of the traces: the unfinished ones stop there. */
    private static final int GENERATION_CAP = 8192;

    private static List<JsonNode> traces;

    @BeforeAll
    static void readTraces() throws IOException {
        ObjectMapper json = new ObjectMapper();
        traces = new ArrayList<>();
        for (String line : Files.readAllLines(SharedData.r1Traces())) {
            traces.add(json.readTree(line));
        }
    }

    private static List<String> field(String name) {
        return traces.stream().map(trace -> trace.get(name).asText()).toList();
    }

    @Test
    void bothLoadingPathsCountEveryFieldIdentically() {
        assertThat(traces).hasSize(153);
        for (String name : List.of("prompt", "think", "post_think")) {
            List<String> texts = field(name);
            int[] fromJson = TokenizerDirs.qwen2FromTokenizerJson().countAll(texts);
            int[] fromVocab = TokenizerDirs.qwen2FromVocabAndMerges().countAll(texts);
            assertThat(fromVocab).as("field %s", name).containsExactly(fromJson);
            for (int i = 0; i < texts.size(); i += 17) {
                assertThat(TokenizerDirs.qwen2FromVocabAndMerges().count(texts.get(i))).isEqualTo(fromJson[i]);
            }
        }
    }

    /*
     * SOURCES.md: the 9 unfinished traces stop at exactly 8,192 Qwen2 tokens. It is the think
     * text alone that has 8,192 tokens (the prompt, which ends with the prefilled "<think>\n",
     * is not part of the cap); every finished trace thinks for fewer.
     */
    @Test
    void theNineUnfinishedTracesThinkForExactlyTheGenerationCap() {
        int[] think = TokenizerDirs.qwen2FromTokenizerJson().countAll(field("think"));
        int unfinished = 0;
        for (int i = 0; i < traces.size(); i++) {
            JsonNode trace = traces.get(i);
            if (trace.get("finished_thinking").asBoolean()) {
                assertThat(think[i]).as("think tokens of finished trace %s", trace.get("problem_id")).isLessThan(GENERATION_CAP);
            } else {
                unfinished++;
                assertThat(think[i]).as("think tokens of unfinished trace %s", trace.get("problem_id")).isEqualTo(GENERATION_CAP);
                assertThat(TokenizerDirs.qwen2FromVocabAndMerges().count(trace.get("think").asText())).isEqualTo(GENERATION_CAP);
            }
        }
        assertThat(unfinished).isEqualTo(9);
    }
}
