package io.stratusmq.loadtest.metrics;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcReaderTest {

    @Test
    void parsesUtimeAndStimeEvenWithSpacesInTheCommand() {
        String stat = "1234 (my broker (x)) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 4 0 100 1000 200";
        long ticks = ProcReader.clockTicksPerSecond();
        assertEquals(300 * 1_000_000_000L / ticks, ProcReader.parseCpuNanos(stat));
    }

    @Test
    void parsesVmRss() {
        assertEquals(11_924, ProcReader.parseRssKb("Name:\tmosquitto\nVmPeak:\t 20000 kB\nVmRSS:\t   11924 kB\n"));
        assertEquals(0, ProcReader.parseRssKb("Name:\tzombie\n"));
    }

    @Test
    void readsItsOwnProcess() {
        Optional<ProcessSample> sample = ProcReader.self().sample();
        assertTrue(sample.isPresent());
        assertTrue(sample.get().rssKb() > 0);
    }

    @Test
    void parsesHostBusyTime() {
        long ticks = ProcReader.clockTicksPerSecond();
        // user nice system idle iowait irq softirq steal
        assertEquals((10 + 1 + 5 + 2 + 3 + 4) * 1_000_000_000L / ticks,
                HostCpu.parseBusyNanos("cpu  10 1 5 1000 7 2 3 4 0 0"));
    }
}
