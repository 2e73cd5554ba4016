package io.stratusmq.testing;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.auth.Mqtt3SimpleAuth;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3Connect;
import com.hivemq.client.mqtt.mqtt3.message.connect.Mqtt3ConnectBuilder;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.auth.Mqtt5SimpleAuth;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5Connect;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * HiveMQ MQTT clients (3.1.1 and 5.0) against the broker under test, over "ws" or "tcp", and the reason codes the
 * broker answers with, whether the client library returns them or throws them.
 */
public final class Clients {

    private Clients() {
    }

    public static Mqtt5BlockingClient v5(String transport, String clientId) {
        Mqtt5ClientBuilder b = MqttClient.builder().useMqttVersion5().identifier(clientId).serverHost("127.0.0.1");
        if (transport.equals("ws")) {
            b = b.serverPort(Broker.httpPort()).webSocketConfig().serverPath("mqtt").subprotocol("mqtt")
                    .applyWebSocketConfig();
        } else {
            b = b.serverPort(Broker.tcpPort());
        }
        return b.buildBlocking();
    }

    public static Mqtt3BlockingClient v3(String transport, String clientId) {
        Mqtt3ClientBuilder b = MqttClient.builder().useMqttVersion3().identifier(clientId).serverHost("127.0.0.1");
        if (transport.equals("ws")) {
            b = b.serverPort(Broker.httpPort()).webSocketConfig().serverPath("mqtt").subprotocol("mqtt")
                    .applyWebSocketConfig();
        } else {
            b = b.serverPort(Broker.tcpPort());
        }
        return b.buildBlocking();
    }

    /** CONNECT with a username and password (either may be null); the CONNACK reason code. */
    public static Mqtt5ConnAckReasonCode connect(Mqtt5BlockingClient c, String user, String password) {
        return connect(c, user, password, b -> b);
    }

    public static Mqtt5ConnAckReasonCode connect(Mqtt5BlockingClient c, String user, String password,
            UnaryOperator<Mqtt5ConnectBuilder> more) {
        Mqtt5ConnectBuilder b = Mqtt5Connect.builder();
        if (user != null && password != null) {
            b = b.simpleAuth(Mqtt5SimpleAuth.builder().username(user)
                    .password(password.getBytes(StandardCharsets.UTF_8)).build());
        } else if (user != null) {
            b = b.simpleAuth(Mqtt5SimpleAuth.builder().username(user).build());
        } else if (password != null) {
            b = b.simpleAuth(Mqtt5SimpleAuth.builder().password(password.getBytes(StandardCharsets.UTF_8)).build());
        }
        try {
            return c.connect(more.apply(b).build()).getReasonCode();
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    public static Mqtt3ConnAckReturnCode connect(Mqtt3BlockingClient c, String user, String password) {
        return connect(c, user, password, b -> b);
    }

    public static Mqtt3ConnAckReturnCode connect(Mqtt3BlockingClient c, String user, String password,
            UnaryOperator<Mqtt3ConnectBuilder> more) {
        Mqtt3ConnectBuilder b = Mqtt3Connect.builder();
        if (user != null) {
            var auth = Mqtt3SimpleAuth.builder().username(user);
            b = b.simpleAuth(password == null ? auth.build()
                    : auth.password(password.getBytes(StandardCharsets.UTF_8)).build());
        }
        try {
            return c.connect(more.apply(b).build()).getReturnCode();
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode();
        }
    }

    /** SUBSCRIBE to one filter; the SUBACK reason code. */
    public static Mqtt5SubAckReasonCode subscribe(Mqtt5BlockingClient c, String filter, MqttQos qos) {
        try {
            return c.subscribeWith().topicFilter(filter).qos(qos).send().getReasonCodes().get(0);
        } catch (Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes().get(0);
        }
    }

    public static Mqtt3SubAckReturnCode subscribe(Mqtt3BlockingClient c, String filter, MqttQos qos) {
        try {
            return c.subscribeWith().topicFilter(filter).qos(qos).send().getReturnCodes().get(0);
        } catch (Mqtt3SubAckException e) {
            return e.getMqttMessage().getReturnCodes().get(0);
        }
    }

    /** PUBLISH at QoS 1; the PUBACK reason code. */
    public static Mqtt5PubAckReasonCode publishQos1(Mqtt5BlockingClient c, String topic, String payload,
            boolean retain) {
        try {
            Mqtt5PublishResult r = c.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE).retain(retain)
                    .payload(payload.getBytes(StandardCharsets.UTF_8)).send();
            if (r.getError().isPresent() && r.getError().get() instanceof Mqtt5PubAckException e) {
                return e.getMqttMessage().getReasonCode();
            }
            return ((Mqtt5PublishResult.Mqtt5Qos1Result) r).getPubAck().getReasonCode();
        } catch (Mqtt5PubAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }
}
