package org.probelab.text;

import static org.probelab.text.DemoTree.attach;
import static org.probelab.text.DemoTree.withRelation;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.probelab.text.DemoLexicon.Kind;
import org.probelab.text.DemoLexicon.Noun;
import org.probelab.text.DemoLexicon.Verb;
import org.probelab.text.DemoPhrases.Person;
import org.probelab.text.DemoPhrases.Phrase;
import org.probelab.text.DemoTree.Node;

/**
 * The clause level of the demo grammar: statements (active, passive, copular, coordinated and
 * subordinated), yes/no and wh-questions with auxiliary inversion, and imperatives. Trees follow the
 * UD English conventions of EWT (content words head, auxiliaries and copulas depend on them).
 */
final class DemoClauses {
    static final String STATEMENT = "statement";
    static final String QUESTION = "question";
    static final String COMMAND = "command";

    /** The verb forms a clause can take; each needs at most one auxiliary. */
    private enum Tense {
        PRESENT, PAST, MODAL, FUTURE, PROGRESSIVE, PERFECT
    }

    private record Auxiliary(String form, String lemma, String xpos) {
    }

    /** Intransitive verbs that also take non-human subjects ("the train arrived"); looked up, never iterated. */
    private static final Map<String, List<String>> OTHER_SUBJECTS = Map.of(
            "run", List.of("dog", "horse", "cat"),
            "walk", List.of("dog", "horse", "cow"),
            "swim", List.of("dog", "duck", "fish"),
            "sleep", List.of("dog", "cat", "baby"),
            "fly", List.of("bird", "duck", "fly", "plane"),
            "arrive", List.of("train", "bus", "plane", "boat", "letter"),
            "stop", List.of("train", "bus", "car", "truck"),
            "leave", List.of("train", "bus", "plane", "boat"),
            "come", List.of("dog", "cat", "bus", "train"));

    /** Verbs that make odd imperatives ("Like the movie!") or passives ("The tea was wanted"). */
    private static final List<String> NOT_COMMANDS = List.of("like", "want", "need", "hurt", "lose", "see",
            "arrive", "forget", "plan");
    private static final List<Verb> PASSIVE_VERBS = DemoLexicon.VERBS.stream()
            .filter(v -> v.transitive() && !List.of("like", "want", "need", "walk", "stop").contains(v.lemma()))
            .toList();

    /** Past narration is the commonest in text, so it gets twice the weight of the others. */
    private static final List<Tense> STATEMENT_TENSES = List.of(Tense.PRESENT, Tense.PAST, Tense.PAST, Tense.MODAL,
            Tense.FUTURE, Tense.PROGRESSIVE, Tense.PERFECT);
    private static final List<String> STATIVE = List.of("like", "want", "need", "see", "forget");

    private static final List<String> SUBORDINATORS = List.of("when", "because", "after", "before", "while", "if");
    private static final List<String> INSTRUMENT_VERBS = List.of("fix", "open", "clean", "paint");

    private final DemoPhrases phrases;
    private DemoTree tree;

    DemoClauses(SplittableRandom random) {
        this.phrases = new DemoPhrases(random);
    }

    /** One sentence of the given kind ({@link #STATEMENT}, {@link #QUESTION} or {@link #COMMAND}). */
    Sentence sentence(String id, String label) {
        tree = new DemoTree();
        phrases.startSentence(tree);
        Node root = switch (label) {
            case STATEMENT -> statement();
            case QUESTION -> question();
            case COMMAND -> command();
            default -> throw new IllegalArgumentException("unknown sentence label " + label);
        };
        return tree.toSentence(id, label, root);
    }

    // ---- statements

    private Node statement() {
        double roll = phrases.nextDouble();
        Node root;
        if (roll < 0.13) {
            root = copular(false);
        } else if (roll < 0.22) {
            root = passive();
        } else {
            root = declarative(true);
            if (phrases.chance(0.12)) {
                coordinateClause(root);
            } else if (phrases.chance(0.12)) {
                subordinateClause(root);
            }
        }
        punctuate(root, phrases.chance(0.95) ? "." : "!");
        return root;
    }

