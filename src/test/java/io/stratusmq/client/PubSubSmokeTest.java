package io.stratusmq.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(BrokerTestProfile.class)
class PubSubSmokeTest {

    @Test
    void publishSubscribeOverWebSocket() throws Exception {
        Mqtt5BlockingClient sub = MqttClient.builder().useMqttVersion5().identifier("sub1")
                .serverHost("127.0.0.1").serverPort(Broker.httpPort())
                .webSocketConfig().serverPath("mqtt").subprotocol("mqtt").applyWebSocketConfig()
                .buildBlocking();
        sub.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(com.hivemq.client.mqtt.MqttGlobalPublishFilter.ALL)) {
            sub.subscribeWith().topicFilter("a/+").qos(MqttQos.EXACTLY_ONCE).send();
            Mqtt5BlockingClient pub = MqttClient.builder().useMqttVersion5().identifier("pub1")
                    .serverHost("127.0.0.1").serverPort(Broker.tcpPort()).buildBlocking();
            pub.connect();
            for (int qos = 0; qos <= 2; qos++) {
                pub.publishWith().topic("a/b").qos(MqttQos.fromCode(qos)).payload(("m" + qos).getBytes()).send();
                Mqtt5Publish got = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertThat(new String(got.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("m" + qos);
                assertThat(got.getQos().getCode()).isEqualTo(qos);
            }
            pub.disconnect();
        }
        sub.disconnect();
    }
}
