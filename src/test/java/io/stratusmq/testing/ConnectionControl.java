package io.stratusmq.testing;

import io.stratusmq.protocol.ConnectionTracker;
import io.stratusmq.protocol.MqttConnection;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Lets an out-of-process test (the browser suite) make the broker drop a client's connection, as a node that
 * drains does: {@code DELETE /test-support/connections/{clientId}} runs {@link MqttConnection#shutdown} on each
 * connection of that client (5.0: DISCONNECT 0x8B, then close; 3.1.1: close; no will, the session stays) and
 * answers with the number dropped, 404 for none. Exists in test builds only.
 *
 * <p>Threading: the route runs on an event loop; each connection is read and shut down on its own loop.
 */
@ApplicationScoped
public class ConnectionControl {

    private final ConnectionTracker connections;

    ConnectionControl(ConnectionTracker connections) {
        this.connections = connections;
    }

    void routes(@Observes Router router) {
        router.delete("/test-support/connections/:clientId").handler(this::drop);
    }

    private void drop(RoutingContext rc) {
        String clientId = rc.pathParam("clientId");
        List<CompletableFuture<Boolean>> results = new ArrayList<>();
        connections.forEach(c -> {
            CompletableFuture<Boolean> dropped = new CompletableFuture<>();
            results.add(dropped);
            c.executor().execute(() -> {
                boolean match = false;
                try {
                    match = clientId.equals(c.clientId()) && c.isConnected();
                    if (match) {
                        c.shutdown();
                    }
                } finally {
                    dropped.complete(match);
                }
            });
        });
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).whenComplete((ignored, failure) -> {
            long count = results.stream().filter(CompletableFuture::join).count();
            rc.response().setStatusCode(count == 0 ? 404 : 200).end(String.valueOf(count));
        });
    }
}
