package io.stratusmq.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StreamIdsTest {

    @Test
    @DisplayName("Stream IDs compare by value, milliseconds first, then sequence, as unsigned numbers")
    void compareByValue() {
        assertThat(StreamConsumer.compareIds("10-0", "9-5")).isPositive();
        assertThat(StreamConsumer.compareIds("9-5", "10-0")).isNegative();
        assertThat(StreamConsumer.compareIds("7-10", "7-9")).isPositive();
        assertThat(StreamConsumer.compareIds("7-3", "7-3")).isZero();
        assertThat(StreamConsumer.compareIds("0-0", "1-1")).isNegative();
        assertThat(StreamConsumer.compareIds("18446744073709551615-0", "1-0")).as("above Long.MAX_VALUE").isPositive();
    }

    @Test
    @DisplayName("The next stream ID adds one to the sequence, and carries into the milliseconds at its maximum")
    void nextId() {
        assertThat(StreamConsumer.nextId("1700000000000-0")).isEqualTo("1700000000000-1");
        assertThat(StreamConsumer.nextId("5-41")).isEqualTo("5-42");
        assertThat(StreamConsumer.nextId("5-18446744073709551615")).isEqualTo("6-0");
        assertThat(StreamConsumer.compareIds(StreamConsumer.nextId("5-9"), "5-9")).isPositive();
    }
}
