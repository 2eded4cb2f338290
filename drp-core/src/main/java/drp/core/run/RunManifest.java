package drp.core.run;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of run.json: everything needed to know what a run did and to reproduce it. Never
 * holds a secret: configuration goes through the caller, which passes names of environment
 * variables, never their values.
 *
 * @param drpVersion the drp version that wrote it
 * @param createdAt  when the run directory was made
 * @param command    the command line, as given
 * @param config     the resolved configuration (every default filled in)
 * @param inputs     input files with their hashes
 * @param components models, teachers, tokenizers, prompts: name -> version or hash
 * @param stages     per stage, the history of its runs (a resumed stage adds a record)
 * @param fingerprints per stage, the settings that shaped its output, as first run: a rerun with
 *                   other settings is refused (see {@link StageFingerprint})
 */
public record RunManifest(String drpVersion, Instant createdAt, List<String> command, Map<String, Object> config,
                          List<InputFile> inputs, Map<String, String> components,
                          Map<String, List<StageRecord>> stages, Map<String, StageFingerprint> fingerprints) {

    public RunManifest {
        command = List.copyOf(command);
        config = new LinkedHashMap<>(config);
        inputs = List.copyOf(inputs);
        components = new LinkedHashMap<>(components);
        stages = new LinkedHashMap<>(stages);
        fingerprints = fingerprints == null ? new LinkedHashMap<>() : new LinkedHashMap<>(fingerprints);
    }

    /** This manifest with {@code fingerprint} recorded (replacing the stage's earlier one). */
    public RunManifest withFingerprint(StageFingerprint fingerprint) {
        Map<String, StageFingerprint> all = new LinkedHashMap<>(fingerprints);
        all.put(fingerprint.stage(), fingerprint);
        return new RunManifest(drpVersion, createdAt, command, config, inputs, components, stages, all);
    }

    /** This manifest without the fingerprints of {@code stagesToForget}. */
    public RunManifest withoutFingerprints(java.util.Collection<String> stagesToForget) {
        Map<String, StageFingerprint> all = new LinkedHashMap<>(fingerprints);
        stagesToForget.forEach(all::remove);
        return new RunManifest(drpVersion, createdAt, command, config, inputs, components, stages, all);
    }
}
