package io.stratusmq.routing;

import java.util.Objects;

/**
 * Rules for topic names, the topics that PUBLISH packets and wills are sent to. A topic name is kept as a
 * plain {@code String}: the hot path has no reason to wrap it.
 *
 * <p>Stateless; every method is safe to call from any thread.
 */
public final class TopicName {

    private TopicName() {
    }

    /**
     * Checks a topic name from a PUBLISH or a will. U+0000 and ill-formed UTF-8 are already rejected by the
     * codec [MQTT-4.7.3-2], and so are strings over 65,535 bytes [MQTT-4.7.3-3].
     *
     * @param maxLength the most UTF-8 bytes allowed, or 0 for no limit beyond the protocol's
     * @param maxLevels the most levels allowed ("a/b" has two, "/" has two), or 0 for no limit
     * @throws InvalidTopicException when the name is empty, holds a wildcard or breaks a limit
     */
    public static void validate(String topic, int maxLength, int maxLevels) throws InvalidTopicException {
        Objects.requireNonNull(topic, "topic");
        checkLimitArguments(maxLength, maxLevels);
        int n = topic.length();
        if (n == 0) {
            throw new InvalidTopicException("a topic name must be at least one character long [MQTT-4.7.3-1]");
        }
        int levels = 1;
        for (int i = 0; i < n; i++) {
            char c = topic.charAt(i);
            if (c == '/') {
                levels++;
            } else if (c == '+' || c == '#') {
                // [MQTT-3.3.2-2], [MQTT-4.7.1-1] wildcards belong in filters only
                throw new InvalidTopicException(
                        "a topic name must not contain the wildcard '" + c + "' [MQTT-3.3.2-2]");
            }
        }
        checkLimits("topic name", topic, levels, maxLength, maxLevels);
    }

    /**
     * True for a name that starts with '$', such as "$SYS/broker/uptime": by convention the server's own
     * (MQTT 5.0 section 4.7.2). A filter that starts with a wildcard does not match these [MQTT-4.7.2-1].
     */
    public static boolean isDollar(String topic) {
        return !topic.isEmpty() && topic.charAt(0) == '$';
    }

    static void checkLimitArguments(int maxLength, int maxLevels) {
        if (maxLength < 0 || maxLevels < 0) {
            throw new IllegalArgumentException(
                    "limits must be 0 (none) or positive: maxLength=" + maxLength + ", maxLevels=" + maxLevels);
        }
    }

    /** Shared by names and filters; {@code levels} is already counted by the caller's own scan. */
    static void checkLimits(String what, String text, int levels, int maxLength, int maxLevels)
            throws InvalidTopicException {
        if (maxLevels > 0 && levels > maxLevels) {
            throw new InvalidTopicException(
                    "the " + what + " has " + levels + " levels, more than the limit of " + maxLevels);
        }
        // A char takes at most three UTF-8 bytes, so text of up to maxLength / 3 chars needs no count.
        if (maxLength > 0 && text.length() > maxLength / 3) {
            int bytes = utf8Length(text);
            if (bytes > maxLength) {
                throw new InvalidTopicException(
                        "the " + what + " is " + bytes + " bytes long, more than the limit of " + maxLength);
            }
        }
    }

    /** Bytes the text takes in UTF-8; the codec has already rejected unpaired surrogates. */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for the two chars of the pair
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
