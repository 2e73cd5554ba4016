package io.stratusmq.security;

/** Decides what an authenticated client may publish to and subscribe to. Fast and non-blocking: it runs per message. */
public interface Authorizer {

    Authorizer ALLOW_ALL = new Authorizer() {
        @Override
        public boolean mayPublish(ClientIdentity who, String topic) {
            return true;
        }

        @Override
        public boolean mayRead(ClientIdentity who, String topic) {
            return true;
        }

        @Override
        public boolean maySubscribe(ClientIdentity who, String filter) {
            return true;
        }
    };

    /** May this client publish to this topic name (wills included)? */
    boolean mayPublish(ClientIdentity who, String topic);

    /** May this client receive a message on this topic name (retained messages included)? */
    boolean mayRead(ClientIdentity who, String topic);

    /** May this client subscribe to this filter (the filter part of a shared subscription)? */
    boolean maySubscribe(ClientIdentity who, String filter);
}
