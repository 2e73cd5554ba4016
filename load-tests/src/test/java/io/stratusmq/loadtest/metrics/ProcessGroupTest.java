package io.stratusmq.loadtest.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessGroupTest {

    @Test
    void sumsCpuAndRssOverItsProcesses() {
        ProcessGroup twice = new ProcessGroup(List.of(ProcReader.self(), ProcReader.self()));
        ProcessSample one = ProcReader.self().sample().orElseThrow();
        ProcessSample sum = twice.sample().orElseThrow();
        // Two readings of this JVM: about twice one reading (it keeps running between them).
        assertTrue(sum.cpuNanos() >= 2 * one.cpuNanos(), sum + " vs " + one);
        assertTrue(sum.rssKb() > one.rssKb() * 3 / 2, sum + " vs " + one);
        assertEquals("self,self", twice.pids());
        assertEquals(2, twice.size());
    }

    @Test
    void aMissingProcessMakesTheSampleUnknown() {
        long self = ProcessHandle.current().pid();
        ProcessGroup group = ProcessGroup.ofPids(List.of(self, Long.MAX_VALUE));
        assertEquals(Optional.empty(), group.sample());
        assertEquals(Optional.of(Long.toString(Long.MAX_VALUE)), group.unreadable());
        assertEquals(self + "," + Long.MAX_VALUE, group.pids());
        assertEquals(Optional.empty(), ProcessGroup.ofPids(List.of(self)).unreadable());
    }

    @Test
    void noPidsNoGroup() {
        assertNull(ProcessGroup.ofPids(List.of()));
        assertNull(ProcessGroup.ofPids(null));
    }
}
