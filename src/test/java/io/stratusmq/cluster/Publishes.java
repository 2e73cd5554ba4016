package io.stratusmq.cluster;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
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
        try {
            return reasonCode(send(c, topic, payload, qos).orTimeout(10, TimeUnit.SECONDS).join());
        } catch (java.util.concurrent.CompletionException e) {
            int code = reasonCode(e);
            if (code == NO_ANSWER) {
                throw e;
            }
            return code;
        }
    }

    /** The reason code of the PUBACK (QoS 1) or PUBREC (QoS 2); 0 for QoS 0. */
    static int reasonCode(Mqtt5PublishResult r) {
        if (r instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
            return q1.getPubAck().getReasonCode().getCode();
        }
        if (r instanceof Mqtt5PublishResult.Mqtt5Qos2Result q2) {
            return q2.getPubRec().getReasonCode().getCode();
        }
        return r.getError().map(Publishes::reasonCode).orElse(0);
    }

    /**
     * The reason code of a publish that completed exceptionally: the client reports a PUBACK or PUBREC with an
     * error code as an exception that carries the packet; anything else means no answer.
     */
    static int reasonCode(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof Mqtt5PubAckException a) {
            return a.getMqttMessage().getReasonCode().getCode();
        }
        if (t instanceof Mqtt5PubRecException r) {
            return r.getMqttMessage().getReasonCode().getCode();
        }
        return NO_ANSWER;
    }
}
