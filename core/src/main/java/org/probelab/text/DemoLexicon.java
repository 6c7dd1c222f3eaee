package org.probelab.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The real English words of the demo treebank, grouped by what they can do in a sentence. Several
 * forms deliberately occur in more than one word class (light, run, can, saw, watch, book, play,
 * park, fly, train, water, left, back, open, clean, fast, walk), so a probe must use context.
 */
final class DemoLexicon {
    /** What a noun denotes; verbs choose their subjects and objects by kind, to keep sentences sensible. */
    enum Kind {
        PERSON, ANIMAL, READING, SHOW, GAME, INSTRUMENT, BOOKABLE, VEHICLE, PLANT, FLAME, LAMP, FOOD, DRINK,
        CONTAINER, TOOL, OBJECT, OPENABLE, PLACE, BODY, OUTING
    }

    /** A noun; a mass noun ("water", "chess") takes no "a" and no numeral. */
    record Noun(String singular, String plural, Kind kind, boolean mass) {
    }

    /**
     * A verb's forms and frames.
     *
     * @param objects  kinds it takes as direct object; empty for a verb used only intransitively
     * @param alone    whether it is also used without an object
     * @param motion   whether it combines with direction adverbs (back, home, left) and "to" phrases
     */
    record Verb(String lemma, String third, String past, String participle, String gerund,
                List<Kind> objects, boolean alone, boolean motion) {
        boolean transitive() {
            return !objects.isEmpty();
        }
    }

    static final Map<Kind, List<Noun>> NOUNS = new EnumMap<>(Kind.class);

    static {
        nouns(Kind.PERSON, "man:men woman:women boy girl child:children teacher doctor friend student driver"
                + " farmer neighbour baby:babies player cook nurse");
        nouns(Kind.ANIMAL, "dog cat bird horse fly:flies duck fish:fish cow");
        nouns(Kind.READING, "book letter newspaper story:stories report magazine map");
        nouns(Kind.SHOW, "movie play match:matches show game");
        nouns(Kind.GAME, "game football! chess! tennis!");
        nouns(Kind.INSTRUMENT, "piano guitar violin drum");
        nouns(Kind.BOOKABLE, "table room flight ticket taxi:taxis");
        nouns(Kind.VEHICLE, "car bus:buses bike truck train boat plane");
        nouns(Kind.PLANT, "plant flower tree garden");
        nouns(Kind.FLAME, "fire candle match:matches");
        nouns(Kind.LAMP, "light lamp radio heater");
        nouns(Kind.FOOD, "apple bread! soup! cake sandwich:sandwiches egg rice!");
        nouns(Kind.DRINK, "water! coffee! tea! milk! juice!");
        nouns(Kind.CONTAINER, "can bottle cup glass:glasses box:boxes bag");
        nouns(Kind.TOOL, "saw hammer knife:knives brush:brushes");
        nouns(Kind.OBJECT, "watch:watches key phone ball hat coat umbrella wallet");
        nouns(Kind.OPENABLE, "door window gate drawer");
        nouns(Kind.PLACE, "park station school house:houses kitchen river city:cities store office beach:beaches"
                + " library:libraries market");
        nouns(Kind.BODY, "back arm leg hand knee");
        nouns(Kind.OUTING, "run:runs walk swim ride");
    }

    static final List<Verb> VERBS = List.of(
            verb("read read read", "READING", false, false),
            verb("write wrote written", "READING", true, false),
            verb("watch", "SHOW ANIMAL VEHICLE PERSON", true, false),
            verb("see saw seen", "SHOW ANIMAL VEHICLE PERSON OBJECT PLACE", false, false),
            verb("play", "GAME INSTRUMENT", true, false),
            verb("book", "BOOKABLE", false, false),
            verb("park", "VEHICLE", false, false),
            verb("drive drove driven", "VEHICLE PERSON", true, true),
            verb("fly flew flown", "", true, true),
            verb("train", "ANIMAL PERSON", false, false),
            verb("water", "PLANT", false, false),
            verb("light lit lit", "FLAME", false, false),
            verb("fix", "LAMP VEHICLE OPENABLE OBJECT", false, false),
            verb("open", "OPENABLE CONTAINER READING", false, false),
            verb("close", "OPENABLE CONTAINER READING", false, false),
            verb("clean", "OPENABLE VEHICLE PLACE CONTAINER", false, false),
            verb("leave left left", "OBJECT READING PLACE CONTAINER", true, true),
            verb("lose lost lost", "OBJECT GAME", false, false),
            verb("find found found", "OBJECT READING TOOL ANIMAL", false, false),
            verb("buy bought bought", "FOOD DRINK OBJECT READING TOOL CONTAINER VEHICLE", false, false),
            verb("sell sold sold", "FOOD OBJECT VEHICLE READING", false, false),
            verb("carry carried carried", "CONTAINER OBJECT READING TOOL", false, false),
            verb("use", "TOOL OBJECT", false, false),
            verb("eat ate eaten", "FOOD", true, false),
            verb("drink drank drunk", "DRINK", false, false),
            verb("cook", "FOOD", true, false),
            verb("paint", "OPENABLE PLACE", true, false),
            verb("visit", "PERSON PLACE", false, false),
            verb("need", "OBJECT TOOL DRINK FOOD BOOKABLE", false, false),
            verb("want", "FOOD DRINK OBJECT", false, false),
            verb("like", "SHOW GAME FOOD DRINK ANIMAL", false, false),
            verb("help", "PERSON", false, false),
            verb("enjoy", "SHOW GAME OUTING FOOD DRINK", false, false),
            verb("call", "PERSON", false, false),
            verb("hurt hurt hurt", "BODY", false, false),
            verb("run ran run", "", true, true),
            verb("walk", "ANIMAL", true, true),
            verb("go went gone", "", true, true),
            verb("come came come", "", true, true),
            verb("swim swam swum", "", true, true),
            verb("arrive", "", true, false),
            verb("wait", "", true, false),
            verb("sleep slept slept", "", true, false),
            verb("work", "", true, false),
            verb("sing sang sung", "", true, false),
            verb("laugh", "", true, false),
            verb("stop stopped stopped", "VEHICLE", true, false),
            verb("turn", "", true, true));

