package io.stratusmq.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Cluster-wide ownership of client ids: before a connection gets a session, the directory makes sure no other
 * node still serves that client id [MQTT-3.1.4-3], taking it over there if needed, and hands back what the
 * store holds. The single-node broker uses {@link #LOCAL}, which has nothing to ask.
 */
public interface SessionDirectory {

    SessionDirectory LOCAL = (clientId, cleanStart) -> CompletableFuture.completedFuture(Claim.LOCAL_ONLY);

    /**
     * Claims the client id for this node. Completes once any other node has let go of it.
     *
     * @return the stored session to resume (null when none or when cleanStart discarded it)
     */
    CompletionStage<Claim> claim(String clientId, boolean cleanStart);

    /** The outcome of a claim. */
    record Claim(StoredSession stored, boolean refused) {
        public static final Claim LOCAL_ONLY = new Claim(null, false);
        public static final Claim REFUSED = new Claim(null, true);
    }
}
