package drp.tiny.world;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who or what a problem is about, and how each kind of event is told in that setting. Three
 * families: a person with things, a person with money, a place with things coming and going.
 */
sealed interface Scene {

    Phrase start(int value, SplittableRandom rng);

    Phrase startGroups(int groups, int size, SplittableRandom rng);

    Phrase add(int amount, boolean pronoun, SplittableRandom rng);

    Phrase subtract(int amount, boolean pronoun, SplittableRandom rng);

    Phrase addGroups(int groups, int size, boolean pronoun, SplittableRandom rng);

    Phrase subtractGroups(int groups, int size, boolean pronoun, SplittableRandom rng);

    /** factor 2 or 3 */
    Phrase multiply(int factor, boolean pronoun, SplittableRandom rng);

    /** keeps one part in {@code parts} (2 or 3) */
    Phrase keepPart(int parts, boolean pronoun, SplittableRandom rng);

    /** a final even split into {@code parts} groups; the question then asks for one group */
    Phrase split(int parts, boolean pronoun, SplittableRandom rng);

    String question();

    String conclusion(int answer);

    String splitQuestion();

    String splitConclusion(int answer);

    /** The names, things and places of the world. */
    final class Lexicon {
        static final List<String> WOMEN = List.of("Mia", "Emma", "Lily", "Ava", "Zoe", "Nora", "Ella", "Rosa", "Anna", "Lucy");
        static final List<String> MEN = List.of("Leo", "Sam", "Ben", "Tom", "Max", "Jack", "Omar", "Ivan", "Noah", "Paul");
        static final List<String> THINGS = List.of("apples", "pens", "stickers", "marbles", "cookies", "books",
                "cards", "shells", "coins", "toys", "candies", "pencils", "stamps", "beads", "eggs", "balloons");
        static final List<String> CONTAINERS = List.of("bags", "boxes", "packs", "jars", "baskets");
        static final List<String> GOODS = List.of("toy", "book", "hat", "ball", "cake", "kite", "game", "shirt");

        private Lexicon() {}

        static String singular(String plural) {
            return switch (plural) {
                case "boxes" -> "box";
                case "people" -> "person";
                case "geese" -> "goose";
                default -> plural.substring(0, plural.length() - 1);
            };
        }

        static <T> T pick(List<T> options, SplittableRandom rng) {
            return options.get(rng.nextInt(options.size()));
        }
    }

    /** A scene about one person, told by name or, once named, as she or he. */
    sealed interface Individual extends Scene {

        String name();

        boolean female();

        default String subject(boolean pronoun) {
            return pronoun ? (female() ? "she" : "he") : name();
        }

        default String possessive() {
            return female() ? "her" : "his";
        }
    }

    /** Who an individual's problem is about, and a friend of theirs with another name. */
    record Cast(String name, boolean female, String friend) {

        /** Draws before the scene's own things: a seed's problems depend on the order of the draws. */
        static Cast random(SplittableRandom rng) {
            boolean female = rng.nextBoolean();
            String name = Lexicon.pick(female ? Lexicon.WOMEN : Lexicon.MEN, rng);
            String friend;
            do {
                friend = Lexicon.pick(rng.nextBoolean() ? Lexicon.WOMEN : Lexicon.MEN, rng);
            } while (friend.equals(name));
            return new Cast(name, female, friend);
        }
    }

    /** A person who owns countable things. */
    record Person(String name, boolean female, String friend, String unit, String container) implements Individual {

        static Person random(SplittableRandom rng) {
            Cast cast = Cast.random(rng);
            return new Person(cast.name(), cast.female(), cast.friend(), Lexicon.pick(Lexicon.THINGS, rng),
                    Lexicon.pick(Lexicon.CONTAINERS, rng));
        }

