package io.stratusmq.session;

import java.util.concurrent.Executor;

/**
 * The live connection that owns a session. A session's owner-confined state is touched only from the owner's
 * executor (its event loop); other threads reach it by handing work to that executor.
 */
public interface SessionOwner {

    /** The executor of the owning connection: its event loop. */
    Executor executor();

    /** Deliveries wait in the session's mailbox; runs on {@link #executor()}. */
    void drain();

    /**
     * Another connection takes the session over [MQTT-3.1.4-3]: send DISCONNECT 0x8E (5.0), close, give the
     * session up with {@link SessionRegistry#release}. Runs on {@link #executor()}.
     */
    void takenOver();

    /**
     * This connection published to a session whose queue is congested: stop reading until
     * {@link #resumeReading} (flow control instead of dropping what was acknowledged). Runs on
     * {@link #executor()}.
     */
    default void pauseReading() {
    }

    /** A session this connection waited for has room again. Runs on {@link #executor()}. */
    default void resumeReading() {
    }
}
