package drp.core.bench;

import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Benchmarks that are made rather than shipped as files, found with {@link ServiceLoader} (a module
 * lists its provider in {@code META-INF/services/drp.core.bench.BenchmarkProvider}): drp-tiny's
 * {@code tiny-world:train} and {@code tiny-world:test}, drawn from the synthetic world its student
 * learned. A made benchmark is written as a JSONL file into the run, so that it is graded, hashed
 * into run.json and read back exactly like a shipped one.
 */
public interface BenchmarkProvider {

    /** Whether {@code name} is one of this provider's benchmarks. */
    boolean knows(String name);

    /**
     * Writes the first {@code count} problems of benchmark {@code name} into {@code directory}
     * (created when needed; the same arguments give the same file) and returns the benchmark.
     *
     * @param student the student endpoint, for benchmarks that depend on it (the tiny world is the
     *                one the student was trained on)
     */
    Benchmark write(String name, int count, String student, Path directory);

    /** The provider that knows {@code name}, if any. */
    static Optional<BenchmarkProvider> find(String name) {
        for (BenchmarkProvider provider : ServiceLoader.load(BenchmarkProvider.class)) {
            if (provider.knows(name)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
