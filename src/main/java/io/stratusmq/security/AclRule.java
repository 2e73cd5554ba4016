package io.stratusmq.security;

import java.util.Locale;
import java.util.Objects;

/**
 * One ACL line: {@code topic [access] filter}, or {@code pattern [access] filter} where {@code %u} stands for the
 * client's username and {@code %c} for its client id.
 *
 * @param pattern true when {@code %u} and {@code %c} in the filter are to be substituted
 */
public record AclRule(Access access, String filter, boolean pattern) {

    public AclRule {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(filter, "filter");
    }

    public static AclRule topic(Access access, String filter) {
        return new AclRule(access, filter, false);
    }

    /**
     * This rule for one client: a {@code topic} rule as it is, a {@code pattern} rule with {@code %u} and {@code %c}
     * replaced by the username and client id.
     *
     * <p>A value cannot be used when it is missing ({@code %u} for an anonymous client) or holds '/', '+' or '#':
     * put into a level it would add levels or wildcards. Mosquitto refuses wildcards there but lets '/' through,
     * which lets a client named {@code victim/x} into {@code devices/victim/x/...} through {@code devices/%c/#}.
     * When a value cannot be used, a granting pattern grants nothing (null is returned) and a {@code deny} pattern
     * denies every value: the level holding the placeholder becomes '+'. Either way the client gets less, never
     * more.
     */
    public AclRule forClient(String clientId, String username) {
        if (!pattern) {
            return this;
        }
        boolean userUsable = username != null && !dangerous(username);
        boolean clientUsable = clientId != null && !dangerous(clientId);
        boolean needsUser = filter.contains("%u");
        boolean needsClient = filter.contains("%c");
        if ((needsUser && !userUsable) || (needsClient && !clientUsable)) {
            if (access != Access.DENY) {
                return null;
            }
            return new AclRule(access, widen(filter, clientId, username, userUsable, clientUsable), false);
        }
        return new AclRule(access, substitute(filter, clientId, username), false);
    }

    /** The filter with every level holding an unusable placeholder replaced by '+'. */
    private static String widen(String filter, String clientId, String username, boolean userUsable,
            boolean clientUsable) {
        String[] levels = filter.split("/", -1);
        StringBuilder out = new StringBuilder(filter.length());
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            String level = levels[i];
            boolean unusable = (level.contains("%u") && !userUsable) || (level.contains("%c") && !clientUsable);
            out.append(unusable ? "+" : substitute(level, clientId, username));
        }
        return out.toString();
    }

    /** Replaces %u and %c in one pass, so a username holding "%c" stays what it is. */
    private static String substitute(String s, String clientId, String username) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' && i + 1 < s.length() && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'c')) {
                out.append(s.charAt(i + 1) == 'u' ? username : clientId);
                i++;
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    /** True when a name cannot be put into a topic level as it is: it would add levels or wildcards. */
    static boolean dangerous(String name) {
        return name.indexOf('/') >= 0 || name.indexOf('+') >= 0 || name.indexOf('#') >= 0;
    }

    /** As the line would read in an ACL file. */
    @Override
    public String toString() {
        return (pattern ? "pattern " : "topic ") + access.name().toLowerCase(Locale.ROOT) + " " + filter;
    }
}
