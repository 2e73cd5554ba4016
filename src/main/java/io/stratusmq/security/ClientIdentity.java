package io.stratusmq.security;

import java.util.List;

/**
 * Who a connection is once authenticated: what authorization decisions are made about.
 *
 * @param username the authenticated user, or null for an anonymous client
 * @param grants the topics the credential itself limits the client to (a token's topic claims), or null when
 *     the credential does not limit it. Grants never add to the ACL: both must allow.
 * @param acl the ACL rules for this client, resolved at CONNECT; null when not resolved, which the authorizer
 *     treats as "nothing allowed" whenever an ACL is configured
 * @param expiresAtMillis when the credential stops being valid (a token's {@code exp} plus the allowed clock
 *     skew), in wall-clock milliseconds; 0 when it does not expire. The connection ends then.
 */
public record ClientIdentity(String clientId, String username, TopicPermissions grants, TopicPermissions acl,
        long expiresAtMillis) {

    /** An identity whose credential does not expire. */
    public ClientIdentity(String clientId, String username, TopicPermissions grants, TopicPermissions acl) {
        this(clientId, username, grants, acl, 0);
    }

    /**
     * @param allowedTopics topic filters the credential limits the client to for publishing and subscribing, or
     *     null when it does not limit it
     */
    public ClientIdentity(String clientId, String username, List<String> allowedTopics) {
        this(clientId, username, allowedTopics == null ? null
                : TopicPermissions.of(allowedTopics.stream().map(f -> AclRule.topic(Access.READWRITE, f)).toList()),
                null);
    }

    public static ClientIdentity anonymous(String clientId) {
        return new ClientIdentity(clientId, null, null, null);
    }

    public ClientIdentity withAcl(TopicPermissions resolved) {
        return new ClientIdentity(clientId, username, grants, resolved, expiresAtMillis);
    }
}
