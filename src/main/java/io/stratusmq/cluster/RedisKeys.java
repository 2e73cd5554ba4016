package io.stratusmq.cluster;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.nio.charset.StandardCharsets;

/**
 * Every Redis key and channel the cluster uses (see README, "Redis data model"). Keys of one session share the
 * hash tag {clientId} and keys of one node the tag {nodeId}, so that what a Lua script touches at once lives in
 * one Redis Cluster slot; the streams of shared subscriptions share one tag, so that one blocking read covers
 * them all; the retained hash, its sequence and its channel share one, so that their changes stay in order.
 *
 * <p>On Redis Cluster every channel is a sharded channel (SSUBSCRIBE / SPUBLISH): a message for a node travels to
 * the one shard that serves its slot instead of to every shard, and the messages one node publishes on a channel
 * arrive in the order it sent them (plain PUBLISH may enter the cluster through any shard, which would reorder
 * them). Pure functions.
 */
final class RedisKeys {

    /** The hash tag of every shared subscription stream and of each node's wake stream. */
    private static final String SHARED_TAG = "{$share}";

    private final String p;
    private final boolean sharded;

    /** @param sharded Redis Cluster: node channels are sharded channels */
    RedisKeys(String prefix, boolean sharded) {
        this.p = prefix;
        this.sharded = sharded;
    }

    /** Channels are sharded channels (Redis Cluster). */
    boolean sharded() {
        return sharded;
    }

    /** A publish to {@code channel}: SPUBLISH on Redis Cluster, else PUBLISH; the caller adds the payload. */
    Request publish(String channel) {
        return Request.cmd(sharded ? Command.SPUBLISH : Command.PUBLISH).arg(channel);
    }

    /** A publish to node {@code node}'s channel; the caller adds the payload. */
    Request toNode(String node) {
        return publish(nodeChannel(node));
    }

    /** HASH nodeId -> incarnation: every node that joined and has not left (or been cleaned up after). */
    String nodes() {
        return p + ":nodes";
    }

    /** STRING with a TTL, renewed by the node's heartbeat: its liveness. */
    String alive(String node) {
        return p + ":node:{" + node + "}:alive";
    }

    /** SET of the topic filters this node has local subscribers for. */
    String routes(String node) {
        return p + ":node:{" + node + "}:routes";
    }

    /** SET of client ids whose sessions (persistent, or with a will) this node hosts. */
    String hosted(String node) {
        return p + ":node:{" + node + "}:sessions";
    }

    /** STREAM of QoS 1/2 message batches for this node, durable until the node has delivered them. */
    String inbox(String node) {
        return p + ":node:{" + node + "}:inbox";
    }

    /** STRING lock taken by the survivor that cleans up after a dead node. */
    String cleanup(String node) {
        return p + ":node:{" + node + "}:cleanup";
    }

    /** Pub/sub channel of one node: QoS 0 message batches and control messages. */
    String nodeChannel(String node) {
        return p + ":node:{" + node + "}";
    }

    /** Pub/sub channel of route changes, heard by every node. */
    String routeChannel() {
        return p + ":routes";
    }

    /** HASH topic -> encoded retained message. */
    String retained() {
        return p + ":{retained}";
    }

    /** STRING counter bumped by every retained change, so a node can tell its topic index is current. */
    String retainedSeq() {
        return p + ":{retained}:seq";
    }

    /** Pub/sub channel of retained topic changes ("+topic" / "-topic" with the sequence number). */
    String retainedChannel() {
        return p + ":{retained}:events";
    }

    /** HASH of one session: owner node and connection, expiry, durable flag, will and its delay, queue sequence. */
    String session(String clientId) {
        return p + ":session:{" + clientId + "}";
    }

    /** HASH filter -> encoded subscription options. */
    String subscriptions(String clientId) {
        return session(clientId) + ":subs";
    }

    /** HASH message id -> encoded delivery: the session's queued and in-flight messages. */
    String messages(String clientId) {
        return session(clientId) + ":msgs";
    }

    /** ZSET of message ids scored by their queue sequence (the session hash counts it in "qseq"). */
    String queue(String clientId) {
        return session(clientId) + ":queue";
    }

    /** HASH message id -> packet id, with "r" appended once PUBREC came. */
    String inflight(String clientId) {
        return session(clientId) + ":inflight";
    }

    /** SET of packet ids of QoS 2 publishes from the client awaiting PUBREL. */
    String inboundQos2(String clientId) {
        return session(clientId) + ":qos2in";
    }

    /** STRING counter with a one-second TTL: takeovers of this client id, against flapping. */
    String takeovers(String clientId) {
        return session(clientId) + ":takeovers";
    }

    /** SET of client ids of persistent sessions that have subscriptions: where durable routes are loaded from. */
    String durableSessions() {
        return p + ":durable";
    }

    /** ZSET client id -> time an offline persistent session expires. */
    String expiries() {
        return p + ":expiries";
    }

    /** ZSET client id -> time a delayed will is due. */
    String wills() {
        return p + ":wills";
    }

    /** STREAM of one shared subscription ($share/group/filter); consumer group "nodes". */
    String shared(String shareName, String filter) {
        return p + ":shared:" + SHARED_TAG + ":" + shareName + "/" + filter;
    }

    /**
     * STREAM, group "nodes", that wakes this node's blocked read of the shared streams (an entry is added when
     * the node gains a shared subscription's first member, so that the next read covers its stream). It shares
     * the shared streams' slot, so one read covers both.
     */
    String wake(String node) {
        return p + ":shared:" + SHARED_TAG + ":wake:" + node;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
