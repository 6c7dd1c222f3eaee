package org.probelab.kernel

import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.jetbrains.kotlinx.jupyter.api.libraries.RawMessage
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Test

class UpdateDisplayMessageTest {
    private val requestHeader = JsonObject(
        mapOf(
            "msg_id" to JsonPrimitive("request-7"),
            "msg_type" to JsonPrimitive("execute_request"),
            "session" to JsonPrimitive("client-session"),
            "username" to JsonPrimitive("ana"),
        ),
    )
    private val request = object : RawMessage {
        override val id = listOf("client-identity".toByteArray())
        override val header = requestHeader
        override val parentHeader: JsonObject? = null
        override val metadata: JsonObject? = null
        override val content: JsonElement = JsonObject(emptyMap())
    }
    private val message = updateDisplayMessage(request, "<b>3 / 4</b>", "probelab-progress-1")

    @Test
    fun `the update is a reply to the request being executed`() {
        assertEquals(requestHeader, message.parentHeader)
        assertArrayEquals(request.id.single(), message.id.single())
        assertEquals("client-session", message.header.string("session"))
        assertEquals("ana", message.header.string("username"))
        assertNotEquals("request-7", message.header.string("msg_id"))
    }

    @Test
    fun `the update replaces the display with the given id by the html`() {
        assertEquals("update_display_data", message.header.string("msg_type"))
        val content = message.content.jsonObject
        assertEquals("probelab-progress-1", content.getValue("transient").jsonObject.string("display_id"))
        assertEquals("<b>3 / 4</b>", content.getValue("data").jsonObject.string("text/html"))
    }

    private fun JsonObject.string(key: String) = getValue(key).jsonPrimitive.content
}
