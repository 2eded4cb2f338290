package drp.cli;

import drp.core.bench.Benchmark;
import drp.core.bench.BenchmarkRegistry;
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
                "unknown " + kind + " '" + name + "': available: " + String.join(", ", registry.names())));
    }
}
