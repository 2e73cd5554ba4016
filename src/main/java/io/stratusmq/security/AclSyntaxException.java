package io.stratusmq.security;

/** An ACL line that cannot be read; the message names the line. */
public final class AclSyntaxException extends IllegalArgumentException {

    public AclSyntaxException(String message) {
        super(message);
    }
}
