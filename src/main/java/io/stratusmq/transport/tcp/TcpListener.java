package io.stratusmq.transport.tcp;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.INFO;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.stratusmq.protocol.MqttConnection;
import io.stratusmq.protocol.ProtocolContext;
import io.stratusmq.transport.TransportSettings;
import io.stratusmq.transport.TrustedProxies;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT TCP listeners: plain (1883) and TLS (8883, certificates from the Quarkus TLS registry, reloaded when
 * they change). One Vert.x NetServer per client event loop ({@code stratus.io-threads}) on a shared port; each
 * socket is handled on its event loop by the same protocol code as WebSocket connections.
 */
@ApplicationScoped
public class TcpListener {

    private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());

    private final TcpSettings settings;
    private final TlsSettings tls;
    private final ProtocolContext protocol;
    private final TrustedProxies proxies;
    private final TlsConfigurationRegistry registry;
    private final Vertx vertx;
    private final int instances;
    private final List<String> deployments = new CopyOnWriteArrayList<>();
    private final List<NetServer> tlsServers = new CopyOnWriteArrayList<>();
    private String tlsConfigName;

    TcpListener(TcpSettings settings, TlsSettings tls, ProtocolContext protocol, TrustedProxies proxies,
            TlsConfigurationRegistry registry, Vertx vertx, TransportSettings transport) {
        this.settings = settings;
        this.tls = tls;
        this.protocol = protocol;
        this.proxies = proxies;
        this.registry = registry;
        this.vertx = vertx;
        this.instances = TransportSettings.ioThreads(transport);
    }

    void start(@Observes StartupEvent event) throws Exception {
        if (settings.proxyProtocol() && proxies.isEmpty()) {
            throw new IllegalStateException("stratus.tcp.proxy-protocol=true needs stratus.proxy.trusted");
        }
        LOG.log(INFO, "network transport: {0}, client connections on {1} event loop(s) (stratus.io-threads)",
                vertx.isNativeTransportEnabled() ? "native (epoll)" : "NIO", String.valueOf(instances));
        if (settings.port() == 0) {
            LOG.log(INFO, "MQTT TCP listener off (stratus.tcp.port=0)");
        } else {
            deploy(baseOptions(settings.port()), null);
            LOG.log(INFO, "MQTT TCP listener on {0}:{1}", settings.host(), String.valueOf(settings.port()));
        }
        Optional<TlsConfiguration> config = TlsConfiguration.from(registry, tls.configurationName());
        if (tls.port() == 0 || config.isEmpty()) {
            LOG.log(INFO, "MQTT TLS listener off ({0})", tls.port() == 0 ? "stratus.tls.port=0"
                    : "no TLS configuration " + tls.configurationName().orElse("(default)"));
            return;
        }
        tlsConfigName = config.get().getName();
        NetServerOptions options = baseOptions(tls.port()).setSsl(true)
                .setKeyCertOptions(config.get().getKeyStoreOptions())
                .setClientAuth(switch (tls.clientAuth()) {
                    case NONE -> ClientAuth.NONE;
                    case REQUEST -> ClientAuth.REQUEST;
                    case REQUIRED -> ClientAuth.REQUIRED;
                });
        if (config.get().getTrustStoreOptions() != null) {
            options.setTrustOptions(config.get().getTrustStoreOptions());
        }
        deploy(options, tlsServers);
        LOG.log(INFO, "MQTT TLS listener on {0}:{1}, client certificates {2}", settings.host(),
                String.valueOf(tls.port()), tls.clientAuth());
    }

    /** The TLS registry reloaded our certificates: new connections use them. */
    void certificatesUpdated(@Observes CertificateUpdatedEvent event) {
        if (event.name().equals(tlsConfigName)) {
            for (NetServer server : tlsServers) {
                server.updateSSLOptions(event.tlsConfiguration().getSSLOptions(), true);
            }
            LOG.log(INFO, "MQTT TLS listener: certificates reloaded");
        }
    }

    void stop(@Observes ShutdownEvent event) {
        deployments.forEach(vertx::undeploy);
    }

    private NetServerOptions baseOptions(int port) {
        NetServerOptions o = new NetServerOptions().setHost(settings.host()).setPort(port).setTcpNoDelay(true);
        if (settings.proxyProtocol()) {
            o.setUseProxyProtocol(true);
        }
        return o;
    }

    private void deploy(NetServerOptions options, List<NetServer> servers) throws Exception {
        deployments.add(vertx.deployVerticle(() -> new ServerVerticle(options, servers),
                new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS));
    }

    /** The client's address: the PROXY protocol's when the real peer is a trusted proxy, else the peer's. */
    private String clientAddress(NetSocket socket) {
        String real = socket.remoteAddress(true).hostAddress();
        if (!settings.proxyProtocol()) {
            return real;
        }
        if (!proxies.trusts(real)) {
            return null;
        }
        return socket.remoteAddress().hostAddress();
    }

    /** One NetServer on one event loop. */
    private final class ServerVerticle extends AbstractVerticle {
        private final NetServerOptions options;
        private final List<NetServer> servers;

        ServerVerticle(NetServerOptions options, List<NetServer> servers) {
            this.options = options;
            this.servers = servers;
        }

        @Override
        public void start(Promise<Void> started) {
            NetServer server = vertx.createNetServer(options);
            if (servers != null) {
                servers.add(server);
            }
            server.connectHandler(socket -> {
                String client = clientAddress(socket);
                if (client == null) {
                    LOG.log(INFO, "PROXY protocol from untrusted peer {0}, closing", socket.remoteAddress(true));
                    socket.close();
                    return;
                }
                MqttConnection mqtt = new MqttConnection(new TcpTransport(socket, context, client), protocol);
                socket.handler(buffer -> mqtt.received(buffer.getBytes()));
                socket.closeHandler(v -> mqtt.closed());
                socket.exceptionHandler(e -> {
                    LOG.log(DEBUG, "TCP error from {0}: {1}", client, e.toString());
                    socket.close();
                });
            });
            server.listen().<Void>mapEmpty().onComplete(started);
        }
    }
}