        @Override
        public Phrase start(int value, SplittableRandom rng) {
            return switch (rng.nextInt(3)) {
                case 0 -> Phrase.of(name + " has " + value + " " + unit);
                case 1 -> Phrase.of(name + " starts with " + value + " " + unit);
                default -> Phrase.of(name + " collects " + value + " " + unit);
            };
        }

        @Override
        public Phrase startGroups(int groups, int size, SplittableRandom rng) {
            return Phrase.of(name + " has " + groups + " " + container + " with " + size + " " + unit + " in each")
                    .withProduct(groups + " " + container + " with " + size + " " + unit + " each");
        }

        @Override
        public Phrase add(int amount, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return switch (rng.nextInt(4)) {
                case 0 -> Phrase.of(s + " buys " + amount + " more " + unit, name + " buys " + amount + " more " + unit);
                case 1 -> Phrase.of(s + " finds " + amount + " more " + unit, name + " finds " + amount + " more " + unit);
                case 2 -> Phrase.of(friend + " gives " + name + " " + amount + " " + unit);
                default -> Phrase.of(s + " gets " + amount + " more " + unit + " from " + friend,
                        name + " gets " + amount + " more " + unit + " from " + friend);
            };
        }

        @Override
        public Phrase subtract(int amount, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return switch (rng.nextInt(4)) {
                case 0 -> Phrase.of(s + " gives " + amount + " " + unit + " to " + friend, name + " gives " + amount + " " + unit + " to " + friend);
                case 1 -> Phrase.of(s + " loses " + amount + " " + unit, name + " loses " + amount + " " + unit);
                case 2 -> Phrase.of(s + " sells " + amount + " " + unit, name + " sells " + amount + " " + unit);
                default -> Phrase.of(s + " uses " + amount + " " + unit, name + " uses " + amount + " " + unit);
            };
        }

        @Override
        public Phrase addGroups(int groups, int size, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return Phrase.of(s + " buys " + groups + " " + container + " with " + size + " " + unit + " in each",
                            name + " buys " + groups + " " + container + " with " + size + " " + unit + " in each")
                    .withProduct(groups + " " + container + " with " + size + " " + unit + " each");
        }

        @Override
        public Phrase subtractGroups(int groups, int size, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return Phrase.of(s + " gives " + size + " " + unit + " to each of " + groups + " friends",
                            name + " gives " + size + " " + unit + " to each of " + groups + " friends")
                    .withProduct(groups + " friends with " + size + " " + unit + " each");
        }

        @Override
        public Phrase multiply(int factor, boolean pronoun, SplittableRandom rng) {
            String verb = factor == 2 ? "doubles" : "triples";
            return Phrase.of(subject(pronoun) + " " + verb + " the number of " + unit,
                    name + " " + verb + " the number of " + unit);
        }

        @Override
        public Phrase keepPart(int parts, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return parts == 2
                    ? Phrase.of(s + " gives away half of " + possessive() + " " + unit,
                            name + " gives away half of " + possessive() + " " + unit)
                    : Phrase.of(s + " keeps one third of " + possessive() + " " + unit + " and gives away the rest",
                            name + " keeps one third of " + possessive() + " " + unit);
        }

        @Override
        public Phrase split(int parts, boolean pronoun, SplittableRandom rng) {
            return Phrase.of(subject(pronoun) + " puts all " + possessive() + " " + unit + " into " + parts + " "
                            + container + " with the same number in each",
                    name + " puts all " + possessive() + " " + unit + " into " + parts + " " + container);
        }

        @Override
        public String question() {
            return "How many " + unit + " does " + name + " have now?";
        }

        @Override
        public String conclusion(int answer) {
            return name + " has " + answer + " " + unit + " now";
        }

        @Override
        public String splitQuestion() {
            return "How many " + unit + " are in each " + Lexicon.singular(container) + "?";
        }

        @Override
        public String splitConclusion(int answer) {
            return "there are " + answer + " " + unit + " in each " + Lexicon.singular(container);
        }
    }

