package io.stratusmq.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class MembersTest {

    private final Members<String, Integer> members = new Members<>();

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        members.forEach((k, v) -> keys.add(k));
        return keys;
    }

    @Test
    @DisplayName("members keep the order they joined; a replaced value keeps its place")
    void order() {
        members.put("a", 1);
        members.put("b", 2);
        members.put("c", 3);
        assertThat(members.put("b", 20)).isEqualTo(2);
        assertThat(keys()).containsExactly("a", "b", "c");
        assertThat(members.get("b")).isEqualTo(20);
        assertThat(members.size()).isEqualTo(3);
    }

    @Test
    @DisplayName("a reader's snapshot never shows a key twice, even when it leaves and comes back")
    void snapshotIsolation() {
        members.put("a", 1);
        members.put("b", 2);
        Members.Snapshot<String, Integer> before = members.snapshot();
        members.remove("a");
        members.put("a", 3); // goes beyond the old snapshot's end
        int seen = 0;
        for (int i = 0; i < before.end; i++) {
            if (before.slots[i] != null && before.slots[i].key.equals("a")) {
                seen++;
            }
        }
        assertThat(seen).isLessThanOrEqualTo(1);
        assertThat(keys()).containsExactly("b", "a");
    }

    @Test
    @DisplayName("the array grows when full and shrinks when three quarters holes, keeping order")
    void compaction() {
        for (int i = 0; i < 64; i++) {
            members.put("k" + i, i);
        }
        assertThat(members.capacity()).isEqualTo(64);
        for (int i = 0; i < 64; i++) {
            if (i % 8 != 0) {
                members.remove("k" + i);
            }
        }
        assertThat(members.size()).isEqualTo(8);
        assertThat(members.capacity()).isLessThanOrEqualTo(32);
        assertThat(keys()).containsExactly("k0", "k8", "k16", "k24", "k32", "k40", "k48", "k56");
        for (int i = 0; i < 64; i += 8) {
            assertThat(members.remove("k" + i)).isEqualTo(i);
        }
        assertThat(members.size()).isZero();
        assertThat(members.capacity()).isZero();
        assertThat(keys()).isEmpty();
    }

    @Test
    @DisplayName("a hash index is kept above the threshold and dropped well below it")
    void index() {
        for (int i = 0; i <= Members.INDEX_THRESHOLD; i++) {
            assertThat(members.indexed()).isFalse();
            members.put("k" + i, i);
        }
        assertThat(members.indexed()).isTrue();
        members.remove("k0");
        assertThat(members.indexed()).isTrue();
        for (int i = 1; i <= Members.INDEX_THRESHOLD / 2; i++) {
            members.remove("k" + i);
        }
        assertThat(members.indexed()).isFalse();
        assertThat(members.get("k8")).isEqualTo(8);
    }

    @Test
    @DisplayName("random puts and removes agree with a LinkedHashMap, through growth, holes and the index")
    void agreesWithMap() {
        Random random = new Random(1);
        Map<String, Integer> model = new LinkedHashMap<>();
        for (int step = 0; step < 50_000; step++) {
            String key = "k" + random.nextInt(step < 25_000 ? 200 : 6);
            if (random.nextInt(3) == 0) {
                assertThat(members.remove(key)).isEqualTo(model.remove(key));
            } else {
                Integer previous = model.containsKey(key) ? model.get(key) : null;
                assertThat(members.put(key, step)).isEqualTo(previous);
                model.put(key, step);
            }
            if (step % 97 == 0) {
                assertThat(keys()).containsExactlyElementsOf(model.keySet());
                assertThat(members.size()).isEqualTo(model.size());
            }
        }
        for (Map.Entry<String, Integer> e : model.entrySet()) {
            assertThat(members.get(e.getKey())).isEqualTo(e.getValue());
        }
    }

    @Test
    @Timeout(60)
    @DisplayName("a reader never sees a key twice, nor misses an untouched one, while others leave and rejoin")
    void concurrentScan() throws InterruptedException {
        members.put("stable", -1);
        AtomicBoolean writing = new AtomicBoolean(true);
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        Thread writer = new Thread(() -> {
            Random random = new Random(5);
            for (int i = 0; i < 300_000; i++) {
                String key = "k" + random.nextInt(20);
                if (members.remove(key) == null) {
                    members.put(key, i);
                }
            }
            writing.set(false);
        });
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                Map<String, Integer> seen = new HashMap<>();
                members.forEach((k, v) -> seen.merge(k, 1, Integer::sum));
                seen.forEach((k, n) -> {
                    if (n > 1) {
                        failures.add(k + " seen " + n + " times");
                    }
                });
                if (!seen.containsKey("stable")) {
                    failures.add("stable missed");
                }
            }
        });
        writer.start();
        reader.start();
        writer.join();
        reader.join();
        assertThat(failures).isEmpty();
        assertThat(members.get("stable")).isEqualTo(-1);
    }

    @Test
    @DisplayName("entries handed out are read-only")
    void readOnlyEntries() {
        members.put("a", 1);
        Members.Entry<String, Integer> e = members.snapshot().slots[0];
        assertThat(e).isEqualTo(Map.entry("a", 1)).hasSameHashCodeAs(Map.entry("a", 1)).hasToString("a=1");
        assertThatThrownBy(() -> e.setValue(2)).isInstanceOf(UnsupportedOperationException.class);
    }
}
