package org.probelab.train;

/**
 * A fine-tuning stage as declared: the task (a {@code Task.named} name such as {@code pos} or
 * {@code dep}) and how to train.
 */
public record FineTuneSpec(String task, FineTuneSettings settings) {
}
