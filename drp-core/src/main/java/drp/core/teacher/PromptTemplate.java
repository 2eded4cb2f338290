package drp.core.teacher;

import drp.core.run.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt file shipped as a resource under {@code drp/core/teacher/prompts/}, with its SHA-256 so
 * that run.json names exactly the text the teacher was given. Placeholders are written
 * {@code {{name}}}; rendering fills every one of them and refuses values for names the file lacks.
 *
 * @param name   the file name, e.g. {@code decompose-v1.txt}
 * @param text   the file's content
 * @param sha256 the content's SHA-256, lowercase hex
 */
public record PromptTemplate(String name, String text, String sha256) {

    static final String FOLDER = "/drp/core/teacher/prompts/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    public PromptTemplate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sha256, "sha256");
    }

    /** Loads the resource file {@code name}. */
    public static PromptTemplate load(String name) {
        try (InputStream in = PromptTemplate.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no prompt file " + FOLDER + name + " on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new PromptTemplate(name, text, ContentHash.of(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read prompt file " + name + ": " + e.getMessage(), e);
        }
    }

    /** The placeholders the file holds, in order of first use. */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /**
     * The text with every placeholder replaced by its value (values are inserted literally, never
     * scanned for placeholders themselves), without the file's final newline.
     *
     * @throws IllegalArgumentException when a placeholder has no value or a value has no placeholder
     */
    public String render(Map<String, String> values) {
        Set<String> wanted = placeholders();
        for (String key : values.keySet()) {
            if (!wanted.contains(key)) {
                throw new IllegalArgumentException("prompt " + name + " has no placeholder {{" + key + "}}");
            }
        }
        StringBuilder out = new StringBuilder(text.length() + 1024);
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("prompt " + name + ": no value for {{" + m.group(1) + "}}");
            }
            out.append(text, last, m.start()).append(value);
            last = m.end();
        }
        out.append(text, last, text.length());
        return out.toString().stripTrailing();
    }
}
