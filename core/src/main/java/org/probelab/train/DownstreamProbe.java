package org.probelab.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.probelab.Progress;
import org.probelab.data.Checksums;
import org.probelab.data.Dataset;
import org.probelab.data.Sentence;
import org.probelab.data.Split;
import org.probelab.io.AtomicFiles;
import org.probelab.model.BertModel;
import org.probelab.probe.ProbeDefaults;
import org.probelab.probe.ProbeKind;
import org.probelab.probe.ProbeTrainer;
import org.probelab.represent.ExtractionOptions;
import org.probelab.represent.Extractor;
import org.probelab.represent.LabelledVectors;
import org.probelab.represent.Representations;
import org.probelab.represent.Task;
import org.probelab.text.BertTokenizer;

/**
 * When a recipe ends in fine-tuning, how good a masked-LM checkpoint is for the task: the dev accuracy of a
 * linear probe (L2-regularised softmax regression, the probes' quick setting) on the last layer's vectors of the
 * task's first {@code trainSentences} train sentences and {@code devSentences} dev sentences. A probe, not a short
 * fine-tune, because it costs one forward pass over those sentences and a convex fit — seconds, where a one-epoch
 * fine-tune of BERT-base on a CPU takes many minutes at every evaluation — and it reads what the masked LM put
 * into the representations without training them further (docs/pretraining.md, "When to stop").
 *
 * @param task           the fine-tuning task ({@code Task.named})
 * @param trainSentences at most this many train sentences (from the start of the split) fit the probe
 * @param devSentences   at most this many dev sentences score it
 */
public record DownstreamProbe(String task, int trainSentences, int devSentences) {
    /** 1,000 train and 500 dev sentences: a POS probe's accuracy settles well before (probing's learning curves). */
    public static final int TRAIN_SENTENCES = 1000;
    public static final int DEV_SENTENCES = 500;

    public DownstreamProbe {
        Task.named(task);
        if (trainSentences < 1 || devSentences < 1) {
            throw new IllegalArgumentException("the downstream probe needs at least 1 train and 1 dev sentence, got "
                    + trainSentences + " and " + devSentences);
        }
    }

    public DownstreamProbe(String task) {
        this(task, TRAIN_SENTENCES, DEV_SENTENCES);
    }

    /**
     * The probe's dev accuracy on {@code model} as it is now (dropout off); its vectors are extracted into
     * {@code scratch}, which is deleted afterwards.
     */
    double score(BertModel model, BertTokenizer tokenizer, Dataset data, Path scratch) throws IOException {
        List<Sentence> train = data.train().subList(0, Math.min(trainSentences, data.train().size()));
        List<Sentence> dev = data.dev().subList(0, Math.min(devSentences, data.dev().size()));
        if (dev.isEmpty()) {
            throw new IllegalArgumentException("the downstream probe on " + task + " needs dev sentences, and "
                    + data.name() + " has none");
        }
        Dataset slice = new Dataset(data.name() + " (downstream probe)", train, dev, List.of(),
                Checksums.ofSplits(train, dev));
        int last = model.numHiddenStates() - 1;
        try {
            // The scratch directory holds these weights' vectors only: its id need not name them.
            Representations vectors = Extractor.extract(model, "checkpoint", tokenizer, slice, Task.named(task),
                    ExtractionOptions.DEFAULTS.withLayers(last), scratch, Progress.NONE);
            LabelledVectors trainRows = vectors.layer(Split.TRAIN, last);
            return new ProbeTrainer("layer " + last, Progress.NONE)
                    .train(ProbeDefaults.quick(ProbeKind.LINEAR, trainRows.rows()), trainRows,
                            vectors.layer(Split.DEV, last)).devAccuracy();
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
    }
}
