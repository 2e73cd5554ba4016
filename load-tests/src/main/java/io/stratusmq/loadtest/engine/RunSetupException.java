package io.stratusmq.loadtest.engine;

/** A run could not be set up: the broker is unreachable, or refused a CONNECT or SUBSCRIBE. */
public final class RunSetupException extends RuntimeException {
    public RunSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
