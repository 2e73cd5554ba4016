package io.stratusmq.transport.tcp;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.stratusmq.protocol.MqttConnection;
import io.stratusmq.protocol.ProtocolContext;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;

/**
 * The plain MQTT TCP listener: one Vert.x NetServer per event loop on a shared port, each socket handled on
 * its event loop by the same protocol code as WebSocket connections.
 */
@ApplicationScoped
public class TcpListener {

    private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());

    private final TcpSettings settings;
    private final ProtocolContext protocol;
    private final Vertx vertx;
    private String deploymentId;

    TcpListener(TcpSettings settings, ProtocolContext protocol, Vertx vertx) {
        this.settings = settings;
        this.protocol = protocol;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (settings.port() == 0) {
            LOG.log(INFO, "MQTT TCP listener off (stratus.tcp.port=0)");
            return;
        }
        int instances = Math.max(1, Runtime.getRuntime().availableProcessors());
        deploymentId = vertx.deployVerticle(() -> new ServerVerticle(settings, protocol),
                new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.log(INFO, "MQTT TCP listener on {0}:{1}", settings.host(), String.valueOf(settings.port()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (deploymentId != null) {
            vertx.undeploy(deploymentId);
        }
    }

    /** One NetServer on one event loop. */
    private static final class ServerVerticle extends AbstractVerticle {
        private final TcpSettings settings;
        private final ProtocolContext protocol;

        ServerVerticle(TcpSettings settings, ProtocolContext protocol) {
            this.settings = settings;
            this.protocol = protocol;
        }

        @Override
        public void start(Promise<Void> started) {
            NetServer server = vertx.createNetServer(new NetServerOptions().setHost(settings.host())
                    .setPort(settings.port()).setTcpNoDelay(true));
            server.connectHandler(socket -> {
                TcpTransport transport = new TcpTransport(socket, context);
                MqttConnection mqtt = new MqttConnection(transport, protocol);
                socket.handler(buffer -> mqtt.received(buffer.getBytes()));
                socket.closeHandler(v -> mqtt.closed());
                socket.exceptionHandler(e -> {
                    LOG.log(DEBUG, "TCP error from {0}: {1}", socket.remoteAddress(), e.toString());
                    socket.close();
                });
            });
            server.listen().<Void>mapEmpty().onComplete(started);
        }
    }
}
