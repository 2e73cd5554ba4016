package io.stratusmq.loadtest.engine;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A random identity per run. Its hex form goes into client ids and topic names; its numeric form into every
 * payload, so a run never counts messages left over from another run (or another tool) as its own.
 */
public record RunIdentity(int token) {

    public static RunIdentity random() {
        return new RunIdentity(ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    /** Eight hex digits. */
    public String id() {
        return String.format("%08x", token);
    }
}
