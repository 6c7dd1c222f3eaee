package org.probelab.train.mlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.probelab.data.corpus.Corpus;
import org.probelab.data.corpus.Document;
import org.probelab.text.BertTokenizer;
import org.probelab.text.Vocab;

/** Packing a corpus into sequences: length bound, [CLS]/[SEP], document boundaries, words kept whole. */
class SequencePackerTest {
    private static final BertTokenizer TOKENIZER = new BertTokenizer(Vocab.of(List.of("[PAD]", "[UNK]", "[CLS]",
            "[SEP]", "[MASK]", "a", "b", "c", "long", "##er", "##est")), true);
    private static final int CLS = 2;
    private static final int SEP = 3;

    private static Corpus corpus() {
        return Corpus.of("test", List.of(
                new Document("d1", List.of(List.of("a", "b"), List.of("c", "longer", "a"))),
                new Document("d2", List.of(List.of("longest", "b", "c", "a", "b", "c", "a", "b"))),
                new Document("d3", List.of(List.of("c")))));
    }

    private static List<Integer> content(List<PackedSequence> sequences) {
        List<Integer> ids = new ArrayList<>();
        for (PackedSequence s : sequences) {
            for (int p = 0; p < s.length(); p++) {
                if (s.ids()[p] != CLS && s.ids()[p] != SEP) {
                    ids.add(s.ids()[p]);
                }
            }
        }
        return ids;
    }

    @Test
    void joinedDocumentsAreSeparatedBySepAndSequencesStayWithinTheirLength() {
        List<PackedSequence> packed = SequencePacker.pack(corpus(), TOKENIZER, 8, SequencePacker.Documents.JOIN_WITH_SEP);
        List<String> decoded = packed.stream().map(s -> TOKENIZER.decode(s.ids())).toList();
        assertEquals(List.of("[CLS] a b c longer a [SEP]", "[CLS] longest b c a b [SEP]", "[CLS] c a b [SEP] c [SEP]"),
                decoded);
        for (PackedSequence s : packed) {
            assertTrue(s.length() <= 8);
            assertEquals(CLS, s.ids()[0]);
            assertEquals(SEP, s.ids()[s.length() - 1]);
            assertEquals(-1, s.words()[0]);
        }
        assertEquals("d2", packed.get(1).source());
        assertEquals(List.of(5, 6, 7, 8, 9, 5, 8, 10, 6, 7, 5, 6, 7, 5, 6, 7), content(packed));
    }

    @Test
    void subwordsOfAWordShareItsNumberAndSeparatorsHaveNone() {
        PackedSequence first = SequencePacker.pack(corpus(), TOKENIZER, 8, SequencePacker.Documents.JOIN_WITH_SEP).get(0);
        assertEquals(List.of(-1, 0, 1, 2, 3, 3, 4, -1), java.util.Arrays.stream(first.words()).boxed().toList());
        assertEquals(6, first.candidates());
    }

    @Test
    void documentsKeptApartNeverShareASequence() {
        List<PackedSequence> packed = SequencePacker.pack(corpus(), TOKENIZER, SequencePacker.MAX_LENGTH,
                SequencePacker.Documents.KEEP_APART);
        assertEquals(List.of("[CLS] a b c longer a [SEP]", "[CLS] longest b c a b c a b [SEP]", "[CLS] c [SEP]"),
                packed.stream().map(s -> TOKENIZER.decode(s.ids())).toList());
        assertEquals(List.of(0, 1, 2), packed.stream().map(PackedSequence::index).toList());
    }
}
