package org.probelab.kernel

import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonObject
import org.jetbrains.kotlinx.jupyter.api.libraries.RawMessage
import java.time.Instant
import java.util.UUID

/** Jupyter messaging protocol version the header claims, as the kernel's own messages do. */
private const val PROTOCOL_VERSION = "5.3"

/**
 * An `update_display_data` message replacing display [displayId] with [html], as a reply in the context of
 * [request] (same session, parent header = the request's header) so that clients attribute it to the cell.
 */
internal fun updateDisplayMessage(request: RawMessage, html: String, displayId: String): RawMessage {
    val requestHeader = request.header
    val header = buildJsonObject {
        put("msg_id", UUID.randomUUID().toString())
        put("msg_type", "update_display_data")
        put("session", requestHeader["session"] ?: JsonPrimitive(""))
        put("username", requestHeader["username"] ?: JsonPrimitive(""))
        put("date", Instant.now().toString())
        put("version", PROTOCOL_VERSION)
    }
    val content = buildJsonObject {
        putJsonObject("data") { put("text/html", html) }
        putJsonObject("metadata") { }
        putJsonObject("transient") { put("display_id", displayId) }
    }
    return OutgoingMessage(request.id, header, requestHeader, JsonObject(emptyMap()), content)
}

private class OutgoingMessage(
    override val id: List<ByteArray>,
    override val header: JsonObject,
    override val parentHeader: JsonObject?,
    override val metadata: JsonObject?,
    override val content: JsonElement,
) : RawMessage
