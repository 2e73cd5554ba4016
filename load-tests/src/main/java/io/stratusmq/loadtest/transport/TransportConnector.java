package io.stratusmq.loadtest.transport;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;

/**
 * Opens {@link Transport}s. One instance per Vert.x instance; it shares one WebSocket client and one
 * TCP client between all connections.
 *
 * <p>Call {@link #connect} on the event-loop context the connection should live on: Vert.x binds
 * the new connection to the calling context.
 */
public final class TransportConnector {
    /** The WebSocket subprotocol MQTT registers (MQTT 3.1.1 section 6, MQTT 5.0 section 6). */
    public static final String MQTT_SUBPROTOCOL = "mqtt";

    private final NetClient tcpClient;
    private final WebSocketClient webSocketClient;

    public TransportConnector(Vertx vertx, int connectTimeoutMillis, int maxFrameBytes) {
        this.tcpClient = vertx.createNetClient(new NetClientOptions()
                .setTcpNoDelay(true)
                .setConnectTimeout(connectTimeoutMillis));
        this.webSocketClient = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setTcpNoDelay(true)
                .setConnectTimeout(connectTimeoutMillis)
                .setMaxConnections(Integer.MAX_VALUE)
                .setMaxFrameSize(maxFrameBytes)
                .setMaxMessageSize(maxFrameBytes)
                .setTryUsePerMessageCompression(false)
                .setTryUsePerFrameCompression(false));
    }

    /**
     * Connects and wires the handlers before any byte can arrive.
     *
     * @param onData  receives every inbound chunk
     * @param onClose called once when the connection closes, for whatever reason
     */
    public Future<Transport> connect(BrokerAddress address, Handler<Buffer> onData, Handler<Void> onClose) {
        return switch (address.kind()) {
            case TCP -> tcpClient.connect(address.port(), address.host()).map(socket -> {
                socket.handler(onData);
                socket.closeHandler(onClose);
                socket.exceptionHandler(error -> socket.close());
                return new TcpTransport(socket);
            });
            case WEBSOCKET -> webSocketClient.connect(new WebSocketConnectOptions()
                    .setHost(address.host())
                    .setPort(address.port())
                    .setURI(address.path())
                    .addSubProtocol(MQTT_SUBPROTOCOL)).map(socket -> {
                        if (!MQTT_SUBPROTOCOL.equals(socket.subProtocol())) {
                            socket.close();
                            throw new IllegalStateException("broker did not accept WebSocket subprotocol 'mqtt' (got "
                                    + socket.subProtocol() + ")");
                        }
                        socket.handler(onData);
                        socket.closeHandler(onClose);
                        socket.exceptionHandler(error -> socket.close());
                        return new WebSocketTransport(socket);
                    });
        };
    }

    public Future<Void> close() {
        return Future.join(tcpClient.close(), webSocketClient.close()).mapEmpty();
    }
}
