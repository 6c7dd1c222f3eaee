package org.probelab.text;

import static org.probelab.text.DemoTree.attach;
import static org.probelab.text.DemoTree.withRelation;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.probelab.text.DemoLexicon.Kind;
import org.probelab.text.DemoLexicon.Noun;
import org.probelab.text.DemoTree.Node;

/**
 * Noun phrases, prepositional phrases and time expressions of the demo grammar. Each method adds
 * its words to the current tree in order and returns the phrase head, attached inside the phrase
 * but not yet to the clause.
 */
final class DemoPhrases {
    /** Grammatical person and number, for agreement of verbs and auxiliaries. */
    enum Person {
        FIRST_SINGULAR, SECOND, THIRD_SINGULAR, PLURAL
    }

    record Phrase(Node head, Person person) {
    }

    private static final String[][] SUBJECT_PRONOUNS = {
            {"I", "I", "FIRST_SINGULAR"}, {"you", "you", "SECOND"}, {"he", "he", "THIRD_SINGULAR"},
            {"she", "she", "THIRD_SINGULAR"}, {"we", "we", "PLURAL"}, {"they", "they", "PLURAL"}};
    private static final String[][] OBJECT_PRONOUNS = {
            {"me", "I"}, {"you", "you"}, {"him", "he"}, {"her", "she"}, {"us", "we"}, {"them", "they"}};
    private static final String[][] POSSESSIVES = {
            {"my", "my"}, {"your", "you"}, {"his", "he"}, {"her", "she"}, {"our", "we"}, {"their", "they"}};

    private final SplittableRandom random;
    private DemoTree tree;

    DemoPhrases(SplittableRandom random) {
        this.random = random;
    }

    void startSentence(DemoTree sentenceTree) {
        this.tree = sentenceTree;
    }

