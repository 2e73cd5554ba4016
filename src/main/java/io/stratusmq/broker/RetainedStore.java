package io.stratusmq.broker;

import io.stratusmq.routing.TopicFilter;
import io.stratusmq.session.Message;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Retained messages, one per topic [MQTT-3.3.1-5]. The in-memory store completes at once; a cluster store
 * completes when its backend answers. Thread-safe.
 */
public interface RetainedStore {

    /** Stores the message as its topic's retained message, or clears the topic for an empty payload [MQTT-3.3.1-6]. */
    CompletionStage<Void> set(Message message);

    /** The retained messages whose topics the filter matches, expired ones left out. */
    CompletionStage<List<Message>> match(TopicFilter filter);

    /** How many topics hold a retained message. */
    long count();
}
