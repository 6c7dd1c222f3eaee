package org.probelab.kernel

/** An output that is shown once and afterwards replaced where it stands. */
internal interface InPlaceOutput {
    fun show(html: String)

    fun replace(html: String)
}