    /** Subject, verb group, complements and adjuncts; optionally a time expression in front. */
    private Node declarative(boolean mayFront) {
        Verb verb = pickVerb();
        Tense tense = pickTense(verb);
        Node fronted = null;
        if (mayFront && tense != Tense.PERFECT && tense != Tense.PROGRESSIVE && phrases.chance(0.1)) {
            fronted = time(tense);
        }
        Node comma = fronted != null && phrases.chance(0.7) ? punctuation(",") : null;
        boolean objectless = !verb.transitive() || (verb.alone() && phrases.chance(0.4));
        Phrase subject = subjectFor(verb, objectless);
        boolean negated = phrases.chance(0.15);
        Node frequency = !negated && (tense == Tense.PRESENT || tense == Tense.PAST) && phrases.chance(0.1)
                ? tree.add(phrases.pick(DemoLexicon.FREQUENCY_ADVERBS), "ADV", "RB") : null;
        boolean doSupport = negated && (tense == Tense.PRESENT || tense == Tense.PAST);
        Node auxiliary = auxiliary(tense, subject.person(), doSupport);
        Node not = negated ? negation() : null;
        Node head = mainVerb(verb, tense, subject.person(), auxiliary != null);
        attach(subject.head(), head, "nsubj");
        attachIfPresent(auxiliary, head, "aux");
        attachIfPresent(not, head, "advmod");
        attachIfPresent(frequency, head, "advmod");
        complements(verb, head, objectless);
        adjuncts(verb, head, tense, fronted == null);
        if (fronted != null) {
            attach(fronted, head, fronted.deprel);
        }
        attachIfPresent(comma, head, "punct");
        return head;
    }

    /** "The water is (not) very cold", "He is a teacher", "The keys are in the kitchen". */
    private Node copular(boolean question) {
        Kind kind = phrases.pick(List.of(Kind.PERSON, Kind.ANIMAL, Kind.DRINK, Kind.FOOD, Kind.VEHICLE, Kind.OBJECT,
                Kind.PLACE, Kind.OPENABLE, Kind.CONTAINER, Kind.LAMP, Kind.SHOW, Kind.OUTING));
        Tense tense = phrases.chance(0.7) ? Tense.PRESENT : Tense.PAST;
        Node copula;
        Phrase subject;
        if (question) {
            copula = deferredAuxiliary();
            subject = phrases.subject(kind);
            setBe(copula, tense, subject.person());
        } else {
            subject = phrases.subject(kind);
            copula = be(tense, subject.person());
        }
        Node not = !question && phrases.chance(0.15) ? negation() : null;
        Node predicate = predicate(kind, subject.person());
        attach(subject.head(), predicate, "nsubj");
        attach(copula, predicate, "cop");
        attachIfPresent(not, predicate, "advmod");
        return predicate;
    }

    private Node predicate(Kind kind, Person person) {
        double roll = phrases.nextDouble();
        if (roll < 0.65 || kind == Kind.DRINK || kind == Kind.FOOD) {
            String adjective = phrases.pick(DemoLexicon.ADJECTIVES_BY_KIND.get(kind));
            Node degree = DemoLexicon.GRADABLE.contains(adjective) && phrases.chance(0.3)
                    ? tree.add(phrases.pick(DemoLexicon.DEGREE_ADVERBS), "ADV", "RB") : null;
            Node head = tree.add(adjective, "ADJ", "JJ");
            attachIfPresent(degree, head, "advmod");
            return head;
        }
        if (kind == Kind.PERSON && roll < 0.85) {
            Noun role = phrases.pick(DemoLexicon.nouns(Kind.PERSON));
            if (person == Person.PLURAL) {
                return tree.add(role.plural(), role.singular(), "NOUN", "NNS");
            }
            Node article = tree.add("a", "DET", "DT");
            Node head = tree.add(role.singular(), "NOUN", "NN");
            return attach(article, head, "det").head;
        }
        return phrases.place();
    }

    /** "The window was broken by the boy": object promoted to subject, agent in a by-phrase. */
    private Node passive() {
        Verb verb = phrases.pick(PASSIVE_VERBS);
        Kind kind = phrases.pick(verb.objects());
        Phrase subject = phrases.subject(kind);
        Tense tense = phrases.chance(0.6) ? Tense.PAST : Tense.PRESENT;
        Node auxiliary = be(tense, subject.person());
        Node head = tree.add(verb.participle(), verb.lemma(), "VERB", "VBN");
        attach(subject.head(), head, "nsubj:pass");
        attach(auxiliary, head, "aux:pass");
        if (phrases.chance(0.5)) {
            Node by = tree.add("by", "ADP", "IN");
            Node agent = phrases.nounPhrase(Kind.PERSON).head();
            attach(by, agent, "case");
            attach(agent, head, "obl:agent");
        }
        if (phrases.chance(0.3)) {
            attach(phrases.place(), head, "obl");
        }
        return head;
    }

