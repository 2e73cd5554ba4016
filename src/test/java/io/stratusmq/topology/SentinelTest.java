package io.stratusmq.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.stratusmq.testing.Broker;
import io.stratusmq.testing.BrokerTestProfile;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Redis backend reached through Redis Sentinel (quarkus.redis.client-type=sentinel). */
@QuarkusTest
@TestProfile(SentinelTest.Profile.class)
@QuarkusTestResource(value = RedisSentinel.class, restrictToAnnotatedClass = true)
class SentinelTest {

    public static class Profile extends BrokerTestProfile {
    }

    private static Mqtt5BlockingClient client(String id) {
        return MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1")
                .serverPort(Broker.tcpPort()).buildBlocking();
    }

    @Test
    @DisplayName("through a Sentinel, the node becomes ready and keeps a persistent session's messages in Redis")
    void sessionThroughSentinel() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().port(Broker.httpPort()).get("/q/health/ready").then().statusCode(200));
        Mqtt5BlockingClient sub = client("sentinel-sub");
        sub.connectWith().cleanStart(true).sessionExpiryInterval(300).send();
        sub.subscribeWith().topicFilter("sentinel/+").qos(MqttQos.AT_LEAST_ONCE).send();
        sub.disconnect();
        Mqtt5BlockingClient pub = client("sentinel-pub");
        pub.connect();
        for (int i = 0; i < 5; i++) {
            pub.publishWith().topic("sentinel/a").qos(MqttQos.AT_LEAST_ONCE).payload(("m" + i).getBytes()).send();
        }
        pub.disconnect();
        Mqtt5BlockingClient again = client("sentinel-sub");
        try (var publishes = again.publishes(MqttGlobalPublishFilter.ALL)) {
            var ack = again.connectWith().cleanStart(false).sessionExpiryInterval(300).send();
            assertThat(ack.isSessionPresent()).isTrue();
            for (int i = 0; i < 5; i++) {
                var m = publishes.receive(10, TimeUnit.SECONDS).orElseThrow();
                assertThat(new String(m.getPayloadAsBytes())).isEqualTo("m" + i);
            }
        } finally {
            again.disconnect();
        }
    }
}
