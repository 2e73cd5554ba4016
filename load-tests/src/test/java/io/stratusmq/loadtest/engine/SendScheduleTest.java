package io.stratusmq.loadtest.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SendScheduleTest {

    @Test
    void pacedTimesDoNotDrift() {
        SendSchedule schedule = SendSchedule.paced(1_000, 3_000); // 333,333.3 ns apart
        for (int i = 0; i < 3_000; i++) {
            schedule.advance();
        }
        assertEquals(1_000 + 1_000_000_000L, schedule.nextNanos());
    }

    @Test
    void unpacedScheduleHasNoIntendedTimes() {
        SendSchedule schedule = SendSchedule.unpaced(5);
        assertFalse(schedule.isPaced());
        schedule.advance();
        assertEquals(5, schedule.nextNanos());
    }
}
