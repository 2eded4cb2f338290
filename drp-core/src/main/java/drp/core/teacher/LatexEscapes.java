package drp.core.teacher;

import java.util.regex.Pattern;

/**
 * Undoes what JSON does to LaTeX written without doubled backslashes: {@code "\frac"} reads as a
 * form feed and "rac", {@code "\boxed"} as a backspace and "oxed", {@code "\times"} as a tab and
 * "imes". JSON writers that forget to escape backslashes are common among language models; the
 * characters they produce never belong in mathematical text, so they are turned back into commands.
 */
final class LatexEscapes {

    private static final Pattern TAB_COMMAND = Pattern.compile("\t(?=[a-z])");
    private static final Pattern RETURN_COMMAND = Pattern.compile("\r(?=[a-z])");
    private static final Pattern NEWLINE_COMMAND = Pattern.compile("\n(?=(?:eq|abla|ot|u|e|ewline|exists|eg)(?![a-z]))");
    /** A backslash that does not start a valid JSON escape. */
    private static final Pattern INVALID_ESCAPE = Pattern.compile("\\\\(?![\"\\\\/bfnrt]|u[0-9a-fA-F]{4})");

    private LatexEscapes() {}

    /** {@code text} with control characters that stand for LaTeX commands turned back into them. */
    static String restore(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replace("\f", "\\f").replace("\b", "\\b");
        s = TAB_COMMAND.matcher(s).replaceAll("\\\\t");
        s = RETURN_COMMAND.matcher(s).replaceAll("\\\\r");
        return NEWLINE_COMMAND.matcher(s).replaceAll("\\\\n");
    }

    /** JSON text with every backslash that starts no valid escape ({@code \sqrt}, {@code \pi}) doubled. */
    static String escapeInvalid(String json) {
        return INVALID_ESCAPE.matcher(json).replaceAll("\\\\\\\\");
    }
}