    double nextDouble() {
        return random.nextDouble();
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** A subject of the given kind: for people often a pronoun or a name, sometimes two coordinated. */
    Phrase subject(Kind kind) {
        if (kind == Kind.PERSON) {
            double roll = random.nextDouble();
            if (roll < 0.35) {
                String[] pronoun = pick(SUBJECT_PRONOUNS);
                return new Phrase(tree.add(pronoun[0], pronoun[1], "PRON", "PRP"), Person.valueOf(pronoun[2]));
            }
            if (roll < 0.5) {
                return new Phrase(name(), Person.THIRD_SINGULAR);
            }
        }
        if (chance(0.07)) {
            return new Phrase(coordinated(() -> nounPhrase(kind).head()), Person.PLURAL);
        }
        return nounPhrase(kind);
    }

    /** An object of the given kind; people are sometimes pronouns or names. */
    Node object(Kind kind) {
        if (kind == Kind.PERSON && chance(0.4)) {
            if (chance(0.5)) {
                String[] pronoun = pick(OBJECT_PRONOUNS);
                return tree.add(pronoun[0], pronoun[1], "PRON", "PRP");
            }
            return name();
        }
        return chance(0.06) ? coordinated(() -> nounPhrase(kind).head()) : nounPhrase(kind).head();
    }

    /** "X and Y" / "X or Y": the first conjunct heads, the second hangs from it as conj with its cc. */
    private Node coordinated(Supplier<Node> conjunct) {
        Node first = conjunct.get();
        Node conjunction = tree.add(chance(0.8) ? "and" : "or", "CCONJ", "CC");
        Node second = conjunct.get();
        attach(conjunction, second, "cc");
        return attach(second, first, "conj").head;
    }

    Node name() {
        String name = pick(DemoLexicon.NAMES);
        return tree.add(name, name, "PROPN", "NNP");
    }

    /** Determiner or possessor, adjectives, compound modifier, the noun, and for containers "of" + content. */
    Phrase nounPhrase(Kind kind) {
        return nounPhrase(pick(DemoLexicon.nouns(kind)));
    }

    Phrase nounPhrase(Noun noun) {
        boolean plural = !noun.mass() && chance(0.28);
        String form = plural ? noun.plural() : noun.singular();
        String adjective = chance(0.25) ? adjectiveFor(noun) : null;
        boolean intensified = adjective != null && DemoLexicon.GRADABLE.contains(adjective) && chance(0.2);
        List<String> modifiers = DemoLexicon.COMPOUNDS.get(noun.singular());
        String compound = modifiers != null && chance(0.3) ? pick(modifiers) : null;
        String next = intensified ? "very" : adjective != null ? adjective : compound != null ? compound : form;

        Node determiner = determiner(noun, plural, next);
        Node degree = intensified ? tree.add(chance(0.7) ? "very" : "really", "ADV", "RB") : null;
        Node adjectiveNode = adjective == null ? null : tree.add(adjective, "ADJ", "JJ");
        Node compoundNode = compound == null ? null : tree.add(compound, "NOUN", "NN");
        Node head = tree.add(form, noun.singular(), "NOUN", plural ? "NNS" : "NN");
        if (determiner != null) {
            attach(determiner, head, determiner.deprel);
        }
        if (degree != null) {
            attach(degree, adjectiveNode, "advmod");
        }
        if (adjectiveNode != null) {
            attach(adjectiveNode, head, "amod");
        }
        if (compoundNode != null) {
            attach(compoundNode, head, "compound");
        }
        if (noun.kind() == Kind.CONTAINER && chance(0.4)) {
            Node of = tree.add("of", "ADP", "IN");
            attach(attach(of, contents(), "case").head, head, "nmod");
        }
        return new Phrase(head, plural ? Person.PLURAL : Person.THIRD_SINGULAR);
    }

    private Node contents() {
        Kind kind = chance(0.5) ? Kind.DRINK : Kind.FOOD;
        Noun noun = pick(DemoLexicon.nouns(kind));
        return noun.mass() ? tree.add(noun.singular(), "NOUN", "NN")
                : tree.add(noun.plural(), noun.singular(), "NOUN", "NNS");
    }

    private String adjectiveFor(Noun noun) {
        for (DemoLexicon.Attributive attributive : DemoLexicon.ATTRIBUTIVE_ONLY) {
            if (attributive.nouns().contains(noun.singular()) && chance(0.5)) {
                return attributive.adjective();
            }
        }
        return pick(DemoLexicon.ADJECTIVES_BY_KIND.get(noun.kind()));
    }

    /**
     * Adds the determiner or possessor before {@code next}, the word that will follow it; its relation is
     * stored on the node and applied when the head noun exists. Returns null for a bare noun.
     */
    private Node determiner(Noun noun, boolean plural, String next) {
        double roll = random.nextDouble();
        if (noun.mass()) {
            if (noun.kind() == Kind.GAME || roll < 0.55) {
                return null;
            }
            return roll < 0.8 ? withRelation(tree.add("the", "DET", "DT"), "det") : possessive();
        }
        if (plural) {
            if (roll < 0.35) {
                return withRelation(tree.add("the", "DET", "DT"), "det");
            }
            if (roll < 0.55) {
                return null;
            }
            if (roll < 0.7) {
                return withRelation(tree.add(pick(DemoLexicon.NUMBERS), "NUM", "CD"), "nummod");
            }
            if (roll < 0.82) {
                return possessive();
            }
            boolean near = chance(0.5);
            return withRelation(tree.add(near ? "these" : "those", near ? "this" : "that", "DET", "DT"), "det");
        }
        if (roll < 0.45) {
            return withRelation(tree.add("the", "DET", "DT"), "det");
        }
        if (roll < 0.72) {
            String article = "aeiou".indexOf(next.charAt(0)) >= 0 ? "an" : "a";
            return withRelation(tree.add(article, "a", "DET", "DT"), "det");
        }
        if (roll < 0.85) {
            return possessive();
        }
        if (roll < 0.93) {
            return withRelation(tree.add(chance(0.5) ? "this" : "that", "DET", "DT"), "det");
        }
        return possessor();
    }

    private Node possessive() {
        String[] possessive = pick(POSSESSIVES);
        return withRelation(tree.add(possessive[0], possessive[1], "PRON", "PRP$"), "nmod:poss");
    }

    /** "the teacher 's" or "Anna 's": a possessor noun phrase with its clitic. */
    private Node possessor() {
        Node owner;
        if (chance(0.5)) {
            owner = name();
        } else {
            Node the = tree.add("the", "DET", "DT");
            owner = tree.add(pick(DemoLexicon.nouns(Kind.PERSON)).singular(), "NOUN", "NN");
            attach(the, owner, "det");
        }
        attach(tree.add("'s", "'s", "PART", "POS"), owner, "case");
        return withRelation(owner, "nmod:poss");
    }

    /** "in the park", "on the train", "with a saw": a preposition and noun phrase; the noun is returned. */
    Node prepositional(String preposition, Kind kind) {
        Node adposition = tree.add(preposition, "ADP", "IN");
        Node noun = kind == Kind.PLACE && chance(0.12) ? town() : definiteNounPhrase(kind);
        return attach(adposition, noun, "case").head;
    }

    /** "the park", "my old car": the plain singular noun phrases that read naturally after a preposition. */
    private Node definiteNounPhrase(Kind kind) {
        Noun noun = pick(DemoLexicon.nouns(kind));
        Node determiner = noun.mass() && chance(0.5) ? null
                : chance(0.8) ? withRelation(tree.add("the", "DET", "DT"), "det") : possessive();
        Node adjective = chance(0.15) ? tree.add(adjectiveFor(noun), "ADJ", "JJ") : null;
        Node head = tree.add(noun.singular(), "NOUN", "NN");
        if (determiner != null) {
            attach(determiner, head, determiner.deprel);
        }
        if (adjective != null) {
            attach(adjective, head, "amod");
        }
        return head;
    }

    private Node town() {
        String town = pick(DemoLexicon.TOWNS);
        return tree.add(town, town, "PROPN", "NNP");
    }

    /** A place adjunct: in/at/near a place, or on a vehicle. */
    Node place() {
        if (chance(0.2)) {
            return prepositional("on", Kind.VEHICLE);
        }
        return prepositional(pick(DemoLexicon.PLACE_PREPOSITIONS), Kind.PLACE);
    }
}
