package io.stratusmq.client;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * The Eclipse Paho MQTT 5.0 client (org.eclipse.paho.mqttv5.client). Messages are taken from the client-wide
 * callback and subscriptions made with {@code subscribe(MqttSubscription[], ..., MqttProperties)}: the
 * overloads taking a per-subscription listener throw in 1.2.5 (see STACK.md).
 */
final class Paho5Client implements TestClient {

    private final String clientId;
    private final MqttAsyncClient client;
    private final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<ConnectionLost> lost = new CompletableFuture<>();
    /** Set when the test ends the connection, which Paho also reports through {@code disconnected}. */
    private volatile boolean closing;

    Paho5Client(String clientId, Transport transport, int port) {
        this.clientId = clientId;
        String uri = transport == Transport.WEBSOCKET ? "ws://127.0.0.1:" + port + "/mqtt"
                : "tcp://127.0.0.1:" + port;
        try {
            this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                if (closing) {
                    return;
                }
                lost.complete(new ConnectionLost(response.getException() == null ? response.getReturnCode() : null,
                        String.valueOf(response)));
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                received(topic, m);
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
    }

    private void received(String topic, MqttMessage m) {
        MqttProperties p = m.getProperties();
        List<Map.Entry<String, String>> props = p.getUserProperties() == null ? List.of()
                : p.getUserProperties().stream().map(u -> Map.entry(u.getKey(), u.getValue())).toList();
        inbox.add(new Msg(topic, m.getPayload(), m.getQos(), m.isRetained(), props, p.getResponseTopic(),
                p.getCorrelationData(), p.getMessageExpiryInterval(),
                p.getSubscriptionIdentifiers() == null ? List.of() : p.getSubscriptionIdentifiers()));
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Library library() {
        return Library.PAHO_5;
    }

    @Override
    public boolean connect(ConnectOptions options) throws Exception {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(options.cleanStart());
        o.setSessionExpiryInterval(options.sessionExpirySeconds());
        o.setKeepAliveInterval(options.keepAliveSeconds());
        o.setConnectionTimeout((int) TIMEOUT.toSeconds());
        o.setAutomaticReconnect(false);
        if (options.topicAliasMaximum() > 0) {
            o.setTopicAliasMaximum(options.topicAliasMaximum());
        }
        if (options.receiveMaximum() > 0) {
            o.setReceiveMaximum(options.receiveMaximum());
        }
        if (options.maximumPacketSize() > 0) {
            o.setMaximumPacketSize((long) options.maximumPacketSize());
        }
        Msg w = options.will();
        if (w != null) {
            o.setWill(w.topic(), new MqttMessage(w.payload(), w.qos(), w.retain(), new MqttProperties()));
            if (options.willDelaySeconds() > 0) {
                MqttProperties willProps = new MqttProperties();
                willProps.setWillDelayInterval(options.willDelaySeconds());
                o.setWillMessageProperties(willProps);
            }
        }
        IMqttToken token = client.connect(o);
        token.waitForCompletion(TIMEOUT.toMillis());
        return token.getSessionPresent();
    }

    @Override
    public int subscribe(String filter, SubscribeOptions options) throws Exception {
        return subscribe(filter, options, new MqttProperties());
    }

    /** Subscribes with a Subscription Identifier (MQTT 5 section 3.8.2.1.2). */
    int subscribe(String filter, int qos, int subscriptionId) throws Exception {
        MqttProperties props = new MqttProperties();
        props.setSubscriptionIdentifier(subscriptionId);
        return subscribe(filter, SubscribeOptions.qos(qos), props);
    }

    private int subscribe(String filter, SubscribeOptions o, MqttProperties props) throws Exception {
        MqttSubscription subscription = new MqttSubscription(filter, o.qos());
        subscription.setNoLocal(o.noLocal());
        subscription.setRetainAsPublished(o.retainAsPublished());
        subscription.setRetainHandling(o.retainHandling());
        IMqttToken token = client.subscribe(new MqttSubscription[] {subscription}, null, null, props);
        token.waitForCompletion(TIMEOUT.toMillis());
        int code = token.getReasonCodes()[0];
        if (code >= 0x80) {
            throw new AssertionError("SUBACK for " + filter + ": 0x" + Integer.toHexString(code));
        }
        return code;
    }

    @Override
    public void unsubscribe(String filter) throws Exception {
        client.unsubscribe(filter).waitForCompletion(TIMEOUT.toMillis());
    }

    @Override
    public void publish(Msg m) throws Exception {
        MqttProperties props = new MqttProperties();
        if (!m.userProperties().isEmpty()) {
            props.setUserProperties(m.userProperties().stream().map(e -> new UserProperty(e.getKey(), e.getValue()))
                    .toList());
        }
        props.setResponseTopic(m.responseTopic());
        props.setCorrelationData(m.correlationData());
        props.setMessageExpiryInterval(m.messageExpiry());
        IMqttToken token = client.publish(m.topic(), new MqttMessage(m.payload(), m.qos(), m.retain(), props));
        token.waitForCompletion(TIMEOUT.toMillis());
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
            throw new AssertionError("publish to " + m.topic() + ": 0x" + Integer.toHexString(codes[0]));
        }
    }

    @Override
    public void disconnect() throws Exception {
        closing = true;
        client.disconnect(0).waitForCompletion(TIMEOUT.toMillis());
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public CompletableFuture<ConnectionLost> lost() {
        return lost;
    }

    @Override
    public BlockingQueue<Msg> inbox() {
        return inbox;
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (client.isConnected()) {
                client.disconnect(0).waitForCompletion(TIMEOUT.toMillis());
            }
            client.close(true);
        } catch (MqttException e) {
            // the test is over: a failure to let go of the client does not change its outcome
        }
    }

    @Override
    public String toString() {
        return clientId + " (" + library() + ")";
    }
}