    /** Verbs that take a person as indirect object before the thing given ("gave the boy a book"). */
    static final List<Verb> DITRANSITIVE = List.of(
            verb("give gave given", "READING OBJECT FOOD DRINK TOOL", false, false),
            verb("show", "READING OBJECT", false, false),
            verb("send sent sent", "READING", false, false),
            verb("bring brought brought", "READING OBJECT FOOD DRINK", false, false));

    /** Verbs that take a "to" infinitive ("want to play"). */
    static final List<Verb> CONTROL = List.of(
            verb("want", "", false, false), verb("like", "", false, false), verb("need", "", false, false),
            verb("try tried tried", "", false, false), verb("forget forgot forgotten", "", false, false),
            verb("plan planned planned", "", false, false));

    /** Adjectives that make sense with each kind of noun, attributively and after "is". */
    static final Map<Kind, List<String>> ADJECTIVES_BY_KIND = new EnumMap<>(Map.ofEntries(
            Map.entry(Kind.PERSON, List.of("happy", "tired", "busy", "young", "old", "strong", "late", "careful")),
            Map.entry(Kind.ANIMAL, List.of("small", "big", "young", "old", "happy", "wet", "fast", "quiet")),
            Map.entry(Kind.READING, List.of("long", "short", "new", "old", "good", "open")),
            Map.entry(Kind.SHOW, List.of("long", "short", "good", "new", "loud")),
            Map.entry(Kind.GAME, List.of("long", "good", "new", "fast")),
            Map.entry(Kind.INSTRUMENT, List.of("old", "new", "loud", "beautiful", "heavy")),
            Map.entry(Kind.BOOKABLE, List.of("small", "big", "early", "late", "quiet", "nice")),
            Map.entry(Kind.VEHICLE, List.of("fast", "slow", "red", "blue", "new", "old", "clean", "late", "early")),
            Map.entry(Kind.PLANT, List.of("green", "beautiful", "small", "big", "dry", "tall")),
            Map.entry(Kind.FLAME, List.of("small", "big", "bright", "warm")),
            Map.entry(Kind.LAMP, List.of("bright", "old", "new", "small", "light")),
            Map.entry(Kind.FOOD, List.of("hot", "cold", "warm", "fresh", "good", "dry")),
            Map.entry(Kind.DRINK, List.of("hot", "cold", "warm", "fresh", "good")),
            Map.entry(Kind.CONTAINER, List.of("empty", "full", "heavy", "light", "small", "big", "red", "clean")),
            Map.entry(Kind.TOOL, List.of("sharp", "heavy", "light", "old", "new", "clean")),
            Map.entry(Kind.OBJECT, List.of("new", "old", "light", "heavy", "red", "blue", "wet", "dry", "small")),
            Map.entry(Kind.OPENABLE, List.of("open", "red", "green", "old", "heavy", "clean", "dark")),
            Map.entry(Kind.PLACE, List.of("quiet", "busy", "dark", "clean", "big", "small", "open", "beautiful")),
            Map.entry(Kind.BODY, List.of("strong", "wet", "cold", "sore")),
            Map.entry(Kind.OUTING, List.of("long", "short", "quick", "nice"))));

    /** An adjective used only before a noun, with the nouns it fits ("the back door", "my left hand"). */
    record Attributive(String adjective, List<String> nouns) {
    }

    /**
     * Tried in this order for a noun, so a list and not a map: the iteration order of {@code Map.of} changes
     * from one JVM to the next, and with it every sentence after the first attributive adjective.
     */
    static final List<Attributive> ATTRIBUTIVE_ONLY = List.of(
            new Attributive("back", List.of("door", "gate", "garden", "room", "window")),
            new Attributive("left", List.of("hand", "arm", "leg", "knee")),
            new Attributive("front", List.of("door", "gate", "garden", "window", "room")),
            new Attributive("main", List.of("station", "office", "gate", "road", "library")));

