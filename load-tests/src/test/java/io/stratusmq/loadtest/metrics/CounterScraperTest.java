package io.stratusmq.loadtest.metrics;

import org.junit.jupiter.api.Test;

import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CounterScraperTest {
    private static final String NAME = CounterScraper.REDIS_COMMANDS;

    @Test
    void sumsEverySeriesOfTheCounter() {
        String text = """
                # HELP stratus_redis_commands_total Commands sent to Redis
                # TYPE stratus_redis_commands_total counter
                stratus_redis_commands_total{node="a b}c"} 1.5E3
                stratus_redis_commands_total 250.0 1700000000000
                stratus_redis_commands_total_created 1.7E9
                stratus_redis_roundtrips_total 99.0
                """;
        assertEquals(OptionalDouble.of(1_750), CounterScraper.parse(text, NAME));
    }

    @Test
    void absentOrUnparsableIsEmpty() {
        assertTrue(CounterScraper.parse("stratus_redis_roundtrips_total 1.0\n", NAME).isEmpty());
        assertTrue(CounterScraper.parse("stratus_redis_commands_total +Inf\n", NAME).isEmpty());
        assertTrue(CounterScraper.parse("stratus_redis_commands_total NaN\n", NAME).isEmpty());
        assertTrue(CounterScraper.parse("", NAME).isEmpty());
    }

    @Test
    void brokerStartedWithoutRedisReportsZero() {
        assertEquals(OptionalDouble.of(0), CounterScraper.parse("stratus_redis_commands_total 0.0\r\n", NAME));
    }
}
