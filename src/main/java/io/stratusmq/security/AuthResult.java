package io.stratusmq.security;

/** The outcome of authentication: an identity, or why the client is refused. */
public record AuthResult(ClientIdentity identity, Denial denial) {

    /** Why a CONNECT is refused; the protocol layer maps each to a CONNACK code. */
    public enum Denial {
        /** Unknown user, wrong password, bad or expired token: no hint which part failed. */
        BAD_CREDENTIALS,
        /** Credentials fine, but this client may not connect. */
        NOT_AUTHORIZED,
        /** The credential store could not be reached. */
        SERVER_UNAVAILABLE
    }

    public static AuthResult allow(ClientIdentity identity) {
        return new AuthResult(identity, null);
    }

    public static AuthResult deny(Denial denial) {
        return new AuthResult(null, denial);
    }

    public boolean allowed() {
        return denial == null;
    }
}
