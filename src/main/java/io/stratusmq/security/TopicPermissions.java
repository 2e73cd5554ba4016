package io.stratusmq.security;

import io.stratusmq.routing.InvalidTopicException;
import io.stratusmq.routing.TopicFilter;
import java.util.ArrayList;
import java.util.List;

/**
 * What one client may do with topics, compiled from the rules that apply to it (no {@code %u}/{@code %c} left).
 *
 * <ul>
 * <li>Publish to a topic name: no {@code deny} rule matches it and a {@code write} or {@code readwrite} rule
 * does (Mosquitto: "deny topics are handled before topics that grant read/write access").
 * <li>Receive a message: the same with {@code read} or {@code readwrite}.
 * <li>Subscribe to a filter: every topic name the filter can match is readable, that is, the filter overlaps no
 * {@code deny} rule and the readable rules together cover it ({@link FilterCoverage}). With {@code read a/#}:
 * {@code a/+}, {@code a/#} and {@code a} are allowed, {@code #} and {@code +/b} are refused. With
 * {@code readwrite #} and {@code deny a/secret}: {@code b/#} is allowed, {@code #} and {@code a/+} are refused.
 * Mosquitto accepts any such subscription and filters at delivery; here it is refused with SUBACK 0x87 / 0x80.
 * </ul>
 *
 * Further restrictions (a token's topic claims) are joined with {@link #and}: both must allow.
 *
 * <p>Immutable; thread-safe. {@link #mayRead} and {@link #mayWrite} run per message and allocate nothing.
 */
public final class TopicPermissions {

    /** No restriction at all: what a client gets when no ACL is configured. */
    public static final TopicPermissions ALL = new TopicPermissions(true, List.of(), null);

    /** Nothing allowed. */
    public static final TopicPermissions NONE = new TopicPermissions(false, List.of(), null);

    private final boolean all;
    private final TopicFilter[] denies;
    private final TopicFilter[] reads;
    private final TopicFilter[] writes;
    private final List<String[]> denyLevels;
    private final List<String[]> readLevels;
    private final TopicPermissions also;

    private TopicPermissions(boolean all, List<AclRule> rules, TopicPermissions also) {
        this.all = all;
        this.also = also;
        List<TopicFilter> d = new ArrayList<>();
        List<TopicFilter> r = new ArrayList<>();
        List<TopicFilter> w = new ArrayList<>();
        List<String[]> dl = new ArrayList<>();
        List<String[]> rl = new ArrayList<>();
        for (AclRule rule : rules) {
            if (rule.pattern()) {
                throw new IllegalArgumentException("substitute the pattern first: " + rule);
            }
            TopicFilter f = parse(rule.filter());
            String[] levels = FilterCoverage.levels(rule.filter());
            if (rule.access() == Access.DENY) {
                d.add(f);
                dl.add(levels);
            }
            if (rule.access().allowsRead()) {
                r.add(f);
                rl.add(levels);
            }
            if (rule.access().allowsWrite()) {
                w.add(f);
            }
        }
        this.denies = d.toArray(TopicFilter[]::new);
        this.reads = r.toArray(TopicFilter[]::new);
        this.writes = w.toArray(TopicFilter[]::new);
        this.denyLevels = List.copyOf(dl);
        this.readLevels = List.copyOf(rl);
    }

    /**
     * Compiles rules for one client.
     *
     * @throws IllegalArgumentException when a rule is still a pattern or its filter is not valid
     */
    public static TopicPermissions of(List<AclRule> rules) {
        return new TopicPermissions(false, rules, null);
    }

    /** Allowed only what both allow. */
    public TopicPermissions and(TopicPermissions other) {
        if (other == null || other == ALL) {
            return this;
        }
        if (this == ALL) {
            return other;
        }
        return new TopicPermissions(this, also == null ? other : also.and(other));
    }

    public boolean mayWrite(String topic) {
        return (all || (!anyMatch(denies, topic) && anyMatch(writes, topic)))
                && (also == null || also.mayWrite(topic));
    }

    public boolean mayRead(String topic) {
        return (all || (!anyMatch(denies, topic) && anyMatch(reads, topic)))
                && (also == null || also.mayRead(topic));
    }

    /** True when every topic name the filter (without any $share prefix) can match is readable. */
    public boolean maySubscribe(String filter) {
        if (!all) {
            String[] levels = FilterCoverage.levels(filter);
            for (String[] deny : denyLevels) {
                if (FilterCoverage.overlaps(deny, levels)) {
                    return false;
                }
            }
            if (!FilterCoverage.covers(readLevels, levels)) {
                return false;
            }
        }
        return also == null || also.maySubscribe(filter);
    }

    private static boolean anyMatch(TopicFilter[] filters, String topic) {
        for (TopicFilter f : filters) {
            if (f.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    private static TopicFilter parse(String filter) {
        TopicFilter parsed;
        try {
            parsed = TopicFilter.parse(filter);
        } catch (InvalidTopicException e) {
            throw new IllegalArgumentException("'" + filter + "': " + e.getMessage(), e);
        }
        if (parsed.isShared()) {
            // decisions are about the filter after $share/{group}/, so a rule naming $share could never apply
            throw new IllegalArgumentException("'" + filter + "': a rule cannot start with $share");
        }
        return parsed;
    }

    /** The same compiled rules, with another restriction behind them. */
    private TopicPermissions(TopicPermissions rulesOf, TopicPermissions also) {
        this.all = rulesOf.all;
        this.denies = rulesOf.denies;
        this.reads = rulesOf.reads;
        this.writes = rulesOf.writes;
        this.denyLevels = rulesOf.denyLevels;
        this.readLevels = rulesOf.readLevels;
        this.also = also;
    }
}
