package drp.llm.template;

import static org.assertj.core.api.Assertions.assertThat;

import drp.core.testing.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every chat template in ../shared/data rendered by drp (Jinjava) and by @huggingface/jinja (what
 * transformers.js's apply_chat_template runs) on the same conversations gives the same text:
 * system prompts or none, one or several turns, with and without the generation prompt, text with
 * newlines, quotes and braces. Templates written with Jinja's whitespace control on expressions
 * ({@code {{- ... }}}, as Qwen2.5's is) are the hard case.
 */
class ShippedTemplatesRenderingTest {

    private static final List<List<String[]>> CONVERSATIONS = List.of(
            List.<String[]>of(new String[] {"user", "What is 2 + 3?"}),
            List.of(new String[] {"system", "You are terse."}, new String[] {"user", "Solve x + 1 = 3.\nShow steps."}),
            List.of(new String[] {"user", "Q1 {braces} and 'quotes'"},
                    new String[] {"assistant", "<think>\nFirst, 1 + 1 = 2.\n\nSo it is 2.\n</think>\n\nThe answer is $\\boxed{2}$."}),
            List.of(new String[] {"user", "Q1"}, new String[] {"assistant", "A1"}, new String[] {"user", "Q2  with  spaces "}));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tokenizers/deepseek-r1-distill-qwen", "tokenizers/qwen2/qwen2.5-instruct.chat_template.jinja"})
    void drpRendersEveryShippedTemplateAsTheReferenceDoes(String relative) throws Exception {
        Path path = SharedData.require(relative);
        ChatTemplate template = ChatTemplate.load(path);
        List<R1TemplateRenderingTest.NodeReference.Case> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (List<String[]> conversation : CONVERSATIONS) {
            for (boolean generationPrompt : List.of(false, true)) {
                if (generationPrompt && conversation.getLast()[0].equals("assistant")) {
                    continue;
                }
                List<Map<String, Object>> messages = new ArrayList<>();
                for (String[] m : conversation) {
                    messages.add(ChatTemplate.message(m[0], m[1]));
                }
                cases.add(new R1TemplateRenderingTest.NodeReference.Case(messages, generationPrompt));
                expected.add(template.render(messages, generationPrompt));
            }
        }
        List<String> rendered = R1TemplateRenderingTest.NodeReference.render(template, cases);
        assertThat(rendered).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(expected.get(i)).as("case %d of %s", i, relative).isEqualTo(rendered.get(i));
        }
    }
}
