package io.stratusmq.protocol;

/**
 * A token bucket: {@code rate} tokens per second up to {@code capacity}, each admitted event takes one. Times
 * are the caller's clock in milliseconds, so tests and timers agree.
 *
 * <p>Not thread-safe: owned by one connection, or guarded by the map entry that holds it.
 */
final class TokenBucket {

    private final double ratePerMilli;
    private final double capacity;
    private double tokens;
    private long lastMillis;

    /** A full bucket. @param capacity at least 1 */
    TokenBucket(double ratePerSecond, int capacity, long nowMillis) {
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.capacity = Math.max(1, capacity);
        this.tokens = this.capacity;
        this.lastMillis = nowMillis;
    }

    /** Takes a token if one is there. */
    boolean tryTake(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Milliseconds until a token is there (0 when one is), at least 1 otherwise. */
    long millisUntilToken(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1) {
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / ratePerMilli));
    }

    /** True when the bucket has been full again for a while: it can be forgotten. */
    boolean isIdle(long nowMillis) {
        return tokens + Math.max(0, nowMillis - lastMillis) * ratePerMilli >= capacity; // reads only
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - lastMillis;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * ratePerMilli);
            lastMillis = nowMillis;
        }
    }
}
