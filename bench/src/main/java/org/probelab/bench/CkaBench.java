package org.probelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.probelab.Progress;
import org.probelab.geometry.CkaMatrix;
import org.probelab.geometry.LinearCka;
import org.probelab.io.CacheRoot;
import org.probelab.model.BertModel;
import org.probelab.model.DeviceOptions;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;
import org.probelab.represent.ExtractionOptions;
import org.probelab.represent.Extractor;
import org.probelab.represent.LabelledVectors;
import org.probelab.represent.Representations;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;
import org.probelab.data.Checksums;
import org.probelab.data.ConllU;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;

/**
 * Our side of the CKA benchmark: linear CKA (biased and debiased) between all 13 × 13 hidden states of
 * BERT-base on the words of a CoNLL-U file, from the product's vector cache ({@link LinearCka}).
 * {@code cka_reference.py} computes the same matrices with numpy from the same cache files.
 *
 * <p>Usage: {@code CkaBench extract CONLLU} (BERT-base vectors of every word, all hidden states, into the
 * cache of {@code $PROBELAB_CACHE}; prints the cache entry) and {@code CkaBench cka ENTRY_DIR} (times the
 * 13 × 13 matrices; prints one JSON line with the seconds and both matrices).
 */
public final class CkaBench {
    private CkaBench() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> line = new LinkedHashMap<>();
        switch (args[0]) {
            case "extract" -> {
                Path conllu = Path.of(args[1]);
                PretrainedModel pretrained = ModelStore.load("bert-base-uncased", CacheRoot.fromEnvironment().dir());
                long start = System.nanoTime();
                List<Sentence> sentences = ConllU.read(conllu);
                // All words in one split: CKA compares layers on the same words, no training involved.
                Dataset data = new Dataset("cka-bench", sentences, List.of(), List.of(),
                        Checksums.sha256(Files.readAllBytes(conllu)));
                BertTokenizer tokenizer = BertTokenizer.fromVocabFile(pretrained.vocab(), pretrained.lowerCase());
                Representations vectors;
                try (BertModel model = BertModel.create(pretrained.config(), pretrained.weights(), DeviceOptions.cpu())) {
                    vectors = Extractor.extract(model, pretrained.encoderId(), tokenizer, data,
                            Task.pos(), ExtractionOptions.DEFAULTS, CacheRoot.fromEnvironment().representations(),
                            Progress.NONE);
                }
                line.put("entry", vectors.directory().toString());
                line.put("words", vectors.rows(Split.TRAIN));
                line.put("layers", vectors.layers().length);
                line.put("seconds", (System.nanoTime() - start) / 1e9);
            }
            case "cka" -> {
                Representations vectors = Representations.open(Path.of(args[1]), Task.pos());
                long start = System.nanoTime();
                Map<String, LabelledVectors> layers = new LinkedHashMap<>();
                for (int layer : vectors.layers()) {
                    layers.put(Integer.toString(layer), vectors.layer(Split.TRAIN, layer));
                }
                CkaMatrix cka = new LinearCka().within(layers);
                line.put("peer", "probelab");
                line.put("seconds", (System.nanoTime() - start) / 1e9);
                line.put("items", cka.items());
                line.put("layers", layers.size());
                line.put("biased", cka.biased());
                line.put("debiased", cka.debiased());
                line.put("peak_rss_mb", Rss.peakMb());
            }
            default -> throw new IllegalArgumentException("usage: CkaBench extract CONLLU | CkaBench cka ENTRY_DIR");
        }
        System.out.println(json.writeValueAsString(line));
    }
}
