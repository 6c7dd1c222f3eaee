package org.probelab.bench;

import java.nio.file.Path;
import org.probelab.model.ModelSaver;
import org.probelab.model.ModelStore;

/**
 * Writes a model as an HF directory (config.json, vocab.txt, model.safetensors), so both benchmark
 * peers read the very same weights. Usage: {@code ExportModel MODEL_ID_OR_DIR OUT_DIR}.
 */
public final class ExportModel {
    private ExportModel() {
    }

    public static void main(String[] args) {
        ModelSaver.save(ModelStore.load(args[0]), Path.of(args[1]), ModelSaver.Format.SAFETENSORS);
    }
}
