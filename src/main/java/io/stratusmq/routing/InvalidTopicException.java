package io.stratusmq.routing;

/**
 * An invalid topic name or topic filter. The message says which rule was broken and cites the spec, e.g.
 * {@code "'#' must be alone in the last level of a topic filter [MQTT-4.7.1-2]"}. The protocol layer turns it
 * into the reason code the packet calls for: 0x8F Topic Filter invalid in SUBACK or UNSUBACK, 0x90 Topic Name
 * invalid in PUBACK, PUBREC or DISCONNECT.
 *
 * <p>No stack trace is captured: the exception is a verdict on client input, thrown as often as a hostile
 * client likes, and its message is all that matters.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class InvalidTopicException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message, null, false, false);
    }
}
