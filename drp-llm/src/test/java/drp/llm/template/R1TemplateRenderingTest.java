package drp.llm.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import drp.core.sft.RenderedExample;
import drp.core.sft.SftExample;
import drp.core.testing.SharedData;
import drp.llm.token.HuggingFaceTokenCounter;
import drp.llm.token.TokenizerLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every finished real R1 trace rendered through the real DeepSeek-R1-Distill chat template, with
 * the Qwen2 tokenizer: the training sequence is what the student sees and generates at inference,
 * and @huggingface/jinja (transformers.js's renderer) renders the same text.
 */
class R1TemplateRenderingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ChatTemplate template;
    private static HuggingFaceTokenCounter tokenizer;
    private static SftRenderer renderer;
    private static List<SftExample> examples;

    @BeforeAll
    static void load() throws IOException {
        Path dir = SharedData.require("tokenizers/deepseek-r1-distill-qwen");
        Path qwen2 = SharedData.require("tokenizers/qwen2");
        Path traces = SharedData.r1Traces();
        template = ChatTemplate.load(dir);
        tokenizer = TokenizerLoader.load(qwen2, dir.resolve("tokenizer_config.json"));
        renderer = new SftRenderer(template, tokenizer);
        examples = new ArrayList<>();
        int i = 0;
        for (String line : Files.readAllLines(traces)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode t = JSON.readTree(line);
            i++;
            if (!t.path("finished_thinking").asBoolean()) {
                continue;
            }
            String reply = "<think>\n" + t.path("think").asText().strip() + "\n</think>\n\nThe answer is $\\boxed{"
                    + t.path("model_answer").asText() + "}$.";
            examples.add(new SftExample("r1-" + i, SftExample.PRUNED, List.of(
                    new SftExample.Message("user", t.path("problem").asText()),
                    new SftExample.Message("assistant", reply)), 0));
        }
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void the_template_is_understood_as_stripping_reasoning_with_a_think_prefill() {
        SftRenderer.Analysis a = renderer.analysis();
        assertThat(template.source()).endsWith("chat_template.jinja");
        assertThat(a.generationPrefix()).isEqualTo("<｜Assistant｜><think>\n");
        assertThat(a.turnStart()).isEqualTo("<｜Assistant｜>");
        assertThat(a.prefill()).isEqualTo("<think>\n");
        assertThat(a.turnEnd()).isEqualTo("<｜end▁of▁sentence｜>");
        assertThat(a.stripsReasoning()).isTrue();
    }

    @Test
    void naive_rendering_loses_the_reasoning_which_is_why_drp_renders_otherwise() {
        SftExample e = examples.getFirst();
        String naive = template.render(List.of(ChatTemplate.message("user", e.question()),
                ChatTemplate.message("assistant", e.assistant())), false);
        String think = e.assistant().substring("<think>\n".length(), e.assistant().indexOf("\n</think>"));
        assertThat(naive).doesNotContain(think);
        assertThat(renderer.render(e).completion()).contains(think);
    }

    @Test
    void every_real_trace_renders_as_the_student_generates_it() {
        assertThat(examples).hasSizeGreaterThan(100);
        for (SftExample e : examples) {
            RenderedExample r = renderer.render(e);
            String think = e.assistant().substring("<think>\n".length(), e.assistant().indexOf("\n</think>"));
            // the prompt: bos, the question, the generation prefix; masked
            assertThat(r.prompt()).isEqualTo("<｜begin▁of▁sentence｜><｜User｜>" + e.question() + "<｜Assistant｜><think>\n");
            assertThat(r.prompt()).doesNotContain(think);
            // the completion: the think text, </think>, the answer, eos; trained
            assertThat(r.completion()).startsWith(think).contains("\n</think>\n\nThe answer is ")
                    .endsWith("<｜end▁of▁sentence｜>");
            assertThat(r.prompt() + r.completion()).isEqualTo(template.render(List.of(
                    ChatTemplate.message("user", e.question())), true) + e.assistant().substring("<think>\n".length())
                    + "<｜end▁of▁sentence｜>");
            // exact lengths, re-tokenized whole
            assertThat(r.promptTokens()).isEqualTo(tokenizer.count(r.prompt()));
            assertThat(r.tokens()).isEqualTo(tokenizer.count(r.prompt() + r.completion()));
            assertThat(r.completionTokens()).isGreaterThan(tokenizer.count(think));
        }
    }

    @Test
    void a_reply_without_the_prefilled_think_is_refused_with_the_reason() {
        SftExample e = new SftExample("x", SftExample.PRUNED, List.of(new SftExample.Message("user", "What is 1+1?"),
                new SftExample.Message("assistant", "The answer is 2.")), 0);
        assertThatThrownBy(() -> renderer.render(e)).isInstanceOf(SftRenderer.RenderException.class)
                .hasMessageContaining("prefills \"<think>\\n\"");
    }

    @Test
    void a_template_without_a_generation_prompt_is_an_error_that_says_why() {
        ChatTemplate bare = new ChatTemplate("bare", "{% for m in messages %}{{ m['content'] }}{% endfor %}",
                Map.of("eos_token", "<｜end▁of▁sentence｜>"));
        assertThatThrownBy(() -> new SftRenderer(bare, tokenizer)).isInstanceOf(ChatTemplate.TemplateException.class)
                .hasMessageContaining("does not append a generation prompt");
    }

    @Test
    void the_reference_renderer_gives_the_same_text() throws Exception {
        List<NodeReference.Case> cases = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (SftExample e : examples) {
            for (boolean withReply : List.of(false, true)) {
                List<Map<String, Object>> messages = new ArrayList<>();
                for (SftExample.Message m : withReply ? e.messages() : e.messages().subList(0, 1)) {
                    messages.add(ChatTemplate.message(m.role(), m.content()));
                }
                cases.add(new NodeReference.Case(messages, !withReply));
                expected.add(template.render(messages, !withReply));
            }
        }
        List<String> rendered = NodeReference.render(template, cases);
        assertThat(rendered).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(rendered.get(i)).as("case %d", i).isEqualTo(expected.get(i));
        }
    }

    /** The @huggingface/jinja script, installed into target/ with npm ci; skips when node or npm is absent. */
    static final class NodeReference {

        /** One rendering: the messages and whether to add the generation prompt. */
        record Case(List<Map<String, Object>> messages, boolean generationPrompt) {}

        /** What @huggingface/jinja renders for each case with {@code template}'s text and special tokens. */
        static List<String> render(ChatTemplate template, List<Case> cases) throws Exception {
            Path script = prepare();
            ObjectNode request = JSON.createObjectNode();
            request.put("template", template.text());
            ObjectNode special = request.putObject("special");
            for (String name : List.of("bos_token", "eos_token", "pad_token")) {
                template.specialToken(name).ifPresent(v -> special.put(name, v));
            }
            ArrayNode out = request.putArray("cases");
            for (Case c : cases) {
                ObjectNode node = out.addObject();
                ArrayNode messages = node.putArray("messages");
                c.messages().forEach(m -> messages.addObject().put("role", (String) m.get("role"))
                        .put("content", (String) m.get("content")));
                node.put("add_generation_prompt", c.generationPrompt());
            }
            Path dir = Files.createTempDirectory("hf-jinja");
            Path in = dir.resolve("request.json");
            Path result = dir.resolve("out.json");
            JSON.writeValue(in.toFile(), request);
            Process p = new ProcessBuilder("node", script.toString(), in.toString(), result.toString())
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(log).isZero();
            List<String> rendered = new ArrayList<>();
            JSON.readTree(result.toFile()).forEach(n -> rendered.add(n.asText()));
            return rendered;
        }

        static Path prepare() throws Exception {
            assumeTrue(onPath("node") && onPath("npm"),
                    "skipped: the reference renderer (@huggingface/jinja) needs node and npm on the PATH");
            Path dir = Path.of("target", "hf-jinja").toAbsolutePath();
            Files.createDirectories(dir);
            for (String f : List.of("package.json", "package-lock.json", "render.mjs")) {
                try (var in = NodeReference.class.getResourceAsStream("/hf-jinja/" + f)) {
                    Files.write(dir.resolve(f), in.readAllBytes());
                }
            }
            if (!Files.isDirectory(dir.resolve("node_modules/@huggingface/jinja"))) {
                Process p = new ProcessBuilder("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund")
                        .directory(dir.toFile()).redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes());
                boolean done = p.waitFor(300, TimeUnit.SECONDS);
                assumeTrue(done && p.exitValue() == 0,
                        "skipped: npm ci of @huggingface/jinja failed (no registry?): " + log.strip());
            }
            return dir.resolve("render.mjs");
        }

        private static boolean onPath(String command) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(d, command))) {
                    return true;
                }
            }
            return false;
        }
    }
}
