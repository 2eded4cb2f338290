package drp.tiny.world;

/**
 * How one event is told: the question's sentence, the clause a trace restates, and for a group
 * event the name of the product ({@code 3 bags with 4 apples each}).
 */
record Phrase(String sentence, String clause, String product) {
    static Phrase of(String clause) {
        return new Phrase(capitalize(clause) + ".", capitalize(clause), "");
    }

    static Phrase of(String sentenceClause, String traceClause) {
        return new Phrase(capitalize(sentenceClause) + ".", capitalize(traceClause), "");
    }

    Phrase withProduct(String product) {
        return new Phrase(sentence, clause, product);
    }

    static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
