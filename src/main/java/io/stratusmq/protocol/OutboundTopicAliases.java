package io.stratusmq.protocol;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Topic aliases the broker uses toward one client, up to the client's Topic Alias Maximum [MQTT-3.3.2-8]: the
 * first PUBLISH on a topic carries topic and alias, later ones the alias alone. When all aliases are taken, the
 * least recently used one is given to the new topic. Lives as long as the connection [MQTT-3.3.2-7].
 * Owner-confined.
 */
final class OutboundTopicAliases {

    private final int maximum;
    private final LinkedHashMap<String, Integer> byTopic;

    OutboundTopicAliases(int maximum) {
        this.maximum = maximum;
        this.byTopic = new LinkedHashMap<>(Math.min(maximum, 64) * 2, 0.75f, true);
    }

    /**
     * The alias for a topic: positive when the client already knows it (send the alias alone), negative for a
     * mapping made now (send topic and alias).
     */
    int aliasFor(String topic) {
        Integer known = byTopic.get(topic);
        if (known != null) {
            return known;
        }
        int alias;
        if (byTopic.size() < maximum) {
            alias = byTopic.size() + 1;
        } else {
            Iterator<Map.Entry<String, Integer>> eldest = byTopic.entrySet().iterator();
            alias = eldest.next().getValue();
            eldest.remove();
        }
        byTopic.put(topic, alias);
        return -alias;
    }
}
