package io.stratusmq.cluster;

/**
 * The Lua scripts of the session store. Each touches keys of one session only (one hash tag), so each is atomic
 * in Redis Cluster too. Scripts never raise errors: a failed command in a pipelined batch would fail the whole
 * batch, so they report outcomes as return values.
 */
final class Scripts {

    private Scripts() {
    }

    /**
     * Queues a message for a session. KEYS: session, msgs, queue. ARGV: message id, encoded delivery, queue limit
     * (0 = none), the accepting node's incarnation and the message's number there, late (1: a QoS 0 message that
     * reached the session's old node as the session left it, and so took a longer way than those published after
     * it). The session hash keeps the highest number queued from each incarnation ({@code from:<origin>}). Returns
     * {1, owner} when queued, {0, owner} when it was queued before, {2, ""} when the queue is full, {3, ""} when
     * the session has ended (a route not withdrawn yet): nothing is left behind for a later session of the same
     * client id; {4, ""} when late and a message accepted after it on the same node is queued already: queuing it
     * would break publish order [MQTT-4.6.0-6], so it is dropped, as QoS 0 allows.
     */
    static final String ENQUEUE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {3, ''} end
            local owner = redis.call('HGET', KEYS[1], 'owner') or ''
            if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return {0, owner} end
            local origin = 'from:' .. ARGV[4]
            local number = tonumber(ARGV[5])
            local last = tonumber(redis.call('HGET', KEYS[1], origin) or '-1')
            if ARGV[6] == '1' and last > number then return {4, ''} end
            local limit = tonumber(ARGV[3])
            if limit > 0 and redis.call('ZCARD', KEYS[3]) >= limit then return {2, ''} end
            local seq = redis.call('HINCRBY', KEYS[1], 'qseq', 1)
            redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
            redis.call('ZADD', KEYS[3], seq, ARGV[1])
            if number > last then redis.call('HSET', KEYS[1], origin, ARGV[5]) end
            return {1, owner}
            """;

    /**
     * Messages queued after a position, in order. KEYS: queue, msgs. ARGV: after (exclusive), max. Returns a flat
     * list of id, position, encoded delivery.
     */
    static final String FETCH = """
            local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. ARGV[1], '+inf', 'WITHSCORES', 'LIMIT', 0, ARGV[2])
            local out = {}
            for i = 1, #ids, 2 do
              local v = redis.call('HGET', KEYS[2], ids[i])
              if v then
                out[#out + 1] = ids[i]
                out[#out + 1] = ids[i + 1]
                out[#out + 1] = v
              end
            end
            return out
            """;

    /** The client has a message for good. KEYS: msgs, queue, inflight. ARGV: message id. */
    static final String COMPLETE = """
            redis.call('HDEL', KEYS[1], ARGV[1])
            redis.call('ZREM', KEYS[2], ARGV[1])
            redis.call('HDEL', KEYS[3], ARGV[1])
            return 1
            """;

    /**
     * Claims a client id for a connection. KEYS: session, takeovers. ARGV: node, connection id, takeovers allowed
     * per second. Returns {previous node, previous connection} or {"busy"}.
     */
    static final String CLAIM = """
            local n = redis.call('INCR', KEYS[2])
            if n == 1 then redis.call('PEXPIRE', KEYS[2], 1000) end
            if n > tonumber(ARGV[3]) then return {'busy'} end
            local owner = redis.call('HGET', KEYS[1], 'owner') or ''
            local conn = redis.call('HGET', KEYS[1], 'conn') or ''
            redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'conn', ARGV[2])
            return {owner, conn}
            """;

    /**
     * Records the connection that now owns the session, with its expiry and will. KEYS: session. ARGV: connection
     * id, expiry seconds, durable (1/0), will (empty for none), will delay seconds. Returns 0 when another
     * connection claimed the session meanwhile.
     */
    static final String CONNECTED = """
            if redis.call('HGET', KEYS[1], 'conn') ~= ARGV[1] then return 0 end
            redis.call('HSET', KEYS[1], 'expiry', ARGV[2], 'durable', ARGV[3])
            if ARGV[4] == '' then
              redis.call('HDEL', KEYS[1], 'will', 'willDelay')
            else
              redis.call('HSET', KEYS[1], 'will', ARGV[4], 'willDelay', ARGV[5])
            end
            return 1
            """;

    /**
     * A durable session's connection went away. KEYS: session. ARGV: connection id, will (empty for none), will
     * delay seconds. Returns {1, expiry} when this connection still owned it.
     */
    static final String OFFLINE = """
            if redis.call('HGET', KEYS[1], 'conn') ~= ARGV[1] then return {0, 0} end
            redis.call('HSET', KEYS[1], 'owner', '', 'conn', '')
            if ARGV[2] == '' then
              redis.call('HDEL', KEYS[1], 'will', 'willDelay')
            else
              redis.call('HSET', KEYS[1], 'will', ARGV[2], 'willDelay', ARGV[3])
            end
            return {1, redis.call('HGET', KEYS[1], 'expiry') or '0'}
            """;

    /**
     * Takes the session's will if it is still there, so that exactly one node publishes it. KEYS: session.
     * Returns the encoded will or false.
     */
    static final String TAKE_WILL = """
            local w = redis.call('HGET', KEYS[1], 'will')
            if w then redis.call('HDEL', KEYS[1], 'will', 'willDelay') end
            return w
            """;

    /**
     * Settles a session a dead node owned, unless the client connected elsewhere meanwhile. A durable session goes
     * offline (its expiry and will are then scheduled by the caller); a non-durable one ends here, handing back
     * its will, so that a client reconnecting at the same moment keeps its new session and its new will. KEYS:
     * session. ARGV: the dead node. Returns nil when another node owns the session, else {durable (1/0), expiry
     * seconds, will delay seconds, has will (1/0), will of a non-durable session or ""}.
     */
    static final String SETTLE = """
            if redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then return false end
            local h = redis.call('HMGET', KEYS[1], 'durable', 'expiry', 'willDelay', 'will')
            if h[1] == '1' then
              redis.call('HSET', KEYS[1], 'owner', '', 'conn', '')
              return {1, h[2] or '0', h[3] or '0', h[4] and 1 or 0, ''}
            end
            redis.call('DEL', KEYS[1])
            return {0, '0', '0', h[4] and 1 or 0, h[4] or ''}
            """;

    /**
     * A non-durable session's connection ended: forget it unless another connection claimed it. KEYS: session.
     * ARGV: connection id.
     */
    static final String GONE = """
            if redis.call('HGET', KEYS[1], 'conn') ~= ARGV[1] then return 0 end
            if redis.call('HGET', KEYS[1], 'durable') == '1' then return 0 end
            redis.call('DEL', KEYS[1])
            return 1
            """;

    /**
     * Ends a session for good and returns its subscription filters, so the durable routes can be withdrawn.
     * KEYS: session, subs, msgs, queue, inflight, qos2in. ARGV: the connection that must own the session, or
     * "*offline" when nobody may (expiry); then "1" to keep the ownership (Clean Start discarding the old
     * session for the connection that claimed it). Returns nil when the condition does not hold.
     */
    static final String END = """
            local owner = redis.call('HGET', KEYS[1], 'owner') or ''
            local conn = redis.call('HGET', KEYS[1], 'conn') or ''
            if ARGV[1] == '*offline' then
              if owner ~= '' then return false end
            elseif conn ~= ARGV[1] then
              return false
            end
            local filters = redis.call('HKEYS', KEYS[2])
            redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
            if ARGV[2] == '1' then redis.call('HSET', KEYS[1], 'owner', owner, 'conn', conn) end
            return filters
            """;

    /**
     * Creates a stream and its consumer group unless the group exists (XGROUP CREATE ... 0 MKSTREAM, with
     * BUSYGROUP taken as done). A script, so that the client routes it by its key on Redis Cluster. KEYS: stream.
     * ARGV: group. Returns 1, or the error of any other failure.
     */
    static final String CREATE_GROUP = """
            local r = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
            if type(r) == 'table' and r.err and not string.find(r.err, 'BUSYGROUP') then return r end
            return 1
            """;

    /**
     * The last ID a stream ever generated (XINFO STREAM's last-generated-id), or nil when there is no such
     * stream (asked first: an error reply, even one a script catches, would count in Redis's error statistics).
     * A script, so that the client routes it by its key on Redis Cluster. KEYS: stream.
     */
    static final String LAST_GENERATED_ID = """
            if redis.call('TYPE', KEYS[1]).ok ~= 'stream' then return false end
            local info = redis.call('XINFO', 'STREAM', KEYS[1])
            for i = 1, #info, 2 do
              if info[i] == 'last-generated-id' then return info[i + 1] end
            end
            return false
            """;
}
