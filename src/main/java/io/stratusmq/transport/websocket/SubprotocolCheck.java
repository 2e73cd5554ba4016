package io.stratusmq.transport.websocket;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refuses a WebSocket upgrade on /mqtt that does not offer an MQTT subprotocol, with 400. Answering with the
 * negotiated header is left to websockets-next ({@code supported-subprotocols}); it does not refuse by itself.
 */
@ApplicationScoped
public class SubprotocolCheck implements HttpUpgradeCheck {

    private final WebSocketSettings settings;

    SubprotocolCheck(WebSocketSettings settings) {
        this.settings = settings;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        if (!settings.requireSubprotocol() || offersMqtt(context.httpRequest().headers().getAll(
                "Sec-WebSocket-Protocol"))) {
            return CheckResult.permitUpgrade();
        }
        return CheckResult.rejectUpgrade(400);
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return MqttWebSocketEndpoint.ID.equals(endpointId);
    }

    /** True when any offered subprotocol is mqtt or mqttv3.1; the header is a comma-separated list. */
    static boolean offersMqtt(java.util.List<String> headerValues) {
        for (String value : headerValues) {
            for (String token : value.split(",")) {
                String p = token.trim();
                if (p.equalsIgnoreCase("mqtt") || p.equalsIgnoreCase("mqttv3.1")) {
                    return true;
                }
            }
        }
        return false;
    }
}
