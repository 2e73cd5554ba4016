package io.stratusmq.loadtest.metrics;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Compares what publishers sent (and the broker acknowledged) with what subscribers received.
 *
 * <p>For QoS 0 a message is owed once it was written to the socket. For QoS 1 and 2 it is owed once the
 * broker acknowledged it (PUBACK / PUBREC): "lost" then means the broker took responsibility and never
 * delivered, which is a broker bug or a documented drop (for example a full queue).
 */
public final class DeliveryVerifier {
    private final int qos;
    private final PublisherLedger[] ledgers;

    /** @param ledgers indexed by publisher id */
    public DeliveryVerifier(int qos, PublisherLedger[] ledgers) {
        this.qos = qos;
        this.ledgers = ledgers;
    }

    public DeliveryReport verify(List<DeliveryGroup> groups) {
        long[][] perPublisher = new long[ledgers.length][5];
        for (DeliveryGroup group : groups) {
            for (int publisherId : group.publisherIds()) {
                accumulate(group, ledgers[publisherId], perPublisher[publisherId]);
            }
        }
        List<PublisherDelivery> rows = new ArrayList<>(ledgers.length);
        long sent = 0;
        long accepted = 0;
        long unacked = 0;
        long rejected = 0;
        long[] totals = new long[5];
        for (PublisherLedger ledger : ledgers) {
            long[] c = perPublisher[ledger.publisherId()];
            rows.add(new PublisherDelivery(ledger.publisherId(), ledger.sent(), ledger.acceptedCount(),
                    c[0], c[1], c[2], c[3], c[4]));
            for (int i = 0; i < totals.length; i++) {
                totals[i] += c[i];
            }
            sent += ledger.sent();
            accepted += ledger.acceptedCount();
            if (qos > 0) {
                rejected += ledger.rejected();
                unacked += Math.max(0, ledger.sent() - ledger.acceptedCount() - ledger.rejected());
            }
        }
        return new DeliveryReport(sent, accepted, totals[0], totals[1], totals[2], totals[3], totals[4],
                unacked, rejected, rows);
    }

    /** Adds {expected, delivered, lost, duplicated, outOfOrder} for one (group, publisher) pair. */
    private void accumulate(DeliveryGroup group, PublisherLedger ledger, long[] counts) {
        BitSet union = null;
        boolean borrowed = false;
        long distinctSum = 0;
        for (ReceiveLogs member : group.members()) {
            ReceiveLog log = member.existing(ledger.publisherId());
            if (log == null) {
                continue;
            }
            distinctSum += log.distinct();
            counts[3] += log.duplicates();
            counts[4] += log.outOfOrder();
            if (union == null) {
                union = log.seen();
                borrowed = true;
            } else {
                if (borrowed) {
                    union = (BitSet) union.clone();
                    borrowed = false;
                }
                union.or(log.seen());
            }
        }
        if (union == null) {
            union = new BitSet();
        }
        long delivered = union.cardinality();
        counts[3] += distinctSum - delivered; // one message to two members of a shared group
        counts[1] += delivered;
        if (qos == 0) {
            BitSet owed = new BitSet();
            owed.set(0, (int) ledger.sent());
            counts[0] += ledger.sent();
            owed.andNot(union);
            counts[2] += owed.cardinality();
        } else {
            counts[0] += ledger.acceptedCount();
            BitSet owed = (BitSet) ledger.accepted().clone();
            owed.andNot(union);
            counts[2] += owed.cardinality();
        }
    }
}
