package org.probelab.train;

import java.util.List;
import java.util.Map;

/**
 * What a stage did, stored as {@value Stages#RESULT_FILE} in its snapshot directory (written last, so
 * its presence marks a complete snapshot).
 *
 * @param stage            the stage's name
 * @param spec             what it was asked to do
 * @param inputModel       id and weights checksum of the model it started from ({@code id@checksum})
 * @param data             name and checksum of the data ({@code name@checksum})
 * @param snapshotChecksum SHA-256 of the snapshot's weights, as {@code ModelStore.load} computes it
 * @param labels           the head's classes, in index order
 * @param trainExamples    sentences trained on
 * @param skippedTooLong   training sentences left out for exceeding the maximum length
 * @param steps            optimizer steps taken
 * @param bestStep         the step whose weights the snapshot holds
 * @param bestDevAccuracy  the head's dev accuracy at that step (-1 without dev data)
 * @param stoppedEarly     whether patience ran out before the last epoch
 * @param parameterGroups  the optimizer's groups: variables, decay and rate scale of each
 * @param curves           losses, rates and evaluations
 * @param device           where it ran
 * @param versions         probelab, TensorFlow, Java, OS
 * @param seconds          wall time of the stage (this run's share when it was resumed)
 */
public record StageResult(String stage, Object spec, String inputModel, String data, String snapshotChecksum,
                          List<String> labels, int trainExamples, int skippedTooLong, long steps, long bestStep,
                          double bestDevAccuracy, boolean stoppedEarly, List<String> parameterGroups,
                          TrainingCurves curves, String device, Map<String, String> versions, double seconds) {
}
