package org.probelab.train;

import java.io.IOException;
import java.nio.file.Path;
import org.probelab.model.ModelStore;
import org.probelab.model.PretrainedModel;

/**
 * Self-distillation: a student of the teacher's architecture learns the teacher's task from the
 * teacher's softened outputs and the gold labels ({@link Distillation}). The input model is the teacher
 * — a fine-tuning stage's snapshot, whose task head is kept beside it ({@link SavedHead}) — and the
 * student starts from {@link SelfDistillSpec#student()}, by default the model the teacher was
 * fine-tuned from. Training is fine-tuning's ({@link FineTuneStage}) with the distillation loss: the
 * same optimizer, schedule, dev evaluation on gold labels, checkpoints, resume and NaN handling. The
 * snapshot is the student, with its head, so it can teach in turn.
 */
public final class SelfDistillStage implements Stage {
    private final SelfDistillSpec spec;

    public SelfDistillStage(SelfDistillSpec spec) {
        this.spec = spec;
    }

    /**
     * What a self-distillation snapshot records as its spec: the declaration and the resolved teacher and
     * student start ({@code id@checksum} each).
     */
    public record Recorded(SelfDistillSpec spec, String teacher, String student) {
    }

    @Override
    public String name() {
        return "self-distill";
    }

    @Override
    public SelfDistillSpec spec() {
        return spec;
    }

    @Override
    public StageResult run(StageContext context) throws IOException {
        Path teacherDir = Path.of(context.input().id());
        Teacher teacher = Teacher.of(context.input(), teacherDir, name());
        PretrainedModel student = student(teacherDir);
        SavedHead head = teacher.head();
        FineTuneSettings.Builder settings = spec.settings().toBuilder().wordPooling(head.wordPooling())
                .lastLayers(head.lastLayers());
        if (head.kind().sentenceFeature() != null) {
            settings.sentenceFeature(head.kind().sentenceFeature());
        }
        FineTuneStage training = new FineTuneStage(new FineTuneSpec(head.task(), settings.build()), name(),
                new Recorded(spec, teacher.describe(), student.id() + "@" + student.checksum()), teacher,
                spec.distillation());
        return training.run(new StageContext(student, context.data(), context.snapshotDir(), context.workDir(),
                context.device(), context.progress()));
    }

    /** The student's start: as declared, or the model the teacher's stage started from (checked unchanged). */
    private PretrainedModel student(Path teacherDir) throws IOException {
        if (spec.student() != null) {
            return ModelStore.load(spec.student());
        }
        StageResult teacherStage = Stages.read(teacherDir);
        if (teacherStage == null) {
            throw new IllegalArgumentException("stage " + name() + ": the teacher " + teacherDir + " has no "
                    + Stages.RESULT_FILE + " naming the model it was fine-tuned from; name the student's start");
        }
        String recorded = teacherStage.inputModel();
        int at = recorded.lastIndexOf('@');
        PretrainedModel start = ModelStore.load(recorded.substring(0, at));
        if (!start.checksum().equals(recorded.substring(at + 1))) {
            throw new IllegalArgumentException("stage " + name() + ": the teacher was fine-tuned from " + recorded
                    + " but " + start.id() + " now has the weights checksum " + start.checksum()
                    + "; name the student's start");
        }
        return start;
    }
}
