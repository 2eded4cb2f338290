package drp.llm.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drp.core.chat.ModelId;
import drp.llm.chat.RateLimits;
import drp.llm.meter.Price;
import drp.llm.openai.ApiKey;
import drp.llm.openai.MaxTokensField;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointConfigTest {

    @TempDir
    Path dir;

    static final String CONFIG = """
            prices:
              gpt-4o: {input: 2.50, output: 10.00}
            endpoints:
              teacher:
                model: gpt-4o-2024-08-06
                base_url: https://api.openai.com/v1
                api_key_env: TEACHER_KEY
                rate_limit: {requests_per_minute: 5000, tokens_per_minute: 800000}
                max_tokens_field: max_completion_tokens
              student:
                model: deepseek-r1-distill-qwen-7b
                base_urls: [http://gpu2:8000/v1, http://gpu1:8000/v1/]
                max_concurrency: 128
                timeout: 20m
                price: {input: 0, output: 0}
              mounted:
                model: m
                base_url: http://h/v1
                api_key_file: secrets/key.txt
                identity: m-bf16
            """;

    @Test
    void readsEndpointsAndPrices() throws Exception {
        Path file = dir.resolve("drp.yaml");
        Files.writeString(file, CONFIG);
        EndpointConfig config = EndpointConfig.load(file);

        EndpointSpec teacher = config.endpoint("teacher").orElseThrow();
        assertThat(teacher.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(teacher.key()).isEqualTo(new KeySource.Env("TEACHER_KEY", true));
        assertThat(teacher.rateLimits()).isEqualTo(new RateLimits(5000, 800000));
        assertThat(teacher.maxTokensField()).isEqualTo(MaxTokensField.MAX_COMPLETION_TOKENS);
        assertThat(teacher.price(config.prices())).contains(new Price(2.5, 10));
        assertThat(teacher.timeout()).isEqualTo(Duration.ofMinutes(10));

        EndpointSpec student = config.endpoint("student").orElseThrow();
        assertThat(student.baseUrls()).containsExactly(URI.create("http://gpu2:8000/v1"), URI.create("http://gpu1:8000/v1/"));
        assertThat(student.maxConcurrency()).isEqualTo(128);
        assertThat(student.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(student.key()).isEqualTo(new KeySource.None());
        assertThat(student.price(config.prices())).contains(Price.FREE);
        assertThat(student.modelId()).isEqualTo(
                new ModelId("openai:http://gpu1:8000/v1,http://gpu2:8000/v1", "deepseek-r1-distill-qwen-7b"));

        EndpointSpec mounted = config.endpoint("mounted").orElseThrow();
        assertThat(mounted.key()).isEqualTo(new KeySource.File(dir.resolve("secrets/key.txt")));
        assertThat(mounted.modelId()).isEqualTo(new ModelId("m-bf16", "m"));
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/key.txt"), "sk-from-file-123456\n");
        assertThat(mounted.key().resolve(name -> null, "mounted")).contains(ApiKey.of("sk-from-file-123456"));
    }

    @Test
    void resolvesNamesAndInlineEndpoints() {
        EndpointConfig config = EndpointConfig.parse(CONFIG, "drp.yaml", dir);

        assertThat(config.resolve("teacher", null).model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(config.resolve("teacher", "OTHER").key()).isEqualTo(new KeySource.Env("OTHER", true));
        assertThat(config.resolve("openai:http://127.0.0.1:8000/v1#qwen", null).modelId())
                .isEqualTo(new ModelId("openai:http://127.0.0.1:8000/v1", "qwen"));
        assertThatThrownBy(() -> config.resolve("techer", null))
                .hasMessage("no endpoint named 'techer'; the config names mounted, student, teacher; or write openai:BASE_URL#MODEL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key              | endpoints:\\n  a:\\n    model: m\\n    base_url: http://h/v1\\n    max_concurency: 3 | drp.yaml:5:22: endpoints.a.max_concurency: Unrecognized field
            no model                 | endpoints:\\n  a:\\n    base_url: http://h/v1                                   | drp.yaml:3:26: endpoints.a: model is required
            both url forms           | endpoints:\\n  a:\\n    model: m\\n    base_url: http://h/v1\\n    base_urls: [http://i/v1] | endpoints.a: give exactly one of base_url or base_urls
            not http                 | endpoints:\\n  a:\\n    model: m\\n    base_url: ftp://h/v1                     | drp.yaml: endpoints.a: endpoint a: base URL 'ftp://h/v1' is not http(s)
            bad duration             | endpoints:\\n  a:\\n    model: m\\n    base_url: http://h/v1\\n    timeout: soon | drp.yaml: endpoints.a: 'soon' is not a duration
            bad concurrency type     | endpoints:\\n  a:\\n    model: m\\n    base_url: http://h/v1\\n    max_concurrency: many | drp.yaml:5:22: endpoints.a.max_concurrency: Cannot deserialize value of type `java.lang.Integer`
            zero concurrency         | endpoints:\\n  a:\\n    model: m\\n    base_url: http://h/v1\\n    max_concurrency: 0 | max_concurrency must be >= 1
            unknown kind             | endpoints:\\n  a:\\n    kind: gguf\\n    model: m\\n    base_url: http://h/v1 | kind 'gguf' is not known here
            price without output     | prices:\\n  m: {input: 1}                                                      | drp.yaml:2:15: prices.m.output: Missing required creator property 'output'
            negative price           | prices:\\n  m: {input: -1, output: 1}                                           | prices are finite and >= 0
            bad max tokens field     | endpoints:\\n  a:\\n    model: m\\n    base_url: http://h/v1\\n    max_tokens_field: max | max tokens field must be max_tokens or max_completion_tokens
            not yaml                 | endpoints: [a, {                                                               | drp.yaml:1:
            """)
    void namesTheFileLineAndFieldOfAMistake(String why, String yaml, String message) {
        assertThatThrownBy(() -> EndpointConfig.parse(yaml.replace("\\n", "\n"), "drp.yaml", dir))
                .as(why).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message.strip());
    }

    @Test
    void anEmptyFileNamesNothing() {
        assertThat(EndpointConfig.parse("", "drp.yaml", dir)).isEqualTo(EndpointConfig.EMPTY);
    }

    @Test
    void aKeyWrittenIntoTheFileIsRefusedWithoutBeingQuoted() {
        String secret = "sk-live-DONOTPRINT1234567";
        String yaml = "endpoints:\n  a:\n    model: m\n    base_url: http://h/v1\n    api_key: " + secret + "\n";
        assertThatThrownBy(() -> EndpointConfig.parse(yaml, "drp.yaml", dir))
                .hasMessageContaining("api_key is not allowed in a config file")
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
                    }
                });
    }

    @Test
    void inlineEndpoints() {
        EndpointSpec one = InlineEndpoint.parse("openai:http://127.0.0.1:8000/v1#org/model-7b", null);
        assertThat(one.baseUrls()).containsExactly(URI.create("http://127.0.0.1:8000/v1"));
        assertThat(one.model()).isEqualTo("org/model-7b");
        assertThat(one.key()).isEqualTo(KeySource.DEFAULT);

        EndpointSpec two = InlineEndpoint.parse("openai:http://a:1/v1, http://b:1/v1#m", "MY_KEY");
        assertThat(two.baseUrls()).hasSize(2);
        assertThat(two.key()).isEqualTo(new KeySource.Env("MY_KEY", true));

        assertThatThrownBy(() -> InlineEndpoint.parse("openai:http://a/v1", null)).hasMessageContaining("names no model");
        assertThatThrownBy(() -> InlineEndpoint.parse("gguf:/m.gguf", null)).hasMessageContaining("openai:BASE_URL#MODEL");
        assertThatThrownBy(() -> InlineEndpoint.parse("openai:http://a/v1,http://a/v1#m", null)).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> InlineEndpoint.parse("openai:http://a/v1#m", "not a name")).hasMessageContaining("not an environment variable");
    }

    @Test
    void credentialsInAUrlAreRefusedWithoutBeingQuoted() {
        for (String text : List.of("openai:http://user:hunter2secret@h/v1#m", "openai:http://h/v1?api-key=hunter2secret#m")) {
            assertThatThrownBy(() -> InlineEndpoint.parse(text, null))
                    .hasMessageContaining("base URL")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2secret"));
        }
    }

    @Test
    void keySources() {
        Map<String, String> env = Map.of("SET", "sk-abc-1234567890", "BLANK", " ");
        assertThat(new KeySource.Env("SET", true).resolve(env::get, "e")).contains(ApiKey.of("sk-abc-1234567890"));
        assertThat(KeySource.DEFAULT.resolve(env::get, "e")).isEmpty();
        assertThat(new KeySource.Env("BLANK", false).resolve(env::get, "e")).isEmpty();
        assertThatThrownBy(() -> new KeySource.Env("UNSET", true).resolve(env::get, "teacher"))
                .hasMessage("environment variable UNSET (the API key of endpoint teacher) is not set");
        assertThatThrownBy(() -> new KeySource.File(dir.resolve("missing")).resolve(env::get, "teacher"))
                .hasMessageContaining("cannot read the key file").hasMessageContaining("teacher");
        assertThat(new KeySource.Env("SET", true).toString()).doesNotContain("sk-abc");
    }

    @Test
    void durations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }
}
