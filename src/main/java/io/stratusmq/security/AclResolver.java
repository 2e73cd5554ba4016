package io.stratusmq.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Gathers one client's ACL rules from every source at CONNECT and compiles them into the permissions its
 * connection keeps: the authorizer then decides per message without lookups or substitution. Rules changed
 * later (file reloaded, Redis edited) apply from the client's next CONNECT.
 *
 * <p>Thread-safe; never blocks.
 */
public final class AclResolver {

    private final List<AclSource> sources;

    public AclResolver(List<AclSource> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no ACL source: leave the resolver out instead");
        }
        this.sources = List.copyOf(sources);
    }

    public CompletionStage<TopicPermissions> resolve(String clientId, String username) {
        CompletionStage<List<AclRule>> all = CompletableFuture.completedFuture(new ArrayList<>());
        for (AclSource source : sources) {
            all = all.thenCombine(source.rulesFor(clientId, username), (acc, more) -> {
                acc.addAll(more);
                return acc;
            });
        }
        return all.thenApply(TopicPermissions::of);
    }
}