    /** A person with money. */
    record Money(String name, boolean female, String friend, String good, String jar) implements Individual {

        static Money random(SplittableRandom rng) {
            Cast cast = Cast.random(rng);
            return new Money(cast.name(), cast.female(), cast.friend(), Lexicon.pick(Lexicon.GOODS, rng),
                    rng.nextBoolean() ? "jars" : "boxes");
        }

        @Override
        public Phrase start(int value, SplittableRandom rng) {
            return rng.nextBoolean() ? Phrase.of(name + " has " + value + " dollars")
                    : Phrase.of(name + " saves " + value + " dollars");
        }

        @Override
        public Phrase startGroups(int groups, int size, SplittableRandom rng) {
            return Phrase.of(name + " works " + groups + " days and earns " + size + " dollars each day")
                    .withProduct(groups + " days at " + size + " dollars each");
        }

        @Override
        public Phrase add(int amount, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return switch (rng.nextInt(3)) {
                case 0 -> Phrase.of(s + " earns " + amount + " more dollars", name + " earns " + amount + " more dollars");
                case 1 -> Phrase.of(friend + " gives " + name + " " + amount + " dollars");
                default -> Phrase.of(s + " finds " + amount + " dollars", name + " finds " + amount + " dollars");
            };
        }

        @Override
        public Phrase subtract(int amount, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return rng.nextBoolean()
                    ? Phrase.of(s + " spends " + amount + " dollars on a " + good, name + " spends " + amount + " dollars on a " + good)
                    : Phrase.of(s + " pays " + friend + " " + amount + " dollars", name + " pays " + friend + " " + amount + " dollars");
        }

        @Override
        public Phrase addGroups(int groups, int size, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            String goods = good + "s";
            return Phrase.of(s + " sells " + groups + " " + goods + " for " + size + " dollars each",
                            name + " sells " + groups + " " + goods + " for " + size + " dollars each")
                    .withProduct(groups + " " + goods + " at " + size + " dollars each");
        }

        @Override
        public Phrase subtractGroups(int groups, int size, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            String goods = good + "s";
            return Phrase.of(s + " buys " + groups + " " + goods + " that cost " + size + " dollars each",
                            name + " buys " + groups + " " + goods + " that cost " + size + " dollars each")
                    .withProduct(groups + " " + goods + " at " + size + " dollars each");
        }

        @Override
        public Phrase multiply(int factor, boolean pronoun, SplittableRandom rng) {
            String verb = factor == 2 ? "doubles" : "triples";
            return Phrase.of(subject(pronoun) + " " + verb + " " + possessive() + " money", name + " " + verb + " " + possessive() + " money");
        }

        @Override
        public Phrase keepPart(int parts, boolean pronoun, SplittableRandom rng) {
            String s = subject(pronoun);
            return parts == 2
                    ? Phrase.of(s + " spends half of " + possessive() + " money", name + " spends half of " + possessive() + " money")
                    : Phrase.of(s + " keeps one third of " + possessive() + " money and spends the rest",
                            name + " keeps one third of " + possessive() + " money");
        }

        @Override
        public Phrase split(int parts, boolean pronoun, SplittableRandom rng) {
            return Phrase.of(subject(pronoun) + " splits " + possessive() + " money equally into " + parts + " " + jar,
                    name + " splits " + possessive() + " money into " + parts + " " + jar);
        }

        @Override
        public String question() {
            return "How many dollars does " + name + " have now?";
        }

        @Override
        public String conclusion(int answer) {
            return name + " has " + answer + " dollars now";
        }

        @Override
        public String splitQuestion() {
            return "How many dollars are in each " + Lexicon.singular(jar) + "?";
        }

        @Override
        public String splitConclusion(int answer) {
            return "there are " + answer + " dollars in each " + Lexicon.singular(jar);
        }
    }