    /** "…, and she watched a movie": a second clause conjoined to the first. */
    private void coordinateClause(Node first) {
        Node comma = phrases.chance(0.5) ? punctuation(",") : null;
        Node conjunction = tree.add(phrases.pick(List.of("and", "and", "but", "so")), "CCONJ", "CC");
        Node second = declarative(false);
        attach(conjunction, second, "cc");
        attachIfPresent(comma, second, "punct");
        attach(second, first, "conj");
    }

    /** "… when the train arrived": an adverbial clause after the main clause. */
    private void subordinateClause(Node main) {
        Node marker = tree.add(phrases.pick(SUBORDINATORS), "SCONJ", "IN");
        Node clause = declarative(false);
        attach(marker, clause, "mark");
        attach(clause, main, "advcl");
    }

    // ---- questions

    private Node question() {
        double roll = phrases.nextDouble();
        Node root;
        if (roll < 0.35) {
            root = yesNoQuestion();
        } else if (roll < 0.45) {
            root = copular(true);
        } else if (roll < 0.62) {
            root = whObjectQuestion();
        } else if (roll < 0.8) {
            root = whAdverbQuestion();
        } else if (roll < 0.92) {
            root = whoQuestion();
        } else {
            root = whereIsQuestion();
        }
        punctuate(root, "?");
        return root;
    }

    /** "Did you see the train?", "Can the children swim in the river?": the auxiliary comes first. */
    private Node yesNoQuestion() {
        Verb verb = pickVerb();
        Tense tense = pickTense(verb);
        boolean objectless = !verb.transitive() || (verb.alone() && phrases.chance(0.4));
        Node auxiliary = deferredAuxiliary();
        Phrase subject = subjectFor(verb, objectless);
        setAuxiliary(auxiliary, tense, subject.person());
        Node head = mainVerb(verb, tense, subject.person(), true);
        attach(subject.head(), head, "nsubj");
        attach(auxiliary, head, "aux");
        complements(verb, head, objectless);
        adjuncts(verb, head, tense, true);
        return head;
    }

    /** "What did you buy at the market?", "Which book will she read?" */
    private Node whObjectQuestion() {
        Verb verb = phrases.pick(DemoLexicon.VERBS.stream()
                .filter(v -> v.transitive() && !v.objects().contains(Kind.PERSON)).toList());
        Kind kind = phrases.pick(verb.objects());
        Node object;
        if (phrases.chance(0.6)) {
            object = tree.add("what", "PRON", "WP");
        } else {
            Node which = tree.add("which", "DET", "WDT");
            object = tree.add(phrases.pick(DemoLexicon.nouns(kind)).singular(), "NOUN", "NN");
            attach(which, object, "det");
        }
        Tense tense = pickQuestionTense(verb);
        Node auxiliary = deferredAuxiliary();
        Phrase subject = phrases.subject(Kind.PERSON);
        setAuxiliary(auxiliary, tense, subject.person());
        Node head = mainVerb(verb, tense, subject.person(), true);
        attach(object, head, "obj");
        attach(subject.head(), head, "nsubj");
        attach(auxiliary, head, "aux");
        adjuncts(verb, head, tense, true);
        return head;
    }

    /** "Where did they park the car?", "When will the train arrive?" */
    private Node whAdverbQuestion() {
        Node wh = tree.add(phrases.pick(List.of("where", "when", "why", "how")), "ADV", "WRB");
        Verb verb = pickVerb();
        Tense tense = pickQuestionTense(verb);
        boolean objectless = !verb.transitive() || (verb.alone() && phrases.chance(0.4));
        Node auxiliary = deferredAuxiliary();
        Phrase subject = subjectFor(verb, objectless);
        setAuxiliary(auxiliary, tense, subject.person());
        Node head = mainVerb(verb, tense, subject.person(), true);
        attach(wh, head, "advmod");
        attach(subject.head(), head, "nsubj");
        attach(auxiliary, head, "aux");
        complements(verb, head, objectless);
        return head;
    }

