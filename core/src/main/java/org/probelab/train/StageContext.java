package org.probelab.train;

import java.nio.file.Path;
import org.probelab.Progress;
import org.probelab.model.DeviceOptions;
import org.probelab.model.PretrainedModel;
import org.probelab.data.Dataset;

/**
 * What a {@link Stage} runs on and where it writes.
 *
 * @param input       the model the stage starts from
 * @param data        the labelled data (a fine-tuning stage trains on train and evaluates on dev)
 * @param snapshotDir where the resulting model directory goes
 * @param workDir     checkpoints and best-so-far weights while the stage runs
 */
public record StageContext(PretrainedModel input, Dataset data, Path snapshotDir, Path workDir,
                           DeviceOptions device, Progress progress) {
}
