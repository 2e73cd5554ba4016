package io.stratusmq.routing;
public final class TopicFilter {
    public static TopicFilter parse(String text) throws InvalidTopicException { return null; }
    public String text() { return null; }
    public String filter() { return null; }
    public String shareName() { return null; }
    public boolean isShared() { return false; }
    public boolean hasWildcard() { return false; }
    public boolean matches(String topicName) { return false; }
}
