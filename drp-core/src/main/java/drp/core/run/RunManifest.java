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
 */
public record RunManifest(String drpVersion, Instant createdAt, List<String> command, Map<String, Object> config,
                          List<InputFile> inputs, Map<String, String> components,
                          Map<String, List<StageRecord>> stages) {

    public RunManifest {
        command = List.copyOf(command);
        config = new LinkedHashMap<>(config);
        inputs = List.copyOf(inputs);
        components = new LinkedHashMap<>(components);
        stages = new LinkedHashMap<>(stages);
    }
}
