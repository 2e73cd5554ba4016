// Will messages with MQTT.js over WebSocket: published when the connection drops without DISCONNECT
// [MQTT-3.1.2-8], discarded after a DISCONNECT [MQTT-3.1.2-10].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closed, connected, unique, VERSIONS, wsUrl } from '../lib/helpers.js';

for (const { protocolVersion, label } of VERSIONS) {
  test(`MQTT.js ${label}: a destroyed socket publishes the will`, async (t) => {
    const willTopic = `${unique(`will${protocolVersion}`)}/status`;
    const [watcher] = await connected(t, wsUrl, { protocolVersion, clientId: unique('watcher') });
    await watcher.subscribeAsync(willTopic, { qos: 1 });
    const [dying] = await connected(t, wsUrl, {
      protocolVersion,
      clientId: unique('dying'),
      will: { topic: willTopic, payload: Buffer.from('gone'), qos: 1, retain: false },
    });

    dying.stream.destroy();

    const will = await watcher.inbox.next('the will');
    assert.equal(will.topic, willTopic);
    assert.equal(will.payload.toString(), 'gone');
    assert.equal(will.packet.qos, 1);
  });

  test(`MQTT.js ${label}: a DISCONNECT discards the will`, async (t) => {
    const willTopic = `${unique(`nowill${protocolVersion}`)}/status`;
    const [watcher] = await connected(t, wsUrl, { protocolVersion, clientId: unique('watcher') });
    await watcher.subscribeAsync(willTopic, { qos: 1 });
    const clientId = unique('leaving');
    const [leaving] = await connected(t, wsUrl, {
      protocolVersion,
      clientId,
      will: { topic: willTopic, payload: Buffer.from('gone'), qos: 1, retain: false },
    });

    await leaving.endAsync();
    await closed(leaving);
    // The same client id gets its CONNACK only after the broker let go of the old session and any will with it.
    const [again] = await connected(t, wsUrl, { protocolVersion, clientId });
    await again.publishAsync(willTopic, 'fence', { qos: 1 });

    assert.equal((await watcher.inbox.next('the fence')).payload.toString(), 'fence', 'first message on the will topic');
  });
}
