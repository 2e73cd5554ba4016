package io.stratusmq.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Cluster-wide ownership of client ids: before a connection gets a session, the directory makes sure no other
 * node still serves that client id [MQTT-3.1.4-3], taking it over there if needed, and hands back what the
 * store holds. The single-node broker uses {@link #LOCAL}, which has nothing to ask.
 */
public interface SessionDirectory {

    SessionDirectory LOCAL = (clientId, cleanStart) -> CompletableFuture.completedFuture(Claim.LOCAL);

    /** Claims the client id for this node. Completes once any other node has let go of it. */
    CompletionStage<Claim> claim(String clientId, boolean cleanStart);

    /**
     * The outcome of a claim.
     *
     * @param refused the client id changed hands too often: refuse the CONNECT
     * @param token the cluster's name for this connection's ownership, or null on a single node
     */
    record Claim(boolean refused, String token) {
        public static final Claim LOCAL = new Claim(false, null);
        public static final Claim REFUSED = new Claim(true, null);
    }
}
