package io.stratusmq.routing;
public final class TopicName {
    public static void validate(String topic, int maxLength, int maxLevels) throws InvalidTopicException { }
    public static boolean isDollar(String topic) { return topic.startsWith("$"); }
}
