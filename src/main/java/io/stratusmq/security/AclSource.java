package io.stratusmq.security;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Where ACL rules come from: an ACL file, or Redis for a cluster. Implementations never block. */
public interface AclSource {

    /**
     * The rules for this client, with {@code %u} and {@code %c} already substituted. Completes exceptionally when
     * the source cannot be reached, or with {@link AclSyntaxException} when its rules for the client are broken.
     */
    CompletionStage<List<AclRule>> rulesFor(String clientId, String username);
}
