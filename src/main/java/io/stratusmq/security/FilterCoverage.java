package io.stratusmq.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Set relations between topic filters, seen as the sets of topic names they match ([MQTT-4.7]): '+' matches one
 * level, empty ones included; '#' matches the parent level and any number below it; a filter whose first level is
 * a wildcard matches no name starting with '$' [MQTT-4.7.2-1].
 *
 * <ul>
 * <li>{@link #overlaps}: some topic name matches both filters.
 * <li>{@link #covers}: every topic name the filter matches is matched by at least one of the grants, taken
 * together ({@code a} and {@code a/+/#} together cover {@code a/#}, though neither does alone).
 * </ul>
 *
 * <p>{@code covers} explores the levels of the filter against the grants, one branch per literal level the
 * grants name plus one for every other value, so its cost grows with the number of distinct literals at each
 * depth. ACLs are small; a hostile filter still cannot make it hold an event loop: past {@link #BUDGET} it answers
 * false, which refuses the subscription.
 *
 * <p>Pure functions; thread-safe.
 */
final class FilterCoverage {

    /** Work (grants examined, summed over the steps) {@link #covers} may do before it answers false: ~ms. */
    static final int BUDGET = 100_000;

    private FilterCoverage() {
    }

    /** The levels of a filter or name: "a//b" has three, "/" has two; no regex. */
    static String[] levels(String s) {
        int count = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '/') {
                count++;
            }
        }
        String[] levels = new String[count];
        int start = 0;
        for (int i = 0; i < count - 1; i++) {
            int slash = s.indexOf('/', start);
            levels[i] = s.substring(start, slash);
            start = slash + 1;
        }
        levels[count - 1] = s.substring(start);
        return levels;
    }

    /** True when some topic name matches both filters. */
    static boolean overlaps(String[] a, String[] b) {
        // [MQTT-4.7.2-1] a wildcard first level matches no '$' name, so it meets no filter that needs one
        if (isWildcard(a[0]) && isDollar(b[0]) || isWildcard(b[0]) && isDollar(a[0])) {
            return false;
        }
        return overlaps(a, 0, b, 0);
    }

    private static boolean overlaps(String[] a, int i, String[] b, int j) {
        while (true) {
            if (i == a.length) {
                return j == b.length || b[j].equals("#"); // '#' also matches its parent level
            }
            if (j == b.length) {
                return a[i].equals("#");
            }
            if (a[i].equals("#") || b[j].equals("#")) {
                return true; // whatever the other still needs, '#' takes it
            }
            if (!a[i].equals("+") && !b[j].equals("+") && !a[i].equals(b[j])) {
                return false;
            }
            i++;
            j++;
        }
    }

    /** True when every topic name the filter matches is matched by one of the grants or more. */
    static boolean covers(List<String[]> grants, String[] filter) {
        List<Cursor> start = new ArrayList<>(grants.size());
        boolean wildcardFilter = isWildcard(filter[0]);
        for (String[] g : grants) {
            // [MQTT-4.7.2-1] a filter starting with a wildcard matches no '$' name, so grants for '$' names do
            // not help it; a filter for '$' names gets nothing from grants starting with a wildcard
            if (wildcardFilter && isDollar(g[0]) || isDollar(filter[0]) && isWildcard(g[0])) {
                continue;
            }
            start.add(new Cursor(g, 0));
        }
        int[] budget = {BUDGET};
        return covers(start, filter, 0, budget, true);
    }

    /** One grant, and how many of its levels the topic explored so far has used. */
    private record Cursor(String[] grant, int at) {
        boolean ended() {
            return at == grant.length;
        }

        boolean atHash() {
            return at < grant.length && grant[at].equals("#");
        }
    }

    private static boolean covers(List<Cursor> cursors, String[] filter, int i, int[] budget, boolean top) {
        budget[0] -= 1 + cursors.size();
        if (budget[0] < 0) {
            return false;
        }
        for (Cursor c : cursors) {
            if (c.atHash()) {
                return true; // this grant matches every continuation of the topic explored so far
            }
        }
        if (i == filter.length) {
            return anyEnded(cursors); // the topic ends here: a grant must end here too
        }
        String level = filter[i];
        if (!level.equals("+") && !level.equals("#")) {
            return covers(advance(cursors, level), filter, i + 1, budget, false);
        }
        if (level.equals("#") && !top && !anyEnded(cursors)) {
            return false; // '#' matches the parent level itself: the topic may end here (a name has a level)
        }
        int next = level.equals("#") ? i : i + 1; // '#' goes on matching deeper levels
        for (String value : branches(cursors, top)) {
            if (!covers(advance(cursors, value), filter, next, budget, false)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values a wildcard level of the filter must be tried with: each literal a grant names at this point, and
     * null for "any other value" (matched by '+' grants only). At the top level a wildcard never takes a '$'
     * value [MQTT-4.7.2-1].
     */
    private static Set<String> branches(List<Cursor> cursors, boolean top) {
        Set<String> values = new LinkedHashSet<>();
        for (Cursor c : cursors) {
            if (!c.ended()) {
                String g = c.grant[c.at];
                if (!g.equals("+") && !(top && isDollar(g))) {
                    values.add(g);
                }
            }
        }
        values.add(null);
        return values;
    }

    /** The grants still matching after one more level with this value (null: a value no grant names). */
    private static List<Cursor> advance(List<Cursor> cursors, String value) {
        List<Cursor> out = new ArrayList<>(cursors.size());
        for (Cursor c : cursors) {
            if (!c.ended() && (c.grant[c.at].equals("+") || c.grant[c.at].equals(value))) {
                out.add(new Cursor(c.grant, c.at + 1));
            }
        }
        return out;
    }

    private static boolean anyEnded(List<Cursor> cursors) {
        for (Cursor c : cursors) {
            if (c.ended()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }

    private static boolean isDollar(String level) {
        return level.startsWith("$");
    }
}