    /** "Who left the door open?": the wh-word is the subject, so there is no inversion. */
    private Node whoQuestion() {
        Node who = tree.add("who", "PRON", "WP");
        Verb verb = phrases.pick(DemoLexicon.VERBS.stream().filter(Verb::transitive).toList());
        Tense tense = phrases.pick(List.of(Tense.PAST, Tense.PAST, Tense.MODAL, Tense.PRESENT, Tense.PERFECT));
        Node auxiliary = auxiliary(tense, Person.THIRD_SINGULAR, false);
        Node head = mainVerb(verb, tense, Person.THIRD_SINGULAR, auxiliary != null);
        attach(who, head, "nsubj");
        attachIfPresent(auxiliary, head, "aux");
        complements(verb, head, false);
        adjuncts(verb, head, tense, true);
        return head;
    }

    /** "Where is my watch?": the wh-adverb is the predicate and "is" its copula. */
    private Node whereIsQuestion() {
        Node where = tree.add("where", "ADV", "WRB");
        Node copula = deferredAuxiliary();
        Phrase subject = phrases.subject(phrases.pick(List.of(Kind.OBJECT, Kind.CONTAINER, Kind.TOOL,
                Kind.PLACE, Kind.READING, Kind.PERSON, Kind.ANIMAL)));
        setBe(copula, phrases.chance(0.8) ? Tense.PRESENT : Tense.PAST, subject.person());
        attach(subject.head(), where, "nsubj");
        attach(copula, where, "cop");
        return where;
    }

    // ---- commands

    private Node command() {
        Node please = phrases.chance(0.2) ? tree.add("please", "INTJ", "UH") : null;
        Node root;
        if (phrases.chance(0.08)) {
            root = beCareful();
        } else {
            boolean negated = phrases.chance(0.15);
            Node doAuxiliary = negated ? tree.add("do", "AUX", "VB") : null;
            Node not = negated ? negation() : null;
            Verb verb = pickCommandVerb();
            boolean objectless = !verb.transitive() || (verb.alone() && phrases.chance(0.4));
            root = tree.add(verb.lemma(), verb.lemma(), "VERB", "VB");
            attachIfPresent(doAuxiliary, root, "aux");
            attachIfPresent(not, root, "advmod");
            complements(verb, root, objectless);
            adjuncts(verb, root, Tense.MODAL, true);
        }
        attachIfPresent(please, root, "discourse");
        punctuate(root, phrases.chance(0.75) ? "." : "!");
        return root;
    }

    /** "Be careful!", "Be quiet in the library." */
    private Node beCareful() {
        Node be = tree.add("be", "AUX", "VB");
        Node adjective = tree.add(phrases.pick(List.of("careful", "quiet", "nice", "early")), "ADJ", "JJ");
        attach(be, adjective, "cop");
        if (phrases.chance(0.3)) {
            attach(phrases.place(), adjective, "obl");
        }
        return adjective;
    }

    // ---- verb phrases

    private Verb pickVerb() {
        double roll = phrases.nextDouble();
        if (roll < 0.08) {
            return phrases.pick(DemoLexicon.CONTROL);
        }
        if (roll < 0.15) {
            return phrases.pick(DemoLexicon.DITRANSITIVE);
        }
        return phrases.pick(DemoLexicon.VERBS);
    }

    private Verb pickCommandVerb() {
        Verb verb;
        do {
            verb = pickVerb();
        } while (NOT_COMMANDS.contains(verb.lemma()));
        return verb;
    }

    private Tense pickTense(Verb verb) {
        return avoidStativeProgressive(verb, phrases.pick(STATEMENT_TENSES));
    }

    private Tense pickQuestionTense(Verb verb) {
        return avoidStativeProgressive(verb,
                phrases.pick(List.of(Tense.PAST, Tense.PRESENT, Tense.MODAL, Tense.FUTURE, Tense.PROGRESSIVE)));
    }

    // "She is liking tea" is not English; stative verbs fall back to the simple present.
    private static Tense avoidStativeProgressive(Verb verb, Tense tense) {
        return tense == Tense.PROGRESSIVE && STATIVE.contains(verb.lemma()) ? Tense.PRESENT : tense;
    }

