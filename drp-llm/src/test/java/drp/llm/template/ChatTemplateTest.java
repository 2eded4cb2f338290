package drp.llm.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jinja2 as transformers runs it, on Jinjava: the places where the two would otherwise differ. */
class ChatTemplateTest {

    @TempDir
    Path dir;

    private static String render(String template, String content) {
        return new ChatTemplate("t", template, Map.of("eos_token", "</s>"))
                .render(List.of(ChatTemplate.message("assistant", content)), false);
    }

    @Test
    void stringMethodsHavePythonsSemantics() {
        // Java's split would drop the trailing empty part and read '.' as a regex
        assertThat(render("[{{ messages[0]['content'].split('</think>')[-1] }}]", "a</think>")).isEqualTo("[]");
        assertThat(render("[{{ messages[0]['content'].split('.')[-1] }}]", "a.b")).isEqualTo("[b]");
        assertThat(render("{{ messages[0]['content'].split()|length }}", "  a  b c ")).isEqualTo("3");
        assertThat(render("{{ messages[0]['content'].startswith('ab') }}", "abc")).isEqualTo("true");
        assertThat(render("[{{ messages[0]['content'].strip('xy') }}]", "xyaxy")).isEqualTo("[a]");
        assertThat(render("[{{ messages[0]['content'].rsplit('/', 1)[0] }}]", "a/b/c")).isEqualTo("[a/b]");
        assertThat(PythonStrings.split("a</think>b</think>", "</think>", -1)).containsExactly("a", "b", "");
    }

    @Test
    void dashedExpressionTagsStripTheWhitespaceAroundThemAsJinjaDoes() {
        // Qwen2.5's layout: indented logic, every output written with {{- ... }}
        String template = "{%- for m in messages %}\n    {{- '<' + m['content'] + '>' }}\n{%- endfor %}\n    {{- 'end' -}}\n  ";
        assertThat(render(template, "x")).isEqualTo("<x>end");
        // an undashed tag keeps what is around it
        assertThat(render("a\n  {{ 'b' }}  c", "x")).isEqualTo("a\n  b  c");
        assertThat(render("a\n  {{- 'b' -}}  c", "x")).isEqualTo("abc");
    }

    @Test
    void blocksAreTrimmedAndOnlyTheSourcesLastNewlineIsDropped() {
        String template = "{% for m in messages %}\n  {% if true %}\n{{ m['content'] }}\n  {% endif %}\n{% endfor %}{{ '\\n' }}\n";
        assertThat(render(template, "x")).isEqualTo("x\n\n");
    }

    @Test
    void raiseExceptionStopsWithTheTemplatesMessage() {
        assertThatThrownBy(() -> render("{{ raise_exception('roles must alternate') }}", "x"))
                .isInstanceOf(ChatTemplate.TemplateException.class).hasMessageContaining("roles must alternate");
    }

    @Test
    void aFoldersJinjaFileWinsOverTheConfigAndSpecialTokensComeFromTheConfig() throws Exception {
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"chat_template\": \"config\", "
                + "\"bos_token\": {\"content\": \"<s>\"}, \"eos_token\": \"</s>\"}");
        assertThat(ChatTemplate.load(dir).text()).isEqualTo("config");
        Files.writeString(dir.resolve("chat_template.jinja"), "{{ bos_token }}jinja{{ eos_token }}");
        ChatTemplate t = ChatTemplate.load(dir);
        assertThat(t.render(List.of(), false)).isEqualTo("<s>jinja</s>");
        assertThat(t.specialToken("bos_token")).contains("<s>");
        assertThatThrownBy(() -> ChatTemplate.load(dir.resolve("nope"))).hasMessageContaining("no chat template at");
    }
}
