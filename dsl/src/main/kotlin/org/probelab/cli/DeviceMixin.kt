package org.probelab.cli

import org.probelab.model.DeviceOptions
import picocli.CommandLine.ITypeConverter
import picocli.CommandLine.Option
import picocli.CommandLine.TypeConversionException

/** `--device` and `--threads`, for every command that runs a model or trains a probe. */
class DeviceMixin {
    @Option(names = ["--device"], paramLabel = "DEV", converter = [DeviceConverter::class],
        description = ["cpu (default) | gpu | auto   (GPU: see docs/gpu.md)"])
    var device: DeviceOptions = DeviceOptions.cpu()

    @Option(names = ["--threads"], paramLabel = "N", description = ["TensorFlow intra-op threads (default: all cores)"])
    var threads: Int = 0

    fun options(): DeviceOptions = if (threads > 0) device.withThreads(threads, device.interOpThreads()) else device

    class DeviceConverter : ITypeConverter<DeviceOptions> {
        override fun convert(value: String): DeviceOptions = when (value) {
            "cpu" -> DeviceOptions.cpu()
            "gpu" -> DeviceOptions.gpu()
            "auto" -> DeviceOptions.auto()
            else -> throw TypeConversionException("--device takes cpu, gpu or auto, not '$value'")
        }
    }
}