    private Phrase subjectFor(Verb verb, boolean objectless) {
        List<String> others = OTHER_SUBJECTS.get(verb.lemma());
        if (objectless && others != null && phrases.chance(0.4)) {
            String name = phrases.pick(others);
            Noun noun = DemoLexicon.NOUNS.values().stream().flatMap(List::stream)
                    .filter(n -> n.singular().equals(name)).findFirst().orElseThrow();
            return phrases.nounPhrase(noun);
        }
        return phrases.subject(Kind.PERSON);
    }

    /** Objects and other complements; control verbs take "to" + verb, ditransitives a person first. */
    private void complements(Verb verb, Node head, boolean objectless) {
        if (DemoLexicon.CONTROL.contains(verb)) {
            Node to = tree.add("to", "PART", "TO");
            Verb inner = phrases.pick(DemoLexicon.VERBS);
            Node infinitive = tree.add(inner.lemma(), inner.lemma(), "VERB", "VB");
            attach(to, infinitive, "mark");
            attach(infinitive, head, "xcomp");
            complements(inner, infinitive, !inner.transitive() || (inner.alone() && phrases.chance(0.4)));
            return;
        }
        if (DemoLexicon.DITRANSITIVE.contains(verb)) {
            attach(phrases.object(Kind.PERSON), head, "iobj");
        }
        if (!objectless) {
            attach(phrases.object(phrases.pick(verb.objects())), head, "obj");
        } else if (verb.motion() && phrases.chance(0.5)) {
            direction(verb, head);
        }
    }

    /** "turn left", "go back", "walk home", "ran to the station", "went for a swim". */
    private void direction(Verb verb, Node head) {
        double roll = phrases.nextDouble();
        if (verb.lemma().equals("turn")) {
            attach(tree.add(phrases.pick(List.of("left", "right", "around", "back")), "ADV", "RB"), head, "advmod");
        } else if (verb.lemma().equals("go") && roll < 0.5) {
            attach(phrases.prepositional("for", Kind.OUTING), head, "obl");
        } else if (roll < 0.6) {
            attach(tree.add(phrases.pick(List.of("back", "home", "away")), "ADV", "RB"), head, "advmod");
        } else {
            attach(phrases.prepositional("to", Kind.PLACE), head, "obl");
        }
    }

    /** Optional place, instrument, manner and (unless already fronted) time adjuncts. */
    private void adjuncts(Verb verb, Node head, Tense tense, boolean mayAddTime) {
        if (INSTRUMENT_VERBS.contains(verb.lemma()) && phrases.chance(0.3)) {
            attach(phrases.prepositional("with", Kind.TOOL), head, "obl");
        }
        if (phrases.chance(0.3)) {
            attach(phrases.place(), head, "obl");
        }
        if (phrases.chance(0.12)) {
            attach(tree.add(phrases.pick(DemoLexicon.MANNER_ADVERBS), "ADV", "RB"), head, "advmod");
        }
        if (mayAddTime && phrases.chance(0.15)) {
            Node time = time(tense);
            attach(time, head, time.deprel);
        }
    }

    /**
     * A time expression that fits the tense ("yesterday", "last night", "every day", "tomorrow"); its
     * relation is stored on the returned node for the caller to attach. Perfect takes "already".
     */
    private Node time(Tense tense) {
        List<String> options = switch (tense) {
            case PAST -> List.of("yesterday", "last night", "last week", "this morning", "on Sunday");
            case PRESENT -> List.of("every day", "every morning", "on Sundays", "today");
            case MODAL, FUTURE -> List.of("tomorrow", "next week", "tonight", "later", "on Monday");
            case PROGRESSIVE -> List.of("now", "today", "this morning");
            case PERFECT -> List.of("already");
        };
        String[] words = phrases.pick(options).split(" ");
        if (words.length == 1) {
            String word = words[0];
            if (List.of("now", "later", "already").contains(word)) {
                return withRelation(tree.add(word, "ADV", "RB"), "advmod");
            }
            return withRelation(tree.add(word, "NOUN", "NN"), "obl:unmarked");
        }
        Node first = switch (words[0]) {
            case "on" -> tree.add("on", "ADP", "IN");
            case "last", "next" -> tree.add(words[0], "ADJ", "JJ");
            default -> tree.add(words[0], "DET", "DT");
        };
        boolean proper = Character.isUpperCase(words[1].charAt(0));
        Node second = proper
                ? tree.add(words[1], words[1].replaceAll("s$", ""), "PROPN", words[1].endsWith("s") ? "NNPS" : "NNP")
                : tree.add(words[1], "NOUN", "NN");
        attach(first, second, switch (first.upos) {
            case "ADP" -> "case";
            case "ADJ" -> "amod";
            default -> "det";
        });
        return withRelation(second, proper ? "obl" : "obl:unmarked");
    }

