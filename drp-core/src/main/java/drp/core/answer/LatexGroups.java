package drp.core.answer;

/** Balanced-brace scanning over LaTeX text; escaped braces ({@code \{}) do not count. */
final class LatexGroups {

    private LatexGroups() {}

    /**
     * The index of the {@code }} that closes the {@code {} at {@code open}, or -1 when the group is
     * not closed.
     */
    static int closing(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '\\' && j + 1 < s.length()) {
                j++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return j;
            }
        }
        return -1;
    }

    /** The index after any spaces starting at {@code i}. */
    static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * One macro argument starting at {@code i} (after spaces): a braced group, a control word such
     * as {@code \pi}, or a single character. Returns {start of the content, end of the content,
     * index after the argument}, or null when there is none.
     */
    static int[] argument(String s, int i) {
        i = skipSpaces(s, i);
        if (i >= s.length()) {
            return null;
        }
        char c = s.charAt(i);
        if (c == '{') {
            int close = closing(s, i);
            return close < 0 ? null : new int[] {i + 1, close, close + 1};
        }
        if (c == '\\') {
            int j = i + 1;
            while (j < s.length() && Character.isLetter(s.charAt(j))) {
                j++;
            }
            if (j == i + 1) {
                j = Math.min(i + 2, s.length());
            }
            return new int[] {i, j, j};
        }
        if (c == '}' || c == '^' || c == '_' || c == '&') {
            return null;
        }
        return new int[] {i, i + 1, i + 1};
    }

    /** True when the control word {@code name} (with its backslash) starts at {@code i}. */
    static boolean commandAt(String s, int i, String name) {
        if (!s.startsWith(name, i)) {
            return false;
        }
        int end = i + name.length();
        return end >= s.length() || !Character.isLetter(s.charAt(end));
    }
}
