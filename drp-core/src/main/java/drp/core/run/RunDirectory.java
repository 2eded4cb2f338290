package drp.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import drp.core.io.FileTree;
import drp.core.io.JsonCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's folder: its JSONL files, run.json and summary.json. JSON files are replaced atomically
 * (written beside, then moved), so a kill never leaves a half-written run.json.
 */
public final class RunDirectory {

    public static final String MANIFEST = "run.json";
    public static final String SUMMARY = "summary.json";
    public static final String LOG = "drp.log";

    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** Opens (creating when needed) the run directory at {@code root}. */
    public static RunDirectory open(Path root) {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create run directory " + root + ": " + e.getMessage(), e);
        }
        return new RunDirectory(root);
    }

    /** An existing run directory; fails with a clear message when {@code root} is not one. */
    public static RunDirectory existing(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a run directory: " + root + " (no such folder)");
        }
        return new RunDirectory(root);
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    /** The manifest, or a fresh one when the run is new. */
    public RunManifest manifest(List<String> command) {
        Path file = file(MANIFEST);
        if (Files.exists(file)) {
            try {
                return JsonCodec.MAPPER.readValue(file.toFile(), RunManifest.class);
            } catch (IOException e) {
                throw new UncheckedIOException(file + " is not a valid run.json: " + e.getMessage(), e);
            }
        }
        return new RunManifest(DrpVersion.current(), Instant.now(), command, Map.of(), List.of(), Map.of(), Map.of(), Map.of());
    }

    /** Records a stage run: its config, inputs and components merged in, its record appended. */
    public RunManifest recordStage(List<String> command, String stage, Map<String, Object> config,
                                   List<InputFile> inputs, Map<String, String> components, StageRecord record) {
        RunManifest old = manifest(command);
        Map<String, Object> mergedConfig = new LinkedHashMap<>(old.config());
        mergedConfig.put(stage, config);
        List<InputFile> mergedInputs = new ArrayList<>(old.inputs());
        for (InputFile input : inputs) {
            mergedInputs.removeIf(i -> i.role().equals(input.role()));
            mergedInputs.add(input);
        }
        Map<String, String> mergedComponents = new LinkedHashMap<>(old.components());
        mergedComponents.putAll(components);
        Map<String, List<StageRecord>> stages = new LinkedHashMap<>(old.stages());
        List<StageRecord> history = new ArrayList<>(stages.getOrDefault(stage, List.of()));
        history.add(record);
        stages.put(stage, history);
        RunManifest updated = new RunManifest(DrpVersion.current(), old.createdAt(), command, mergedConfig,
                mergedInputs, mergedComponents, stages, old.fingerprints());
        writeJson(MANIFEST, updated);
        return updated;
    }

    /**
     * Checks that {@code fingerprint} matches the one its stage was first run with in this
     * directory, and records it when the stage is new here. A rerun with the same settings resumes;
     * one with other settings is refused, naming each differing setting and the ways out.
     *
     * @throws SettingsChangedException when the stage ran here before with other settings
     */
    public void checkFingerprint(StageFingerprint fingerprint, List<String> command) {
        verifyFingerprint(fingerprint, command);
        RunManifest manifest = manifest(command);
        if (!manifest.fingerprints().containsKey(fingerprint.stage())) {
            writeJson(MANIFEST, manifest.withFingerprint(fingerprint));
        }
    }

    /**
     * Like {@link #checkFingerprint} without recording: for checking every stage of a pipeline
     * before the first one starts.
     *
     * @return whether the stage ran here before (with the same settings)
     * @throws SettingsChangedException when it ran here before with other settings
     */
    public boolean verifyFingerprint(StageFingerprint fingerprint, List<String> command) {
        if (!Files.exists(file(MANIFEST))) {
            return false;
        }
        StageFingerprint earlier = manifest(command).fingerprints().get(fingerprint.stage());
        if (earlier == null) {
            return false;
        }
        if (!earlier.hash().equals(fingerprint.hash())) {
            throw new SettingsChangedException(root, fingerprint.stage(), fingerprint.differences(earlier));
        }
        return true;
    }

    /**
     * Forgets what {@code stages} wrote: their fingerprints leave run.json and {@code outputs}
     * (files or folders inside the run) are deleted, so the stages run afresh. For
     * {@code --restart STAGE}.
     */
    public void forget(List<String> stages, List<String> outputs, List<String> command) {
        for (String output : outputs) {
            FileTree.delete(file(output));
        }
        if (Files.exists(file(MANIFEST))) {
            writeJson(MANIFEST, manifest(command).withoutFingerprints(stages));
        }
    }

    /** Writes {@code value} as pretty JSON to {@code name}, atomically. */
    public void writeJson(String name, Object value) {
        writeText(name, JsonCodec.pretty(value));
    }

    /** Writes {@code content} to {@code name} (a path inside the run; folders are created), atomically. */
    public void writeText(String name, String content) {
        Path target = file(name);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + target + ": " + e.getMessage(), e);
        }
        writeAtomically(target, content);
    }

    /** Reads a JSON file of this run into {@code type}. */
    public <T> T readJson(String name, Class<T> type) {
        try {
            return JsonCodec.MAPPER.readValue(file(name).toFile(), type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(file(name) + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(name) + ": " + e.getMessage(), e);
        }
    }

    static void writeAtomically(Path target, String content) {
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
