package io.stratusmq.transport.websocket;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

import io.quarkus.websockets.next.InboundProcessingMode;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.stratusmq.protocol.MqttConnection;
import io.stratusmq.protocol.ProtocolContext;
import io.stratusmq.transport.TrustedProxies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * MQTT over WebSocket at {@code /mqtt} [MQTT-6.0]: binary frames carry a byte stream for the decoder, a text
 * frame closes the connection [MQTT-6.0.0-1]. Every callback runs on the connection's event loop.
 */
@WebSocket(path = "/mqtt", endpointId = MqttWebSocketEndpoint.ID,
        inboundProcessingMode = InboundProcessingMode.CONCURRENT) // callbacks finish on the loop: no queueing needed
public class MqttWebSocketEndpoint {

    static final String ID = "mqtt";
    private static final System.Logger LOG = System.getLogger(MqttWebSocketEndpoint.class.getName());
    private static final UserData.TypedKey<MqttConnection> MQTT = new UserData.TypedKey<>("stratus.mqtt");

    private final ProtocolContext protocol;
    private final TrustedProxies proxies;

    MqttWebSocketEndpoint(ProtocolContext protocol, TrustedProxies proxies) {
        this.protocol = protocol;
        this.proxies = proxies;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        WebSocketTransport transport = new WebSocketTransport(connection, Vertx.currentContext(), proxies);
        connection.userData().put(MQTT, new MqttConnection(transport, protocol));
    }

    @OnBinaryMessage
    @NonBlocking
    void binary(WebSocketConnection connection, Buffer data) {
        MqttConnection mqtt = connection.userData().get(MQTT);
        if (mqtt != null) {
            mqtt.received(data.getBytes());
        }
    }

    @OnTextMessage
    @NonBlocking
    void text(WebSocketConnection connection, String ignored) {
        LOG.log(INFO, "{0}: text frame, closing [MQTT-6.0.0-1]", connection.handshakeRequest().remoteAddress());
        connection.close().subscribe().with(ok -> {
        }, failure -> {
        });
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        MqttConnection mqtt = connection.userData().remove(MQTT);
        if (mqtt != null) {
            mqtt.closed();
        }
    }

    @OnError
    @NonBlocking
    void error(WebSocketConnection connection, Throwable failure) {
        LOG.log(DEBUG, "WebSocket error from {0}: {1}", connection.handshakeRequest().remoteAddress(),
                failure.toString());
        // A peer that vanished (tab closed, network lost) arrives here already closed; closing it again only
        // makes websockets-next log a WARN for every such client.
        if (!connection.isClosed()) {
            connection.close().subscribe().with(ok -> {
            }, f -> {
            });
        }
    }
}
