package io.stratusmq.loadtest.engine;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InflightWindowTest {

    @Test
    void mapsPacketIdsToSequencesUpToCapacity() {
        InflightWindow window = new InflightWindow(2);
        int a = window.acquire(10);
        int b = window.acquire(11);
        assertTrue(window.isFull());
        assertThrows(IllegalStateException.class, () -> window.acquire(12));
        assertEquals(10, window.sequenceOf(a));
        assertEquals(11, window.release(b));
        assertEquals(-1, window.release(b), "second release of the same id");
        assertEquals(1, window.size());
    }

    @Test
    void wrapsAroundAndSkipsIdsStillInFlight() {
        InflightWindow window = new InflightWindow(3);
        int stuck = window.acquire(0);
        Set<Integer> seen = new HashSet<>();
        for (long seq = 1; seq < 200_000; seq++) {
            int id = window.acquire(seq);
            assertTrue(id >= 1 && id <= 65_535);
            assertTrue(id != stuck, "id still in flight was reused");
            seen.add(id);
            assertEquals(seq, window.release(id));
        }
        assertEquals(65_534, seen.size());
        assertEquals(0, window.sequenceOf(stuck));
    }
}
