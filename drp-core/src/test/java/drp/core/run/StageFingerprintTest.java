package drp.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageFingerprintTest {

    @TempDir
    Path dir;

    private static Map<String, Object> settings(String granularity, double temperature) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("granularity", granularity);
        s.put("sampling", Map.of("temperature", temperature, "seeds", List.of(1, 2, 3)));
        return s;
    }

    @Test
    void theHashDependsOnValuesNotOnKeyOrderOrNumberTypes() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        reversed.put("sampling", Map.of("seeds", List.of(1, 2, 3), "temperature", 0.6f));
        reversed.put("granularity", "SKILL");
        assertThat(StageFingerprint.of("prune", reversed).hash())
                .isEqualTo(StageFingerprint.of("prune", settings("SKILL", 0.6)).hash());
        assertThat(StageFingerprint.of("prune", settings("SENTENCE", 0.6)).hash())
                .isNotEqualTo(StageFingerprint.of("prune", settings("SKILL", 0.6)).hash());
    }

    @Test
    void differencesNameEveryChangedSettingWithItsPath() {
        StageFingerprint then = StageFingerprint.of("prune", settings("SKILL", 0.6));
        StageFingerprint now = StageFingerprint.of("prune", settings("SENTENCE", 1.0));
        assertThat(now.differences(then)).containsExactly("granularity: \"SKILL\" then, \"SENTENCE\" now",
                "sampling.temperature: 0.6 then, 1.0 now");
    }

    @Test
    void aRunDirectoryResumesTheSameSettingsAndRefusesOthers() {
        RunDirectory run = RunDirectory.open(dir.resolve("run"));
        StageFingerprint first = StageFingerprint.of("prune", settings("SKILL", 0.6));
        assertThat(run.verifyFingerprint(first, List.of())).isFalse();
        run.checkFingerprint(first, List.of("drp", "prune"));
        assertThat(run.verifyFingerprint(first, List.of())).isTrue();
        run.checkFingerprint(StageFingerprint.of("prune", settings("SKILL", 0.6)), List.of());

        assertThatThrownBy(() -> run.checkFingerprint(StageFingerprint.of("prune", settings("SKILL", 0.7)), List.of()))
                .isInstanceOf(SettingsChangedException.class)
                .hasMessageContaining("stage prune was run here with other settings (sampling.temperature: 0.6 then, 0.7 now)")
                .hasMessageContaining("--restart prune");
        // the fingerprint survives a reread of run.json, and forgetting the stage lets other settings in
        assertThat(RunDirectory.existing(dir.resolve("run")).manifest(List.of()).fingerprints().get("prune").hash())
                .isEqualTo(first.hash());
        run.forget(List.of("prune"), List.of("pruned.jsonl"), List.of());
        run.checkFingerprint(StageFingerprint.of("prune", settings("SKILL", 0.7)), List.of());
        assertThat(run.verifyFingerprint(StageFingerprint.of("prune", settings("SKILL", 0.7)), List.of())).isTrue();
    }
}
