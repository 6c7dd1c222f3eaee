package org.probelab.train.mlm;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.probelab.io.AtomicFiles;

/**
 * The positions of each packed sequence that selective masking may choose (the subwords of the words a
 * tagger marked important), in the order of the sequences, with a fingerprint of each sequence's ids so
 * that marks are never applied to other text. Kept as a JSON file that {@link SelectiveMasking} names.
 *
 * @param fingerprints per sequence, {@link Arrays#hashCode(int[])} of its ids
 * @param positions    per sequence, its marked positions, ascending
 */
public record SequenceMarks(int[] fingerprints, int[][] positions) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SequenceMarks> READ = new ConcurrentHashMap<>();

    public SequenceMarks {
        if (fingerprints.length != positions.length) {
            throw new IllegalArgumentException(fingerprints.length + " fingerprints but marks of "
                    + positions.length + " sequences");
        }
    }

    /** Marks of {@code sequences}: position p of sequence s is marked when {@code marked.get(s)[p]}. */
    public static SequenceMarks of(List<PackedSequence> sequences, List<boolean[]> marked) {
        int[] fingerprints = new int[sequences.size()];
        int[][] positions = new int[sequences.size()][];
        for (int s = 0; s < fingerprints.length; s++) {
            PackedSequence sequence = sequences.get(s);
            fingerprints[s] = Arrays.hashCode(sequence.ids());
            boolean[] m = marked.get(s);
            positions[s] = IntStream.range(0, sequence.length())
                    .filter(p -> m[p] && sequence.words()[p] >= 0).toArray();
        }
        return new SequenceMarks(fingerprints, positions);
    }

    /** The share of the sequences' candidate positions that is marked. */
    public double markedShare(List<PackedSequence> sequences) {
        long candidates = sequences.stream().mapToLong(PackedSequence::candidates).sum();
        long marked = Arrays.stream(positions).mapToLong(p -> p.length).sum();
        return candidates == 0 ? 0 : (double) marked / candidates;
    }

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    /** The marks in {@code file}, read once per file version in this process. */
    static SequenceMarks read(String file) {
        Path path = Path.of(file);
        try {
            String key = file + "@" + Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
            SequenceMarks known = READ.get(key);
            if (known == null) {
                known = JSON.readValue(path.toFile(), SequenceMarks.class);
                READ.put(key, known);
            }
            return known;
        } catch (IOException e) {
            throw new IllegalArgumentException("selective masking: cannot read the marks file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The marked positions of {@code sequence}, checked to be the sequence they were computed on. */
    int[] of(PackedSequence sequence, String file) {
        int s = sequence.index();
        if (s >= fingerprints.length || fingerprints[s] != Arrays.hashCode(sequence.ids())) {
            throw new IllegalArgumentException("selective masking: the marks in " + file + " were computed on other"
                    + " text than sequence " + s + " (" + sequence.source() + "); mark the corpus again");
        }
        return positions[s];
    }
}
