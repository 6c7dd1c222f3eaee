package org.probelab.kernel

import org.jetbrains.kotlinx.jupyter.api.HTML
import org.jetbrains.kotlinx.jupyter.api.MIME
import org.jetbrains.kotlinx.jupyter.api.libraries.JupyterIntegration
import org.probelab.dsl.ExperimentResult
import org.probelab.dsl.plots.Figure
import org.probelab.dsl.report.experimentResultHtml
import org.probelab.dsl.report.layerSimilarityHtml
import org.probelab.dsl.report.probeResultHtml
import org.probelab.dsl.report.probingResultHtml
import org.probelab.dsl.report.runHtml
import org.probelab.dsl.report.spatialSimilarityHtml
import org.probelab.probe.ProbeResult
import org.probelab.probe.ProbingResult
import org.probelab.data.Dataset

/**
 * What `%use probelab` adds to a Kotlin notebook: the engine's packages imported, HTML displays for its
 * values, readable engine errors and [notebookProgress]. It only wires; the displays are plain functions
 * from a value to HTML, and core and dsl know nothing of Jupyter.
 */
class ProbelabIntegration : JupyterIntegration() {
    override fun Builder.onLoaded() {
        import(*importedPackages(ProbelabIntegration::class.java.classLoader).map { "$it.*" }.toTypedArray())
        // A star import outranks Kotlin's default imports: without this one, `Unit` in a cell would be
        // org.probelab.represent.Unit (word or sentence vectors), and `() -> Unit` would not compile.
        import("kotlin.Unit")
        import("org.probelab.kernel.notebookProgress")
        renderHtml(::datasetHtml)
        renderHtml(::probingResultHtml)
        renderHtml(::probeResultHtml)
        renderHtml(::runHtml)
        renderHtml<ExperimentResult> { experimentResultHtml(it) }
        renderHtml(::layerSimilarityHtml)
        renderHtml(::spatialSimilarityHtml)
        render<Figure> { figure -> MIME(*figureMimes(figure).toList().toTypedArray()) }
        addThrowableRenderer(EngineErrors)
    }

    /** Registers [html] as the display of every value of type [T]; one line per displayable type. */
    private inline fun <reified T : Any> Builder.renderHtml(noinline html: (T) -> String) =
        render<T> { value -> HTML(html(value)) }
}

/** Packages a notebook imports whole, where they exist (the dsl and probes arrive later than the text layer). */
private val notebookPackages = listOf(
    "org.probelab",
    "org.probelab.text",
    "org.probelab.data",
    "org.probelab.data.demo",
    "org.probelab.model",
    "org.probelab.represent",
    "org.probelab.probe",
    "org.probelab.geometry",
    "org.probelab.dsl",
    "org.probelab.dsl.plots",
    "org.probelab.dsl.report",
)

/** The [notebookPackages] that [loader] has classes in: importing a missing package would fail every cell. */
internal fun importedPackages(loader: ClassLoader): List<String> =
    notebookPackages.filter { loader.getResource(it.replace('.', '/') + "/") != null }
