package io.stratusmq.cluster;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Publishing from tests, and reading the broker's answer (PUBACK / PUBREC reason code). */
final class Publishes {

    /** No answer came (connection lost, or the client gave up). */
    static final int NO_ANSWER = -1;

    private Publishes() {
    }

    static CompletableFuture<Mqtt5PublishResult> send(Mqtt5AsyncClient c, String topic, String payload, int qos) {
        return c.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    static CompletableFuture<Mqtt5PublishResult> sendRetained(Mqtt5AsyncClient c, String topic, String payload,
            int qos) {
        return c.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).retain(true)
                .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
    }

    /** Publishes and waits for the broker's answer; returns its reason code (0 for QoS 0). */
    static int publish(Mqtt5AsyncClient c, String topic, String payload, int qos) {
        return reasonCode(send(c, topic, payload, qos).orTimeout(10, TimeUnit.SECONDS).join());
    }

    /** The reason code of the PUBACK (QoS 1) or PUBREC (QoS 2); 0 for QoS 0. */
    static int reasonCode(Mqtt5PublishResult r) {
        if (r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
            return q1.getPubAck().getReasonCode().getCode();
        }
        if (r instanceof Mqtt5PublishResult.Mqtt5Qos2Result q2) {
            return q2.getPubRec().getReasonCode().getCode();
        }
        return r.getError().isPresent() ? NO_ANSWER : 0;
    }

    /** The answer of a publish future: its reason code, or {@link #NO_ANSWER} when it failed. */
    static int outcome(CompletableFuture<Mqtt5PublishResult> f) {
        try {
            return reasonCode(f.join());
        } catch (RuntimeException e) {
            return NO_ANSWER;
        }
    }
}
