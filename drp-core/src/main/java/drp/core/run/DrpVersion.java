package drp.core.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The drp version, as built by Maven. */
public final class DrpVersion {

    private static final String VERSION = load();

    private DrpVersion() {}

    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = DrpVersion.class.getResourceAsStream("/drp/core/version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read drp's version resource", e);
        }
    }
}
