package drp.llm.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DJL's native tokenizer library comes out of the jar: a JVM with an empty home (so an empty
 * DJL cache) and every Java network route pointed at a closed port still counts, and leaves
 * the library in its fresh cache. The pure-Java counter needs neither the library nor DJL's cache,
 * and leaves its own cache under {@code ~/.cache/drp/tokenizers}.
 */
class OfflineNativeLibraryTest {

    @Test
    void aFreshJvmWithNoCacheAndNoNetworkCounts(@TempDir Path home) throws IOException, InterruptedException {
        assertThat(countInFreshJvm(home, "--rust")).containsExactly("3");
        try (var files = Files.walk(home.resolve(".djl.ai/tokenizers"))) {
            assertThat(files.map(file -> file.getFileName().toString())).contains(System.mapLibraryName("tokenizers"));
        }
    }

    @Test
    void thePureJavaCounterLeavesOnlyItsOwnCache(@TempDir Path home) throws IOException, InterruptedException {
        assertThat(countInFreshJvm(home, "--default")).containsExactly("3");
        assertThat(home.resolve(".djl.ai")).doesNotExist();
        try (var files = Files.list(home.resolve(".cache/drp/tokenizers"))) {
            assertThat(files.map(file -> file.getFileName().toString())).singleElement().asString().endsWith(".bpe");
        }
        // the second run reads that cache
        assertThat(countInFreshJvm(home, "--default")).containsExactly("3");
    }

    private static List<String> countInFreshJvm(Path home, String mode) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--enable-native-access")) {
                command.add(argument);
            }
        }
        command.addAll(List.of("-Duser.home=" + home,
                "-DsocksProxyHost=127.0.0.1", "-DsocksProxyPort=9",
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9",
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=9",
                "-cp", System.getProperty("java.class.path"),
                CountProbe.class.getName(), TokenizerDirs.fixture("tiny-qwen2").toString(), "in    in", mode));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "HOME", "XDG_CACHE_HOME"));
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.startsWith("SLF4J")).toList();
    }
}
