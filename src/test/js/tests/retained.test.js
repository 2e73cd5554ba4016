// Retained messages with MQTT.js over WebSocket: set, replace, clear, and delivered to new subscriptions with
// RETAIN 1 [MQTT-3.3.1-5] [MQTT-3.3.1-8] [MQTT-3.3.1-10] [MQTT-3.3.1-11].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, unique, VERSIONS, wsUrl } from '../lib/helpers.js';

for (const { protocolVersion, label } of VERSIONS) {
  test(`MQTT.js ${label}: retained messages are set, replaced and cleared`, async (t) => {
    const base = unique(`retained${protocolVersion}`);
    const topic = `${base}/state`;
    const [pub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('pub') });
    await pub.publishAsync(topic, 'v1', { qos: 1, retain: true });

    const [first] = await connected(t, wsUrl, { protocolVersion, clientId: unique('first') });
    await first.subscribeAsync(`${base}/+`, { qos: 1 });
    const set = await first.inbox.next('the retained message');
    assert.equal(set.topic, topic);
    assert.equal(set.payload.toString(), 'v1');
    assert.equal(set.packet.retain, true, 'RETAIN on delivery for a new subscription');
    assert.equal(set.packet.qos, 1);

    await pub.publishAsync(topic, 'v2', { qos: 1, retain: true });
    const live = await first.inbox.next('the replacement');
    assert.equal(live.payload.toString(), 'v2');
    assert.equal(live.packet.retain, false, 'RETAIN on an established subscription [MQTT-3.3.1-9] [MQTT-3.3.1-12]');

    const [second] = await connected(t, wsUrl, { protocolVersion, clientId: unique('second') });
    await second.subscribeAsync(topic, { qos: 1 });
    const replaced = await second.inbox.next('the replaced retained message');
    assert.equal(replaced.payload.toString(), 'v2', 'only the latest retained message is kept');
    assert.equal(replaced.packet.retain, true);
    await pub.publishAsync(topic, 'plain', { qos: 1 });
    assert.equal((await second.inbox.next('the plain message')).payload.toString(), 'plain', 'no older retained message');

    await pub.publishAsync(topic, '', { qos: 1, retain: true });
    const [third] = await connected(t, wsUrl, { protocolVersion, clientId: unique('third') });
    await third.subscribeAsync(topic, { qos: 1 });
    await pub.publishAsync(topic, 'fence', { qos: 1 });
    const next = await third.inbox.next('the fence');
    assert.equal(next.payload.toString(), 'fence', 'nothing retained after an empty retained message');
    assert.equal(next.packet.retain, false);
  });
}

for (const { protocolVersion, label } of VERSIONS) {
  test(`MQTT.js ${label}: a dashboard subscribing to fleet/# gets all 1500 retained states, beyond the per-client queue limit [MQTT-3.3.1-6]`, async (t) => {
    const base = unique(`fleet${protocolVersion}`);
    const topics = 1500;
    const [pub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('pub') });
    for (let i = 0; i < topics; i += 1) {
      pub.publish(`${base}/sensor${i}`, `v${i}`, { qos: 0, retain: true });
    }
    await pub.publishAsync(`${base}/sensor0`, 'v0', { qos: 1, retain: true }); // acknowledged after the others

    for (const qos of [0, 1]) {
      const [dashboard] = await connected(t, wsUrl, { protocolVersion, clientId: unique(`dashboard${qos}`) });
      await dashboard.subscribeAsync(`${base}/#`, { qos });
      const got = await dashboard.inbox.take(topics, `${topics} retained messages at QoS ${qos}`);
      assert.equal(new Set(got.map((m) => m.topic)).size, topics, `distinct topics at subscription QoS ${qos}`);
      assert.ok(got.every((m) => m.packet.retain), 'all flagged retained');
    }
  });
}

