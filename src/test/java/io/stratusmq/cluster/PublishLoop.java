package io.stratusmq.cluster;

import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntUnaryOperator;

/**
 * Traffic for the failure tests: one client publishes numbered messages without pause, a bounded number
 * unanswered at a time, and records the broker's answer to each: its reason code and when it came.
 */
final class PublishLoop implements AutoCloseable {

    /** The broker's answer to one publish. */
    record Outcome(String payload, int qos, int code, long atNanos) {
        boolean accepted() {
            return code == 0;
        }

        boolean refused() {
            return code >= 0x80;
        }
    }

    private final Mqtt5AsyncClient client;
    private final String topic;
    private final String prefix;
    private final IntUnaryOperator qosOf;
    private final Semaphore window = new Semaphore(8);
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> sent = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable firstError;
    private volatile boolean backOff;

    /** @param qosOf the QoS of message number i */
    PublishLoop(Mqtt5AsyncClient client, String topic, String prefix, IntUnaryOperator qosOf) {
        this.client = client;
        this.topic = topic;
        this.prefix = prefix;
        this.qosOf = qosOf;
        this.thread = new Thread(this::run, "publish-loop-" + prefix);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        for (int i = 0; running; i++) {
            try {
                if (!window.tryAcquire(1, TimeUnit.SECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                return;
            }
            if (backOff) { // as a client would after a refusal, rather than spin
                backOff = false;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            String payload = prefix + i;
            int qos = qosOf.applyAsInt(i);
            sent.add(payload);
            try {
                Publishes.send(client, topic, payload, qos).whenComplete((r, e) -> {
                    if (e != null && firstError == null) {
                        firstError = e;
                    } else if (e == null && r.getError().isPresent() && firstError == null) {
                        firstError = r.getError().get();
                    }
                    int code = e != null ? Publishes.reasonCode(e) : Publishes.reasonCode(r);
                    outcomes.put(payload, new Outcome(payload, qos, code, System.nanoTime()));
                    if (code != 0) {
                        backOff = true;
                    }
                    window.release();
                });
            } catch (RuntimeException e) {
                outcomes.put(payload, new Outcome(payload, qos, Publishes.NO_ANSWER, System.nanoTime()));
                window.release();
            }
        }
    }

    /** Messages the broker accepted (PUBACK / PUBREC with reason 0x00). */
    List<Outcome> accepted() {
        return outcomes.values().stream().filter(Outcome::accepted).toList();
    }

    List<String> acceptedPayloads() {
        return accepted().stream().map(Outcome::payload).toList();
    }

    /** Messages the broker refused with a reason code of 0x80 or above. */
    List<Outcome> refused() {
        return outcomes.values().stream().filter(Outcome::refused).toList();
    }

    List<Outcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    int acceptedCount() {
        return (int) outcomes.values().stream().filter(Outcome::accepted).count();
    }

    /** Answers so far by reason code, and how many are still unanswered, for failure messages. */
    String summary() {
        Map<Integer, Long> byCode = outcomes.values().stream()
                .collect(java.util.stream.Collectors.groupingBy(Outcome::code, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        return prefix + " publishes: " + sent.size() + " sent, answers by reason code " + byCode + ", "
                + (sent.size() - outcomes.size()) + " unanswered" + (firstError == null ? "" : ", first error " + firstError);
    }

    /** Stops publishing and waits (bounded) for the answers still outstanding. */
    void stop() {
        running = false;
        try {
            thread.join(5000);
            window.tryAcquire(8, 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
