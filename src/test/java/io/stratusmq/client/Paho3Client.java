package io.stratusmq.client;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The Eclipse Paho MQTT 3.1.1 client (org.eclipse.paho.client.mqttv3). */
final class Paho3Client implements TestClient {

    private final String clientId;
    private final int mqttVersion;
    private final MqttAsyncClient client;
    private final BlockingQueue<Msg> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<ConnectionLost> lost = new CompletableFuture<>();

    Paho3Client(String clientId, Transport transport, int port) {
        this(clientId, transport, port, MqttConnectOptions.MQTT_VERSION_3_1_1);
    }

    /** @param mqttVersion {@link MqttConnectOptions#MQTT_VERSION_3_1} or {@code MQTT_VERSION_3_1_1} */
    Paho3Client(String clientId, Transport transport, int port, int mqttVersion) {
        this.clientId = clientId;
        this.mqttVersion = mqttVersion;
        String uri = transport == Transport.WEBSOCKET ? "ws://127.0.0.1:" + port + "/mqtt"
                : "tcp://127.0.0.1:" + port;
        try {
            this.client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException(e);
        }
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.complete(new ConnectionLost(null, String.valueOf(cause)));
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                inbox.add(new Msg(topic, m.getPayload(), m.getQos(), m.isRetained(), List.of(), null, null, null,
                        List.of()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public Library library() {
        return Library.PAHO_3;
    }

    @Override
    public boolean connect(ConnectOptions options) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(mqttVersion);
        o.setCleanSession(options.cleanStart());
        o.setKeepAliveInterval(options.keepAliveSeconds());
        o.setConnectionTimeout((int) TIMEOUT.toSeconds());
        o.setAutomaticReconnect(false);
        // Paho counts a publish in flight until its callback thread has caught up, a little after the token
        // completes: with the default of 10, one publish after another can fail with 32202 under load
        o.setMaxInflight(128);
        Msg w = options.will();
        if (w != null) {
            o.setWill(w.topic(), w.payload(), w.qos(), w.retain());
        }
        IMqttToken token = client.connect(o);
        token.waitForCompletion(TIMEOUT.toMillis());
        return token.getSessionPresent();
    }

    @Override
    public int subscribe(String filter, SubscribeOptions options) throws Exception {
        if (!options.qosOnly()) {
            throw new UnsupportedOperationException("MQTT 3.1.1 has no subscription options but QoS");
        }
        int qos = options.qos();
        IMqttToken token = client.subscribe(filter, qos);
        token.waitForCompletion(TIMEOUT.toMillis());
        int granted = token.getGrantedQos()[0];
        if (granted > 2) {
            throw new AssertionError("SUBACK for " + filter + ": 0x" + Integer.toHexString(granted));
        }
        return granted;
    }

    @Override
    public void unsubscribe(String filter) throws Exception {
        client.unsubscribe(filter).waitForCompletion(TIMEOUT.toMillis());
    }

    @Override
    public void publish(Msg m) throws Exception {
        client.publish(m.topic(), m.payload(), m.qos(), m.retain()).waitForCompletion(TIMEOUT.toMillis());
    }

    @Override
    public void disconnect() throws Exception {
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
