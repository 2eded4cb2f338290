package drp.cli;

import drp.core.bench.Benchmark;
import drp.core.bench.BenchmarkProvider;
import drp.core.bench.BenchmarkRegistry;
import drp.core.run.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}: where the standard benchmark files live. */
final class DataDirectoryOption {

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding benchmarks/<name>/*.jsonl. Default: $DRP_DATA, else ../shared/data when present, else data.")
    Path data;

    /** The benchmarks folder. */
    Path benchmarks() {
        if (data != null) {
            return data.resolve("benchmarks");
        }
        if (System.getenv(BenchmarkRegistry.DATA_ENV) == null && Files.isDirectory(Path.of("..", "shared", "data", "benchmarks"))) {
            return Path.of("..", "shared", "data", "benchmarks");
        }
        return BenchmarkRegistry.defaultDirectory(System.getenv());
    }

    /**
     * The standard benchmark called {@code name}.
     *
     * @param kind what the command calls it in its error ("benchmark", "dataset")
     * @throws UserError naming the benchmarks there are, when none is called {@code name}
     */
    Benchmark find(String name, String kind) {
        BenchmarkRegistry registry = BenchmarkRegistry.standard(benchmarks());
        return registry.find(name).orElseThrow(() -> new UserError(
                "unknown " + kind + " '" + name + "': available: " + String.join(", ", registry.names())
                        + ", tiny-world:train, tiny-world:test"));
    }

    /**
     * Like {@link #find}, also for made benchmarks ({@code tiny-world:test}: problems of the shipped
     * base student's world), which are written into {@code run}'s {@code problems/} folder.
     *
     * @param limit how many problems; a made benchmark needs one
     */
    Benchmark find(String name, String kind, Integer limit, RunDirectory run) {
        var provider = BenchmarkProvider.find(name);
        if (provider.isEmpty()) {
            return find(name, kind);
        }
        if (limit == null) {
            throw new UserError(kind + " " + name + " is made, not read from a file: give --limit N for its size");
        }
        return provider.get().write(name, limit, "tiny:base", run.file("problems"));
    }
}
