package io.stratusmq.wire.transport;

import static io.stratusmq.wire.Fixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import io.stratusmq.testing.Hex;
import io.stratusmq.testing.RawConnection;
import io.stratusmq.testing.WebSocketRawConnection;
import io.stratusmq.wire.BothTransports;
import io.stratusmq.wire.Clients;
import io.stratusmq.wire.Fixtures;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The byte stream under MQTT (section 4.2 and chapter 6): packets cut anywhere by TCP reads or WebSocket
 * frames, several in one frame, and the WebSocket subprotocol.
 */
@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class TransportTest {

    @BothTransports
    @DisplayName("A packet sent one byte per write (one byte per WebSocket frame) is one packet [MQTT-6.0.0-2]")
    void oneBytePerWrite(String transport) throws Exception {
        String topic = id("split/", transport);
        try (RawConnection c = Broker.raw(transport)) {
            byte[] all = Hex.bytes(Fixtures.connect311(id("split", transport), true, 0) + " "
                    + Fixtures.subscribe311(1, topic, 1) + " " + Fixtures.publish311(1, false, 2, topic, "bytes"));
            for (byte b : all) {
                c.send(new byte[] {b});
            }
            c.expect(Clients.CONNACK_311);
            c.expect("90 03 00 01 01");
            c.expect("40 02 00 02");
            c.expect(Fixtures.publish311(1, false, 1, topic, "bytes"));
        }
    }

    @BothTransports
    @DisplayName("A 200 kB PUBLISH arrives whole however the transport cuts it; the remaining length takes three"
            + " bytes [MQTT-1.5.5]")
    void largePacket(String transport) throws Exception {
        String topic = id("large/", transport);
        String payload = "0123456789abcdef".repeat(12_800); // 204,800 bytes
        try (RawConnection c = Clients.v311(transport, id("large", transport))) {
            c.send(Fixtures.subscribe311(1, topic, 1));
            c.expect("90 03 00 01 01");
            byte[] packet = Hex.bytes(Fixtures.publish311(1, false, 9, topic, payload));
            assertThat(Hex.hex(java.util.Arrays.copyOf(packet, 4))).isEqualTo("32 8b c0 0c"); // 204,811
            int half = packet.length / 2;
            c.send(java.util.Arrays.copyOfRange(packet, 0, half));
            c.send(java.util.Arrays.copyOfRange(packet, half, packet.length));
            c.expect("40 02 00 09");
            c.expect(Fixtures.publish311(1, false, 1, topic, payload));
        }
    }

    @Test
    @DisplayName("WebSocket: the broker answers the subprotocol mqtt [MQTT-6.0.0-3]")
    void subprotocolMqtt() throws Exception {
        try (WebSocketRawConnection c = new WebSocketRawConnection(Broker.wsUri(), "mqtt")) {
            assertThat(c.subprotocol()).isEqualTo("mqtt");
        }
    }

    @Test
    @DisplayName("WebSocket: the older subprotocol mqttv3.1 is accepted too, for 3.1 clients")
    void subprotocolMqttV31() throws Exception {
        try (WebSocketRawConnection c = new WebSocketRawConnection(Broker.wsUri(), "mqttv3.1")) {
            assertThat(c.subprotocol()).isEqualTo("mqttv3.1");
            c.send(Fixtures.packet(0x10, Fixtures.utf8("MQIsdp"), "03 02 00 3c", Fixtures.utf8("v31ws")));
            c.expect("20 02 00 00");
        }
    }

    @Test
    @DisplayName("WebSocket: an upgrade offering no MQTT subprotocol is refused"
            + " (stratus.websocket.require-subprotocol)")
    void noSubprotocol() {
        assertThatThrownBy(() -> new WebSocketRawConnection(Broker.wsUri()).close()).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> new WebSocketRawConnection(Broker.wsUri(), "chat").close())
                .isInstanceOf(IOException.class);
        // the name is exact: the handshake could not answer with "MQTT", so it is refused rather than half-agreed
        assertThatThrownBy(() -> new WebSocketRawConnection(Broker.wsUri(), "MQTT").close())
                .isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("WebSocket: a text frame closes the connection, and nothing after it is read [MQTT-6.0.0-1]")
    void textFrameCloses() throws Exception {
        java.util.concurrent.CompletableFuture<Void> closed = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .subprotocols("mqtt").buildAsync(Broker.wsUri(), new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket w, int code,
                            String reason) {
                        closed.complete(null);
                        return null;
                    }

                    @Override
                    public java.util.concurrent.CompletionStage<?> onBinary(java.net.http.WebSocket w,
                            java.nio.ByteBuffer data, boolean last) {
                        closed.completeExceptionally(new AssertionError("a packet came back after the text frame"));
                        return null;
                    }

                    @Override
                    public void onError(java.net.http.WebSocket w, Throwable error) {
                        closed.complete(null); // reset rather than closed with a close frame: closed all the same
                    }
                }).join();
        ws.sendText("hello", true).join();
        ws.sendBinary(java.nio.ByteBuffer.wrap(Hex.bytes(Fixtures.connect311("after-text", true, 30))), true);
        closed.get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