    /** Nouns used as the first part of a compound, by the noun they modify ("train station"); never iterated. */
    static final Map<String, List<String>> COMPOUNDS = Map.ofEntries(
            Map.entry("station", List.of("train", "bus", "fire")),
            Map.entry("bottle", List.of("water", "milk")),
            Map.entry("cup", List.of("coffee", "tea")),
            Map.entry("key", List.of("car", "door", "house")),
            Map.entry("match", List.of("football", "tennis")),
            Map.entry("ball", List.of("tennis")),
            Map.entry("door", List.of("kitchen", "car", "office")),
            Map.entry("gate", List.of("garden", "park", "school")),
            Map.entry("bus", List.of("school")),
            Map.entry("teacher", List.of("piano", "guitar", "school")),
            Map.entry("player", List.of("chess", "football", "tennis")),
            Map.entry("store", List.of("book", "coffee")),
            Map.entry("book", List.of("school")),
            Map.entry("ticket", List.of("train", "bus", "plane")));

    static final List<String> GRADABLE = List.of("big", "small", "old", "cold", "hot", "warm", "bright", "dark",
            "light", "heavy", "late", "early", "happy", "tired", "busy", "quiet", "loud", "clean", "fast", "slow",
            "good", "nice", "beautiful", "long", "short", "young", "strong", "wet", "dry", "careful", "sharp", "fresh", "tall", "sore", "heavy", "light", "full", "empty");

    static final List<String> MANNER_ADVERBS = List.of("quickly", "slowly", "carefully", "quietly", "together",
            "again", "early", "fast", "well");
    static final List<String> FREQUENCY_ADVERBS = List.of("often", "always", "usually", "sometimes", "never");
    static final List<String> DIRECTION_ADVERBS = List.of("back", "home", "away", "left", "outside");
    static final List<String> DEGREE_ADVERBS = List.of("very", "really", "too", "quite");
    static final List<String> NAMES = List.of("Anna", "Tom", "Maria", "David", "Sarah", "James", "Lucy", "Peter");
    static final List<String> TOWNS = List.of("London", "Paris", "Boston", "Berlin", "Chicago");
    static final List<String> PLACE_PREPOSITIONS = List.of("in", "at", "near", "behind", "outside");
    static final List<String> NUMBERS = List.of("two", "three", "four", "five", "six", "ten", "twenty", "2", "3",
            "12");
    static final List<String> MODALS = List.of("can", "could", "should", "will", "would", "may", "must", "can");

    private DemoLexicon() {
    }

    static List<Noun> nouns(Kind kind) {
        return NOUNS.get(kind);
    }

    /** Entries are "singular", "singular:plural", or "singular!" for a mass noun. */
    private static void nouns(Kind kind, String entries) {
        List<Noun> nouns = new ArrayList<>();
        for (String entry : entries.split(" ")) {
            boolean mass = entry.endsWith("!");
            String forms = mass ? entry.substring(0, entry.length() - 1) : entry;
            int colon = forms.indexOf(':');
            nouns.add(colon < 0
                    ? new Noun(forms, forms + "s", kind, mass)
                    : new Noun(forms.substring(0, colon), forms.substring(colon + 1), kind, mass));
        }
        NOUNS.put(kind, List.copyOf(nouns));
    }

    /** "see saw seen" gives irregular past and participle; a lone lemma is inflected regularly. */
    private static Verb verb(String forms, String objectKinds, boolean alone, boolean motion) {
        String[] parts = forms.split(" ");
        String lemma = parts[0];
        String past = parts.length > 1 ? parts[1] : regularPast(lemma);
        String participle = parts.length > 2 ? parts[2] : past;
        List<Kind> objects = objectKinds.isEmpty() ? List.of()
                : Arrays.stream(objectKinds.split(" ")).map(Kind::valueOf).toList();
        return new Verb(lemma, thirdPerson(lemma), past, participle, gerund(lemma), objects,
                alone || objects.isEmpty(), motion);
    }

    private static String thirdPerson(String lemma) {
        if (lemma.endsWith("y") && "aeiou".indexOf(lemma.charAt(lemma.length() - 2)) < 0) {
            return lemma.substring(0, lemma.length() - 1) + "ies";
        }
        if (lemma.endsWith("sh") || lemma.endsWith("ch") || lemma.endsWith("x") || lemma.endsWith("s")
                || lemma.equals("go")) {
            return lemma + "es";
        }
        return lemma + "s";
    }

    private static String regularPast(String lemma) {
        return lemma.endsWith("e") ? lemma + "d" : lemma + "ed";
    }

    private static String gerund(String lemma) {
        return switch (lemma) {
            case "run", "swim", "stop", "plan", "forget" -> lemma + lemma.charAt(lemma.length() - 1) + "ing";
            case "see" -> "seeing";
            default -> lemma.endsWith("e") ? lemma.substring(0, lemma.length() - 1) + "ing" : lemma + "ing";
        };
    }
}
