package drp.core.bench;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test resources under {@code drp/core/bench}. */
final class BenchmarkFixtures {

    private BenchmarkFixtures() {}

    static Path resource(String name) {
        try {
            return Path.of(BenchmarkFixtures.class.getResource("/drp/core/bench/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource drp/core/bench/" + name, e);
        }
    }

    /** A data directory laid out as ../shared/data/benchmarks, with a few records per file. */
    static Path miniDirectory() {
        return resource("mini");
    }
}
