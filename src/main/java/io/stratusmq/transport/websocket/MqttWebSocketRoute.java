package io.stratusmq.transport.websocket;

import static java.lang.System.Logger.Level.DEBUG;

import io.stratusmq.protocol.MqttConnection;
import io.stratusmq.protocol.ProtocolContext;
import io.stratusmq.transport.TrustedProxies;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MQTT over WebSocket at {@code /mqtt} [MQTT-6.0], on the HTTP server's own Vert.x WebSocket: the upgrade is
 * checked first (a browser's Origin must be allowed, else 403; an MQTT subprotocol must be offered, else 400,
 * unless turned off), then binary frames carry a byte stream for the decoder and a text frame closes the
 * connection [MQTT-6.0.0-1]. The server answers with the subprotocol the client offered
 * ({@link WebSocketServerOptions}). Every callback runs on the connection's event loop.
 */
@ApplicationScoped
public class MqttWebSocketRoute {

    static final String PATH = "/mqtt";
    private static final System.Logger LOG = System.getLogger(MqttWebSocketRoute.class.getName());

    private final ProtocolContext protocol;
    private final TrustedProxies proxies;
    private final boolean requireSubprotocol;
    private final Set<String> allowedOrigins;
    private final boolean anyOrigin;

    MqttWebSocketRoute(ProtocolContext protocol, TrustedProxies proxies, WebSocketSettings settings) {
        this.protocol = protocol;
        this.proxies = proxies;
        this.requireSubprotocol = settings.requireSubprotocol();
        this.allowedOrigins = settings.allowedOrigins().stream().map(o -> o.trim().toLowerCase(Locale.ROOT))
                .filter(o -> !o.isEmpty()).collect(Collectors.toSet());
        this.anyOrigin = allowedOrigins.contains("*");
    }

    void install(@Observes Router router) {
        router.route(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            rc.response().setStatusCode(400).end("MQTT over WebSocket only: send an Upgrade: websocket request");
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !anyOrigin && !allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
            rc.response().setStatusCode(403).end();
            return;
        }
        if (requireSubprotocol && !offersMqtt(request.headers().getAll("Sec-WebSocket-Protocol"))) {
            rc.response().setStatusCode(400).end(); // [MQTT-6.0.0-3] the subprotocol is mqtt (or mqttv3.1)
            return;
        }
        String peer = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String client = proxies.clientAddress(peer, request.getHeader("X-Forwarded-For"));
        boolean secure = request.isSSL();
        request.toWebSocket().onComplete(ar -> {
            if (ar.succeeded()) {
                open(ar.result(), client, secure);
            } else {
                LOG.log(DEBUG, "WebSocket upgrade from {0} failed: {1}", peer, ar.cause().toString());
            }
        });
    }

    private void open(ServerWebSocket ws, String client, boolean secure) {
        try {
            ws.headers().clear(); // the handshake is over: do not keep its headers for the connection's lifetime
        } catch (UnsupportedOperationException readOnly) {
            // kept, then
        }
        Context context = Vertx.currentContext();
        WebSocketTransport transport = new WebSocketTransport(ws, context, client, secure);
        MqttConnection mqtt = new MqttConnection(transport, protocol);
        boolean[] textSeen = {false};
        ws.frameHandler(frame -> {
            if (textSeen[0]) {
                return; // the connection is being closed: nothing more is read from it
            }
            if (frame.isBinary() || frame.isContinuation()) {
                mqtt.received(frame.binaryData().getBytes());
            } else if (frame.isText()) {
                LOG.log(DEBUG, "{0}: text frame, closing [MQTT-6.0.0-1]", client);
                textSeen[0] = true;
                transport.abort(); // at once: a close frame could wait behind what the client does not read
            }
        });
        ws.exceptionHandler(failure -> LOG.log(DEBUG, "WebSocket error from {0}: {1}", client, failure.toString()));
        ws.closeHandler(v -> mqtt.closed());
    }

    /**
     * True when any offered subprotocol is mqtt or mqttv3.1, spelled so (the handshake answers only with an exact
     * match [MQTT-6.0.0-3]); the header is a comma-separated list.
     */
    static boolean offersMqtt(List<String> headerValues) {
        for (String value : headerValues) {
            for (String token : value.split(",")) {
                String p = token.trim();
                if (WebSocketServerOptions.SUBPROTOCOLS.contains(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
