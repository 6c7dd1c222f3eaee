package org.probelab.data.demo;

import org.probelab.data.Sentence;
import org.probelab.data.Word;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A dependency tree under construction: words are added in surface order and attached to heads
 * that may come later, so a phrase can be built left to right and hooked into its clause afterwards.
 */
final class DemoTree {
    /** One word; its head and relation are set when the phrase it belongs to is attached. */
    static final class Node {
        final String upos;
        String form;
        String lemma;
        String xpos;
        Node head;
        String deprel;

        private Node(String form, String lemma, String upos, String xpos) {
            this.form = form;
            this.lemma = lemma;
            this.upos = upos;
            this.xpos = xpos;
        }

        /** Fills in a word whose form depends on words after it (an inverted auxiliary and its subject). */
        void set(String newForm, String newLemma, String newXpos) {
            this.form = newForm;
            this.lemma = newLemma;
            this.xpos = newXpos;
        }
    }

    private final List<Node> nodes = new ArrayList<>();

    Node add(String form, String lemma, String upos, String xpos) {
        Node node = new Node(form, lemma, upos, xpos);
        nodes.add(node);
        return node;
    }

    /** Adds a word whose lemma is its lowercased form. */
    Node add(String form, String upos, String xpos) {
        return add(form, form.equals("I") ? form : form.toLowerCase(Locale.ROOT), upos, xpos);
    }

    static Node attach(Node dependent, Node head, String deprel) {
        dependent.head = head;
        dependent.deprel = deprel;
        return dependent;
    }

    /** Gives a word its relation before its head exists; the phrase that creates the head attaches it. */
    static Node withRelation(Node dependent, String deprel) {
        dependent.deprel = deprel;
        return dependent;
    }

    /** The finished sentence, first word capitalized; every word must have been attached or be the root. */
    Sentence toSentence(String id, String label, Node root) {
        root.head = null;
        root.deprel = "root";
        Map<Node, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            index.put(nodes.get(i), i + 1);
        }
        List<Word> words = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node.deprel == null) {
                throw new IllegalStateException("demo grammar left '" + node.form + "' unattached in " + id);
            }
            int head = node.head == null ? 0 : index.get(node.head);
            String form = i == 0 ? capitalized(node.form) : node.form;
            words.add(new Word(form, head, List.of(Integer.toString(i + 1), form, node.lemma, node.upos, node.xpos,
                    "_", Integer.toString(head), node.deprel, "_", "_")));
        }
        return new Sentence(id, "demo:" + id, words, label);
    }

    private static String capitalized(String form) {
        return Character.toUpperCase(form.charAt(0)) + form.substring(1);
    }
}