    // ---- auxiliaries and verb forms

    /** Adds the auxiliary a declarative verb group needs, or returns null when it needs none. */
    private Node auxiliary(Tense tense, Person person, boolean doSupport) {
        if ((tense == Tense.PRESENT || tense == Tense.PAST) && !doSupport) {
            return null;
        }
        Node node = deferredAuxiliary();
        setAuxiliary(node, tense, person);
        return node;
    }

    /** Adds a placeholder for an auxiliary or copula that precedes its subject; its form follows the subject. */
    private Node deferredAuxiliary() {
        return tree.add("", "", "AUX", "");
    }

    private void setAuxiliary(Node node, Tense tense, Person person) {
        Auxiliary auxiliary = switch (tense) {
            case PRESENT -> person == Person.THIRD_SINGULAR ? new Auxiliary("does", "do", "VBZ")
                    : new Auxiliary("do", "do", "VBP");
            case PAST -> new Auxiliary("did", "do", "VBD");
            case MODAL -> {
                String modal = phrases.pick(DemoLexicon.MODALS);
                yield new Auxiliary(modal, modal, "MD");
            }
            case FUTURE -> new Auxiliary("will", "will", "MD");
            case PROGRESSIVE -> beForm(phrases.chance(0.7) ? Tense.PRESENT : Tense.PAST, person);
            case PERFECT -> person == Person.THIRD_SINGULAR ? new Auxiliary("has", "have", "VBZ")
                    : new Auxiliary("have", "have", "VBP");
        };
        node.set(auxiliary.form(), auxiliary.lemma(), auxiliary.xpos());
    }

    private void setBe(Node node, Tense tense, Person person) {
        Auxiliary be = beForm(tense, person);
        node.set(be.form(), be.lemma(), be.xpos());
    }

    private Node be(Tense tense, Person person) {
        Node node = deferredAuxiliary();
        setBe(node, tense, person);
        return node;
    }

    private static Auxiliary beForm(Tense tense, Person person) {
        boolean past = tense == Tense.PAST;
        return switch (person) {
            case FIRST_SINGULAR -> past ? new Auxiliary("was", "be", "VBD") : new Auxiliary("am", "be", "VBP");
            case THIRD_SINGULAR -> past ? new Auxiliary("was", "be", "VBD") : new Auxiliary("is", "be", "VBZ");
            case SECOND, PLURAL -> past ? new Auxiliary("were", "be", "VBD") : new Auxiliary("are", "be", "VBP");
        };
    }

    private Node mainVerb(Verb verb, Tense tense, Person person, boolean afterAuxiliary) {
        String form;
        String xpos;
        switch (tense) {
            case PROGRESSIVE -> { form = verb.gerund(); xpos = "VBG"; }
            case PERFECT -> { form = verb.participle(); xpos = "VBN"; }
            case PAST -> { form = afterAuxiliary ? verb.lemma() : verb.past(); xpos = afterAuxiliary ? "VB" : "VBD"; }
            case PRESENT -> {
                boolean third = person == Person.THIRD_SINGULAR;
                form = afterAuxiliary ? verb.lemma() : third ? verb.third() : verb.lemma();
                xpos = afterAuxiliary ? "VB" : third ? "VBZ" : "VBP";
            }
            default -> { form = verb.lemma(); xpos = "VB"; }
        }
        return tree.add(form, verb.lemma(), "VERB", xpos);
    }

    private Node negation() {
        return tree.add("not", "not", "PART", "RB");
    }

    private Node punctuation(String mark) {
        return tree.add(mark, mark, "PUNCT", mark.equals(",") ? "," : ".");
    }

    private void punctuate(Node root, String mark) {
        attach(punctuation(mark), root, "punct");
    }

    private static void attachIfPresent(Node dependent, Node head, String deprel) {
        if (dependent != null) {
            attach(dependent, head, deprel);
        }
    }
}
