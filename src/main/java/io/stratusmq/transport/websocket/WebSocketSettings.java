package io.stratusmq.transport.websocket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The MQTT-over-WebSocket endpoint at {@code /mqtt}: {@code stratus.websocket.*}. */
@ConfigMapping(prefix = "stratus.websocket")
public interface WebSocketSettings {

    /**
     * Refuse (HTTP 400) an upgrade that offers neither the {@code mqtt} nor the {@code mqttv3.1} subprotocol
     * [MQTT-6.0.0-3]. Turn off for IoT clients that send no Sec-WebSocket-Protocol header.
     */
    @WithDefault("true")
    boolean requireSubprotocol();

    /**
     * Origins a browser may open the WebSocket from, e.g. {@code https://dashboard.example.com}; {@code *} allows
     * any. Upgrades from other origins are refused with 403. Clients that send no Origin (not browsers) are not
     * affected.
     */
    @WithDefault("*")
    java.util.List<String> allowedOrigins();
}
