package org.probelab.dsl

import kotlinx.serialization.Serializable
import org.probelab.geometry.DirectProbeOptions
import org.probelab.probe.DirectProbeSpec

/**
 * DirectProbe (Zhou & Srikumar, NAACL 2021) on every probed layer, as `probes { directProbe() }` declares it;
 * mirrors core's [DirectProbeSpec], whose defaults are the papers'.
 *
 * @property tolerance     two cluster hulls closer than this overlap (in the vectors' units)
 * @property dropConflicts drop training items lying within the tolerance of an item of another label (identical
 *                         words under two tags) before clustering; kept, each is a cluster of its own
 * @property clusterTest   also cluster the test split, for the spatial similarity of train and test
 */
@Serializable
data class DirectProbeSettings(
    val tolerance: Double = DirectProbeOptions.DEFAULT_TOLERANCE,
    val dropConflicts: Boolean = false,
    val clusterTest: Boolean = true,
) {
    init {
        if (!(tolerance >= 0) || tolerance.isInfinite()) {
            throw DeclarationException("tolerance", "tolerance = $tolerance; give a finite distance ≥ 0")
        }
    }

    internal fun toSpec() = DirectProbeSpec(tolerance, dropConflicts, clusterTest)
}
