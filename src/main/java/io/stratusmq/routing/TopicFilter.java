package io.stratusmq.routing;

import java.util.Objects;

/**
 * A parsed and validated topic filter from a SUBSCRIBE or UNSUBSCRIBE. A shared subscription
 * "$share/{ShareName}/{filter}" [MQTT-4.8.2] is split into its share name and the filter that is matched.
 * Any filter whose first level is exactly "$share" is parsed as a shared subscription, whatever the protocol
 * version, as Mosquitto and EMQX do; the protocol layer decides whether a 3.1.1 client may use one.
 *
 * <p>Equality and hash code are those of the text as the client wrote it, so "$share/g/a" and "a" differ.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class TopicFilter {

    private static final String SHARE_PREFIX = "$share";

    private final String text;
    private final String filter;
    private final String shareName;
    /** The levels of {@link #filter}, read by the trie and the tree; never handed out or changed. */
    private final String[] levels;
    private final boolean wildcard;

    private TopicFilter(String text, String filter, String shareName, String[] levels, boolean wildcard) {
        this.text = text;
        this.filter = filter;
        this.shareName = shareName;
        this.levels = levels;
        this.wildcard = wildcard;
    }

    /** Parses a filter with no limit beyond the protocol's; see {@link #parse(String, int, int)}. */
    public static TopicFilter parse(String text) throws InvalidTopicException {
        return parse(text, 0, 0);
    }

    /**
     * Parses and validates a topic filter.
     *
     * @param maxLength the most UTF-8 bytes the whole text may take, or 0 for no limit beyond the protocol's
     * @param maxLevels the most levels {@link #filter()} may have, or 0 for no limit
     * @throws InvalidTopicException naming the broken rule
     */
    public static TopicFilter parse(String text, int maxLength, int maxLevels) throws InvalidTopicException {
        Objects.requireNonNull(text, "text");
        TopicName.checkLimitArguments(maxLength, maxLevels);
        if (text.isEmpty()) {
            throw new InvalidTopicException("a topic filter must be at least one character long [MQTT-4.7.3-1]");
        }
        String shareName = null;
        String filter = text;
        if (text.startsWith(SHARE_PREFIX)
                && (text.length() == SHARE_PREFIX.length() || text.charAt(SHARE_PREFIX.length()) == '/')) {
            int nameStart = SHARE_PREFIX.length() + 1;
            int slash = nameStart > text.length() ? -1 : text.indexOf('/', nameStart);
            if (nameStart >= text.length() || slash == nameStart) {
                throw new InvalidTopicException(
                        "a shared subscription needs a share name of at least one character [MQTT-4.8.2-1]");
            }
            if (slash < 0) {
                throw new InvalidTopicException(
                        "the share name must be followed by '/' and a topic filter [MQTT-4.8.2-2]");
            }
            shareName = text.substring(nameStart, slash);
            if (shareName.indexOf('+') >= 0 || shareName.indexOf('#') >= 0) {
                throw new InvalidTopicException(
                        "the share name must not contain '/', '+' or '#' [MQTT-4.8.2-2]");
            }
            filter = text.substring(slash + 1);
            if (filter.isEmpty()) {
                throw new InvalidTopicException(
                        "the share name must be followed by '/' and a topic filter [MQTT-4.8.2-2]");
            }
        }
        String[] levels = split(filter);
        boolean wildcard = false;
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.indexOf('#') >= 0) {
                // [MQTT-4.7.1-2] '#' on its own in the last level
                if (level.length() != 1 || i != levels.length - 1) {
                    throw new InvalidTopicException(
                            "'#' must be alone in the last level of a topic filter [MQTT-4.7.1-2]");
                }
                wildcard = true;
            } else if (level.indexOf('+') >= 0) {
                // [MQTT-4.7.1-3] '+' occupies an entire level
                if (level.length() != 1) {
                    throw new InvalidTopicException(
                            "'+' must occupy an entire level of a topic filter [MQTT-4.7.1-3]");
                }
                wildcard = true;
            }
        }
        TopicName.checkLimits("topic filter", text, levels.length, maxLength, maxLevels);
        return new TopicFilter(text, filter, shareName, levels, wildcard);
    }

    /** The filter as the client wrote it, e.g. "$share/g/a/+". */
    public String text() {
        return text;
    }

    /** The part that is matched against topic names: "a/+" for "$share/g/a/+", the whole text otherwise. */
    public String filter() {
        return filter;
    }

    /** "g" for "$share/g/a/+"; null for a filter that is not shared. */
    public String shareName() {
        return shareName;
    }

    public boolean isShared() {
        return shareName != null;
    }

    /** True when {@link #filter()} holds '+' or '#'. */
    public boolean hasWildcard() {
        return wildcard;
    }

    /** The number of levels in {@link #filter()}: "a/+" has two, "/" has two, "#" has one. */
    public int levelCount() {
        return levels.length;
    }

    String level(int i) {
        return levels[i];
    }

    /**
     * True when {@link #filter()} matches the topic name: '+' matches exactly one level, empty ones included;
     * '#' matches the parent level and any number below it; a filter that starts with a wildcard does not
     * match a name that starts with '$' [MQTT-4.7.2-1]. Levels compare exactly, case included [MQTT-4.7.3-4].
     * Allocates nothing.
     */
    public boolean matches(String topicName) {
        int n = topicName.length();
        if (n == 0) {
            return false; // [MQTT-4.7.3-1] not a topic name
        }
        if (topicName.charAt(0) == '$' && isWildcard(levels[0])) {
            return false; // [MQTT-4.7.2-1]
        }
        int pos = 0; // start of the next topic level; n + 1 once every level is consumed
        for (String level : levels) {
            if (level.equals("#")) {
                return true; // [MQTT-4.7.1-2] the parent and any number of child levels
            }
            if (pos > n) {
                return false; // the filter has more levels than the name
            }
            int end = topicName.indexOf('/', pos);
            if (end < 0) {
                end = n;
            }
            if (!level.equals("+")
                    && (level.length() != end - pos || !topicName.regionMatches(pos, level, 0, level.length()))) {
                return false;
            }
            pos = end + 1;
        }
        return pos == n + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopicFilter other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }

    /** Splits on '/', keeping empty levels at both ends ("/a/" has three); no regex, unlike String.split. */
    private static String[] split(String s) {
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
}
