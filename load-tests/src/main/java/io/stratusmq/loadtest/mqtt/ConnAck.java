package io.stratusmq.loadtest.mqtt;

/**
 * The parts of a CONNACK the load generator acts on.
 *
 * @param sessionPresent  session-present flag
 * @param reasonCode      3.1.1 return code or 5.0 reason code; 0 is success
 * @param receiveMaximum  5.0 Receive Maximum (how many QoS 1/2 PUBLISH the broker accepts in flight);
 *                        65535 when absent or for 3.1.1
 * @param maximumQos      5.0 Maximum QoS; 2 when absent
 */
public record ConnAck(boolean sessionPresent, int reasonCode, int receiveMaximum, int maximumQos) {

    public boolean accepted() {
        return reasonCode == 0;
    }
}
