package drp.cli;

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

    BenchmarkRegistry registry() {
        return BenchmarkRegistry.standard(benchmarks());
    }
}
