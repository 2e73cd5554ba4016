package io.stratusmq.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of an ACL file, Mosquitto's way: {@code topic} lines before the first {@code user} line are for
 * anonymous clients, those after a {@code user} line for that user, and {@code pattern} lines, wherever they
 * stand, for every client (a {@code %u} pattern only for clients with a username).
 *
 * @param anonymous rules for clients without a username
 * @param users rules per username
 * @param patterns rules for every client, with {@code %u} and {@code %c} to substitute
 */
public record Acl(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns) {

    public static final Acl EMPTY = new Acl(List.of(), Map.of(), List.of());

    public Acl {
        anonymous = List.copyOf(anonymous);
        users = Map.copyOf(users);
        patterns = List.copyOf(patterns);
    }

    /** The rules for one client, patterns substituted (see {@link AclRule#forClient}). */
    public List<AclRule> rulesFor(String clientId, String username) {
        List<AclRule> own = username == null ? anonymous : users.getOrDefault(username, List.of());
        List<AclRule> out = new ArrayList<>(own.size() + patterns.size());
        out.addAll(own);
        for (AclRule p : patterns) {
            AclRule r = p.forClient(clientId, username);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }
}
