package io.stratusmq.cluster;

/** Which shared subscriptions have members on this node, so that their streams are read here. */
interface SharedConsumers {

    void memberAdded(String shareName, String filter);

    void memberRemoved(String shareName, String filter);
}
