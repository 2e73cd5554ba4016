package io.stratusmq.security;

import java.util.List;

/**
 * Who a connection is once authenticated: what authorization decisions are made about.
 *
 * @param username the authenticated user, or null for an anonymous client
 * @param allowedTopics topic filters granted by the credential itself (e.g. JWT claims), or null when the
 *     credential grants nothing beyond the ACL
 */
public record ClientIdentity(String clientId, String username, List<String> allowedTopics) {

    public static ClientIdentity anonymous(String clientId) {
        return new ClientIdentity(clientId, null, null);
    }
}