    /** A place where things arrive and leave. */
    record Place(String place, String where, String unit, String arrive, String leave, String vehicle, String pen)
            implements Scene {

        static final List<Place> ALL = List.of(
                new Place("farm", "on the farm", "cows", "arrive", "leave", "trucks", "pens"),
                new Place("farm", "on the farm", "sheep", "arrive", "leave", "trucks", "pens"),
                new Place("farm", "on the farm", "hens", "arrive", "leave", "trucks", "pens"),
                new Place("shelf", "on the shelf", "books", "are added", "are taken away", "boxes", "rows"),
                new Place("bus", "on the bus", "people", "get on", "get off", "groups", "rows"),
                new Place("pond", "in the pond", "ducks", "fly in", "fly away", "groups", "groups"),
                new Place("garden", "in the garden", "flowers", "are planted", "are picked", "trays", "rows"),
                new Place("tree", "in the tree", "birds", "land", "fly away", "flocks", "groups"));

        static Place random(SplittableRandom rng) {
            return Lexicon.pick(ALL, rng);
        }

        private String groupWord() {
            return vehicle;
        }

        @Override
        public Phrase start(int value, SplittableRandom rng) {
            return rng.nextBoolean()
                    ? Phrase.of("there are " + value + " " + unit + " " + where)
                    : Phrase.of("a " + place + " has " + value + " " + unit, "the " + place + " has " + value + " " + unit);
        }

        @Override
        public Phrase startGroups(int groups, int size, SplittableRandom rng) {
            return Phrase.of("there are " + groups + " " + pen + " of " + unit + " " + where + " with " + size + " in each")
                    .withProduct(groups + " " + pen + " with " + size + " " + unit + " each");
        }

        @Override
        public Phrase add(int amount, boolean pronoun, SplittableRandom rng) {
            return Phrase.of(amount + " more " + unit + " " + arrive);
        }

        @Override
        public Phrase subtract(int amount, boolean pronoun, SplittableRandom rng) {
            return Phrase.of(amount + " " + unit + " " + leave);
        }

        @Override
        public Phrase addGroups(int groups, int size, boolean pronoun, SplittableRandom rng) {
            return Phrase.of(groups + " " + groupWord() + " with " + size + " " + unit + " each " + arrive)
                    .withProduct(groups + " " + groupWord() + " with " + size + " " + unit + " each");
        }

        @Override
        public Phrase subtractGroups(int groups, int size, boolean pronoun, SplittableRandom rng) {
            return Phrase.of(groups + " " + groupWord() + " with " + size + " " + unit + " each " + leave)
                    .withProduct(groups + " " + groupWord() + " with " + size + " " + unit + " each");
        }

        @Override
        public Phrase multiply(int factor, boolean pronoun, SplittableRandom rng) {
            String verb = factor == 2 ? "doubles" : "triples";
            return Phrase.of("the number of " + unit + " " + verb);
        }

        @Override
        public Phrase keepPart(int parts, boolean pronoun, SplittableRandom rng) {
            return parts == 2
                    ? Phrase.of("half of the " + unit + " " + leave)
                    : Phrase.of("only one third of the " + unit + " stay", "one third of the " + unit + " stay");
        }

        @Override
        public Phrase split(int parts, boolean pronoun, SplittableRandom rng) {
            return Phrase.of("the " + unit + " are put into " + parts + " " + pen + " with the same number in each",
                    "the " + unit + " are put into " + parts + " " + pen);
        }

        @Override
        public String question() {
            return "How many " + unit + " are " + where + " now?";
        }

        @Override
        public String conclusion(int answer) {
            return "there are " + answer + " " + unit + " " + where + " now";
        }

        @Override
        public String splitQuestion() {
            return "How many " + unit + " are in each " + Lexicon.singular(pen) + "?";
        }

        @Override
        public String splitConclusion(int answer) {
            return "there are " + answer + " " + unit + " in each " + Lexicon.singular(pen);
        }
    }
}
