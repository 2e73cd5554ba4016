package io.stratusmq.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import java.io.InputStream;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** TLS on the MQTT TCP listener (certificates from the Quarkus TLS registry) and the WebSocket Origin allow-list. */
@QuarkusTest
@TestProfile(TlsAndOriginTest.Profile.class)
class TlsAndOriginTest {

    static final int TLS_PORT = BrokerTestProfile.freePort();

    public static class Profile extends BrokerTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(super.getConfigOverrides());
            m.put("quarkus.tls.mqtt.key-store.p12.path", "tls/server.p12");
            m.put("quarkus.tls.mqtt.key-store.p12.password", "secret");
            m.put("quarkus.tls.mqtt.trust-store.p12.path", "tls/truststore.p12");
            m.put("quarkus.tls.mqtt.trust-store.p12.password", "secret");
            m.put("stratus.tls.configuration-name", "mqtt");
            m.put("stratus.tls.port", String.valueOf(TLS_PORT));
            m.put("stratus.tls.client-auth", "request");
            m.put("stratus.websocket.allowed-origins", "https://dashboard.example.com, https://ops.example.com");
            m.put("stratus.auth.acl-file", "src/test/resources/tls/acl.conf");
            return m;
        }
    }

    private static KeyStore load(String resource) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = TlsAndOriginTest.class.getClassLoader().getResourceAsStream(resource)) {
            ks.load(in, "secret".toCharArray());
        }
        return ks;
    }

    private static Mqtt5BlockingClient tlsClient(String id, boolean withCertificate) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load("tls/truststore.p12"));
        var ssl = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(TLS_PORT)
                .sslConfig().trustManagerFactory(tmf).hostnameVerifier((h, s) -> true);
        if (withCertificate) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load("tls/client.p12"), "secret".toCharArray());
            ssl.keyManagerFactory(kmf);
        }
        return ssl.applySslConfig().buildBlocking();
    }

    @Test
    @DisplayName("MQTT over TLS on TCP: a client certificate's CN is the identity the ACL grants to")
    void tlsListenerWithCertificateIdentity() throws Exception {
        Mqtt5BlockingClient device = tlsClient("tls-device", true);
        Mqtt5BlockingClient anonymous = tlsClient("tls-anonymous", false);
        device.connect();
        anonymous.connect();
        try (var publishes = device.publishes(MqttGlobalPublishFilter.ALL)) {
            var granted = device.subscribeWith().topicFilter("devices/device-42/+").qos(MqttQos.AT_LEAST_ONCE)
                    .send();
            assertThat(granted.getReasonCodes().get(0).isError()).as("CN=device-42 may read its subtree").isFalse();
            var refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                    () -> anonymous.subscribeWith().topicFilter("devices/device-42/+").send(),
                    com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException.class);
            assertThat(refused.getMqttMessage().getReasonCodes().get(0).getCode())
                    .as("no certificate: not authorized").isEqualTo(0x87);
            device.publishWith().topic("devices/device-42/status").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("up".getBytes()).send();
            var got = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
            assertThat(new String(got.getPayloadAsBytes())).isEqualTo("up");
        } finally {
            device.disconnect();
            anonymous.disconnect();
        }
    }

    private static int upgrade(String origin) throws Exception {
        // a plain HTTP/1.1 GET with the upgrade headers: 101 when accepted
        var raw = new java.net.Socket("127.0.0.1", Broker.httpPort());
        try (raw) {
            String request = "GET /mqtt HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: mqtt\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "\r\n";
            raw.getOutputStream().write(request.getBytes());
            raw.setSoTimeout(5000);
            String status = new String(raw.getInputStream().readNBytes(12));
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    @DisplayName("the WebSocket upgrade is refused with 403 for an Origin outside stratus.websocket.allowed-origins")
    void originAllowList() throws Exception {
        assertThat(upgrade("https://evil.example.com")).isEqualTo(403);
        assertThat(upgrade("https://dashboard.example.com")).isEqualTo(101);
        assertThat(upgrade("HTTPS://OPS.EXAMPLE.COM")).isEqualTo(101);
        assertThat(upgrade(null)).as("clients that are not browsers send no Origin").isEqualTo(101);
    }
}
