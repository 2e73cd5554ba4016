package io.stratusmq.routing;
public final class InvalidTopicException extends Exception {
    public InvalidTopicException(String m) { super(m); }
}
