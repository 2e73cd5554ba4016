package io.stratusmq.session;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The sessions of this node by client id, and the rules for who owns one: attach on CONNECT, takeover by a
 * second connection with the same client id [MQTT-3.1.4-3], release on close, expiry [MQTT-4.1.0-2] and
 * delayed wills [MQTT-3.1.3-9].
 *
 * <p>Threading: thread-safe. Every change of a session's owner happens inside {@link ConcurrentHashMap#compute}
 * for its client id, which orders handovers between event loops; owners are called back on their executors.
 */
public final class SessionRegistry {

    /** What the broker does when a session ends for good. */
    public interface SessionEndListener {
        /** The session is gone: drop its subscriptions and queue. Called once, from any thread. */
        void sessionEnded(Session session);

        /** A will is due: its delay passed, or its session ended [MQTT-3.1.3-9]. Called from any thread. */
        void publishWill(Message will);

        /**
         * A durable session went offline and this node lets go of it: the cluster store holds it from now on.
         * Called once, from any thread.
         */
        void sessionReleased(Session session);
    }

    /** How a CONNECT obtained its session. */
    public record Attached(Session session, boolean present, boolean waitForTakeover) {
    }

    /** A connection waiting for its session after a takeover; called back on its executor. */
    public interface PendingOwner extends SessionOwner {
        /** The previous owner let go; the session is this connection's now. */
        void sessionReady(Session session, boolean present);

        /** A newer connection with the same client id came before this one got its session. */
        void superseded();
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SessionLimits limits;
    private final Scheduler scheduler;
    private final LongSupplier clock;
    private volatile SessionEndListener listener;
    private volatile DurableOffline offlineHandler;

    /** Records a durable session going offline in the cluster store, with its will. */
    public interface DurableOffline {
        void offline(Session session, Message will, long willDelaySeconds);
    }

    public void durableOffline(DurableOffline handler) {
        this.offlineHandler = handler;
    }

    public SessionRegistry(SessionLimits limits, Scheduler scheduler, LongSupplier clockMillis) {
        this.limits = limits;
        this.scheduler = scheduler;
        this.clock = clockMillis;
    }

    public void listener(SessionEndListener l) {
        this.listener = l;
    }

    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    public int size() {
        return sessions.size();
    }

    public Collection<Session> all() {
        return sessions.values();
    }

    /**
     * Gives a connecting client its session. A session owned by a live connection is taken over: that owner
     * is told to close and the caller waits for {@link PendingOwner#sessionReady}.
     */
    public Attached attach(String clientId, boolean cleanStart, PendingOwner newOwner) {
        Attached[] out = new Attached[1];
        sessions.compute(clientId, (id, s) -> {
            if (s == null) {
                s = newSession(id, newOwner);
                out[0] = new Attached(s, false, false);
                return s;
            }
            SessionOwner current = s.owner();
            if (current != null) {
                SessionOwner superseded = s.pendingOwner;
                s.pendingOwner = newOwner;
                s.pendingCleanStart = cleanStart;
                if (superseded instanceof PendingOwner p) {
                    p.executor().execute(p::superseded);
                } else {
                    current.executor().execute(current::takenOver);
                }
                out[0] = new Attached(s, false, true);
                return s;
            }
            cancelTimers(s);
            if (cleanStart) {
                end(s);
                Session fresh = newSession(id, newOwner);
                out[0] = new Attached(fresh, false, false);
                return fresh;
            }
            s.pendingWill = null; // [MQTT-3.1.3-9] reconnected within the will delay
            s.owner(newOwner);
            out[0] = new Attached(s, true, false);
            return s;
        });
        return out[0];
    }

