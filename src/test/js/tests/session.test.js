// Persistent sessions with MQTT.js over WebSocket: clean: false (and a Session Expiry Interval for 5.0) keeps the
// subscription and queues QoS 1 messages while the client is away; they arrive, in order, after it reconnects
// [MQTT-3.1.2-4] [MQTT-3.2.2-2] [MQTT-4.6.0-6].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, open, unique, VERSIONS, within, wsUrl } from '../lib/helpers.js';

const QUEUED = 25;

function persistent(protocolVersion, clientId) {
  return {
    protocolVersion,
    clientId,
    clean: false,
    ...(protocolVersion === 5 ? { properties: { sessionExpiryInterval: 300 } } : {}),
  };
}

for (const { protocolVersion, label } of VERSIONS) {
  test(`MQTT.js ${label}: QoS 1 messages queued while away arrive after the session is resumed`, async (t) => {
    const clientId = unique(`persistent${protocolVersion}`);
    const topic = `${unique('queue')}/t`;
    const [first, firstAck] = await connected(t, wsUrl, persistent(protocolVersion, clientId));
    assert.equal(firstAck.sessionPresent, false, 'Session Present the first time');
    await first.subscribeAsync(topic, { qos: 1 });
    await first.endAsync();

    const [pub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('pub') });
    for (let i = 0; i < QUEUED; i += 1) {
      await pub.publishAsync(topic, `m${i}`, { qos: 1 });
    }

    const resumed = open(t, wsUrl, persistent(protocolVersion, clientId));
    const connack = await within(new Promise((resolve) => resumed.once('connect', resolve)), 'CONNACK on resume');
    assert.equal(connack.sessionPresent, true, 'Session Present on resume');
    const got = await resumed.inbox.take(QUEUED, 'the queued messages');
    assert.deepEqual(got.map((m) => m.payload.toString()), Array.from({ length: QUEUED }, (_, i) => `m${i}`));
    assert.ok(got.every((m) => m.topic === topic && m.packet.qos === 1));

    await pub.publishAsync(topic, 'live', { qos: 1 });
    assert.equal((await resumed.inbox.next('the live message')).payload.toString(), 'live', 'the subscription came back');
    assert.equal(resumed.inbox.pending, 0, 'nothing delivered twice');
  });

  test(`MQTT.js ${label}: a clean reconnect discards the stored session`, async (t) => {
    const clientId = unique(`discarded${protocolVersion}`);
    const topic = `${unique('queue')}/t`;
    const [first] = await connected(t, wsUrl, persistent(protocolVersion, clientId));
    await first.subscribeAsync(topic, { qos: 1 });
    await first.endAsync();
    const [pub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('pub') });
    await pub.publishAsync(topic, 'stale', { qos: 1 });

    const [fresh, connack] = await connected(t, wsUrl, { protocolVersion, clientId, clean: true });
    assert.equal(connack.sessionPresent, false, 'Session Present with a clean start [MQTT-3.2.2-1]');
    await fresh.subscribeAsync(topic, { qos: 1 });
    await pub.publishAsync(topic, 'fence', { qos: 1 });
    assert.equal((await fresh.inbox.next('the fence')).payload.toString(), 'fence', 'the queued message was discarded');
  });
}
