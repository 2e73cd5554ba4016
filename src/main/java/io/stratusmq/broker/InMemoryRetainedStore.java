package io.stratusmq.broker;

import io.stratusmq.routing.TopicFilter;
import io.stratusmq.routing.TopicTree;
import io.stratusmq.session.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/** Retained messages of a single node, in a topic tree so that wildcard filters do not scan every topic. */
public final class InMemoryRetainedStore implements RetainedStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final TopicTree<Message> tree = new TopicTree<>();
    private final LongSupplier clock;

    public InMemoryRetainedStore(LongSupplier clockMillis) {
        this.clock = clockMillis;
    }

    @Override
    public CompletionStage<Void> set(Message message) {
        if (message.payload().length == 0) {
            tree.remove(message.topic());
        } else {
            tree.put(message.topic(), message);
        }
        return DONE;
    }

    @Override
    public CompletionStage<List<Message>> match(TopicFilter filter) {
        long now = clock.getAsLong();
        List<Message> out = new ArrayList<>();
        List<String> expired = new ArrayList<>(0);
        tree.match(filter, (topic, m) -> {
            if (m.isExpired(now)) {
                expired.add(topic);
            } else {
                out.add(m);
            }
        });
        for (String topic : expired) {
            tree.remove(topic);
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public long count() {
        return tree.size();
    }
}
