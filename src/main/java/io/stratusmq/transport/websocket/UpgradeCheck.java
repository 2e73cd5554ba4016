package io.stratusmq.transport.websocket;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a WebSocket upgrade on /mqtt before it happens: a browser's Origin must be allowed (403 otherwise),
 * and an MQTT subprotocol must be offered (400 otherwise, unless turned off). Answering with the negotiated
 * subprotocol is left to websockets-next ({@code supported-subprotocols}); it does not refuse by itself.
 */
@ApplicationScoped
public class UpgradeCheck implements HttpUpgradeCheck {

    private final WebSocketSettings settings;
    private final Set<String> allowedOrigins;
    private final boolean anyOrigin;

    UpgradeCheck(WebSocketSettings settings) {
        this.settings = settings;
        this.allowedOrigins = settings.allowedOrigins().stream().map(o -> o.trim().toLowerCase(Locale.ROOT))
                .filter(o -> !o.isEmpty()).collect(Collectors.toSet());
        this.anyOrigin = allowedOrigins.contains("*");
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        var headers = context.httpRequest().headers();
        String origin = headers.get("Origin");
        if (origin != null && !anyOrigin && !allowedOrigins.contains(origin.trim().toLowerCase(Locale.ROOT))) {
            return CheckResult.rejectUpgrade(403);
        }
        if (settings.requireSubprotocol() && !offersMqtt(headers.getAll("Sec-WebSocket-Protocol"))) {
            return CheckResult.rejectUpgrade(400); // [MQTT-6.0.0-3] the subprotocol is mqtt (or mqttv3.1)
        }
        return CheckResult.permitUpgrade();
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return MqttWebSocketEndpoint.ID.equals(endpointId);
    }

    /** True when any offered subprotocol is mqtt or mqttv3.1; the header is a comma-separated list. */
    static boolean offersMqtt(List<String> headerValues) {
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
