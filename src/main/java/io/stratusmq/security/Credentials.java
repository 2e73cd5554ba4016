package io.stratusmq.security;

/**
 * What a client presents on CONNECT.
 *
 * @param username null when the client sent none
 * @param password null when the client sent none; for JWT it carries the token
 * @param certificateSubject the common name of a verified TLS client certificate, or null
 */
public record Credentials(String clientId, String username, byte[] password, String remoteAddress,
        String certificateSubject) {
}