    /**
     * The owner lets go of its session: on close, or after a takeover. A waiting connection gets the session;
     * otherwise it ends now (expiry 0) or when its expiry interval has passed.
     *
     * @param will the will to publish after its delay, or null
     * @param willDelaySeconds the Will Delay Interval
     */
    public void release(Session session, SessionOwner owner, Message will, long willDelaySeconds) {
        sessions.compute(session.clientId(), (id, s) -> {
            if (s != session || s.owner() != owner) {
                return s;
            }
            s.owner(null);
            s.wakeCongestedPublishers();
            SessionOwner next = s.pendingOwner;
            if (next instanceof PendingOwner p) {
                s.pendingOwner = null;
                if (s.durable() && s.expiryIntervalSeconds() > 0) {
                    // the cluster store holds the session: the next owner loads it from there
                    SessionEndListener l = listener;
                    if (l != null) {
                        l.sessionReleased(s);
                        if (s.pendingCleanStart && will != null) {
                            l.publishWill(will); // Clean Start ends the old session, so its will is due
                        }
                    }
                    Session fresh = newSession(id, p);
                    p.executor().execute(() -> p.sessionReady(fresh, !s.pendingCleanStart));
                    return fresh;
                }
                if (s.pendingCleanStart || s.expiryIntervalSeconds() == 0) {
                    // the old session ends with its connection, so its will is due now; a session that
                    // carries on is resumed by a new connection, which cancels the will [MQTT-3.1.3-9]
                    s.pendingWill = will;
                    end(s);
                    Session fresh = newSession(id, p);
                    p.executor().execute(() -> p.sessionReady(fresh, false));
                    return fresh;
                }
                s.owner(p);
                p.executor().execute(() -> p.sessionReady(s, true));
                return s;
            }
            long expiry = s.expiryIntervalSeconds();
            if (s.durable() && expiry > 0) {
                // the cluster keeps the session, its expiry and its will; this node forgets it
                SessionEndListener l = listener;
                if (l != null) {
                    l.sessionReleased(s);
                }
                if (offlineHandler != null) {
                    offlineHandler.offline(s, will, willDelaySeconds);
                }
                return null;
            }
            if (will != null) {
                s.pendingWill = will;
                if (willDelaySeconds == 0) {
                    publishPendingWill(s);
                } else if (expiry == Session.NEVER_EXPIRES || willDelaySeconds < expiry) {
                    s.willTimer = scheduler.schedule(willDelaySeconds * 1000, () -> willDue(s));
                }
            }
            if (expiry == 0) {
                end(s);
                return null;
            }
            if (expiry != Session.NEVER_EXPIRES) {
                s.expiryTimer = scheduler.schedule(expiry * 1000, () -> expire(s));
            }
            return s;
        });
    }

    /** Ends a session now, e.g. an administrator's removal; its owner, if any, must already be gone. */
    public void remove(Session session) {
        sessions.compute(session.clientId(), (id, s) -> {
            if (s != session || s.owner() != null) {
                return s;
            }
            end(s);
            return null;
        });
    }

    private void expire(Session session) {
        sessions.compute(session.clientId(), (id, s) -> {
            if (s != session || s.owner() != null) {
                return s;
            }
            end(s);
            return null;
        });
    }

    private void willDue(Session session) {
        sessions.computeIfPresent(session.clientId(), (id, s) -> {
            if (s == session && s.owner() == null) {
                publishPendingWill(s);
            }
            return s;
        });
    }

    private Session newSession(String clientId, SessionOwner owner) {
        Session s = new Session(clientId, limits);
        s.owner(owner);
        return s;
    }

    private static void cancelTimers(Session s) {
        if (s.expiryTimer != null) {
            s.expiryTimer.cancel();
            s.expiryTimer = null;
        }
        if (s.willTimer != null) {
            s.willTimer.cancel();
            s.willTimer = null;
        }
    }

    /** The session ends: its pending will goes out [MQTT-3.1.3-9], then the broker forgets it. */
    private void end(Session s) {
        if (s.ended) {
            return;
        }
        s.ended = true;
        cancelTimers(s);
        publishPendingWill(s);
        SessionEndListener l = listener;
        if (l != null) {
            l.sessionEnded(s);
        }
    }

    private void publishPendingWill(Session s) {
        Message will = s.pendingWill;
        s.pendingWill = null;
        if (s.willTimer != null) {
            s.willTimer.cancel();
            s.willTimer = null;
        }
        SessionEndListener l = listener;
        if (will != null && l != null) {
            l.publishWill(will.publishedAt(clock.getAsLong())); // its expiry counts from now (section 3.1.3.2.4)
        }
    }
}
