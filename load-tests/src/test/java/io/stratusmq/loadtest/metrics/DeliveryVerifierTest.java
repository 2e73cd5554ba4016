package io.stratusmq.loadtest.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeliveryVerifierTest {

    private static PublisherLedger ledger(int id, int sent, int... unacked) {
        PublisherLedger ledger = new PublisherLedger(id);
        for (int seq = 0; seq < sent; seq++) {
            ledger.recordSent(true);
            boolean acked = true;
            for (int u : unacked) {
                acked &= u != seq;
            }
            if (acked) {
                ledger.recordAccepted(seq);
            }
        }
        return ledger;
    }

    private static ReceiveLogs received(int firstPublisher, int publishers, int publisherId, long... sequences) {
        ReceiveLogs logs = new ReceiveLogs(firstPublisher, publishers);
        for (long seq : sequences) {
            logs.forPublisher(publisherId).record(seq);
        }
        return logs;
    }

    @Test
    void cleanDelivery() {
        DeliveryReport r = new DeliveryVerifier(1, new PublisherLedger[] {ledger(0, 3)})
                .verify(List.of(new DeliveryGroup(List.of(received(0, 1, 0, 0, 1, 2)), new int[] {0})));
        assertEquals(3, r.expected());
        assertEquals(3, r.delivered());
        assertEquals(0, r.lost() + r.duplicated() + r.outOfOrder() + r.unacked());
    }

    @Test
    void countsLossDuplicatesAndReordering() {
        // sent 0..5; 4 never delivered, 1 twice, 3 arrives after 5
        DeliveryReport r = new DeliveryVerifier(0, new PublisherLedger[] {ledger(0, 6)})
                .verify(List.of(new DeliveryGroup(List.of(received(0, 1, 0, 0, 1, 1, 2, 5, 3)), new int[] {0})));
        assertEquals(6, r.expected());
        assertEquals(5, r.delivered());
        assertEquals(1, r.lost());
        assertEquals(1, r.duplicated());
        assertEquals(1, r.outOfOrder());
        assertEquals(1, r.perPublisher().get(0).lost());
    }

    @Test
    void qos1OnlyOwesAcknowledgedMessages() {
        // seq 2 was never PUBACKed and never delivered: unacked, not lost. Seq 1 was PUBACKed, not delivered: lost.
        DeliveryReport r = new DeliveryVerifier(1, new PublisherLedger[] {ledger(0, 4, 2)})
                .verify(List.of(new DeliveryGroup(List.of(received(0, 1, 0, 0, 3)), new int[] {0})));
        assertEquals(3, r.expected());
        assertEquals(1, r.lost());
        assertEquals(1, r.unacked());
    }

    @Test
    void sharedGroupOwesEachMessageOnceAcrossMembers() {
        ReceiveLogs a = received(0, 1, 0, 0, 2, 3);
        ReceiveLogs b = received(0, 1, 0, 1, 3); // 3 went to both members: one duplicate
        DeliveryReport r = new DeliveryVerifier(1, new PublisherLedger[] {ledger(0, 5)})
                .verify(List.of(new DeliveryGroup(List.of(a, b), new int[] {0})));
        assertEquals(4, r.delivered());
        assertEquals(1, r.lost());
        assertEquals(1, r.duplicated());
        assertEquals(0, r.outOfOrder());
    }

    @Test
    void fanOutOwesEveryMessageToEverySubscriber() {
        PublisherLedger[] ledgers = {ledger(0, 2)};
        DeliveryReport r = new DeliveryVerifier(0, ledgers).verify(List.of(
                new DeliveryGroup(List.of(received(0, 1, 0, 0, 1)), new int[] {0}),
                new DeliveryGroup(List.of(received(0, 1, 0, 1)), new int[] {0})));
        assertEquals(4, r.expected());
        assertEquals(3, r.delivered());
        assertEquals(1, r.lost());
    }
}
