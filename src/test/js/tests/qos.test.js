// QoS 0, 1 and 2 with MQTT.js over WebSocket: publish at each QoS, receive at the lower of the published and the
// granted QoS [MQTT-3.8.4-6], payloads byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connected, unique, VERSIONS, wsUrl } from '../lib/helpers.js';

const PAYLOADS = {
  empty: Buffer.alloc(0),
  'every-byte': Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
  utf8: Buffer.from('Grüße, 温度 21.5 °C ☃', 'utf8'),
  large: randomBytes(200_000),
};

for (const { protocolVersion, label } of VERSIONS) {
  test(`MQTT.js ${label}: QoS 0, 1 and 2 arrive at min(published, granted) QoS with intact payloads`, async (t) => {
    const base = unique(`qos${protocolVersion}`);
    const subscribers = [];
    for (const granted of [0, 1, 2]) {
      const [sub] = await connected(t, wsUrl, { protocolVersion, clientId: unique(`sub${granted}`) });
      const [grant] = await sub.subscribeAsync(`${base}/#`, { qos: granted });
      assert.equal(grant.qos, granted, 'granted QoS');
      subscribers.push(sub);
    }
    const [pub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('pub') });

    const sent = [];
    for (const qos of [0, 1, 2]) {
      for (const [name, payload] of Object.entries(PAYLOADS)) {
        const topic = `${base}/q${qos}/${name}`;
        await pub.publishAsync(topic, payload, { qos });
        sent.push({ topic, payload, qos });
      }
    }

    for (const [granted, sub] of subscribers.entries()) {
      const got = new Map();
      for (const m of await sub.inbox.take(sent.length, `messages at granted QoS ${granted}`)) {
        assert.ok(!got.has(m.topic), `a second copy of ${m.topic}`);
        got.set(m.topic, m);
      }
      for (const s of sent) {
        const m = got.get(s.topic);
        assert.ok(m, `${s.topic} at granted QoS ${granted}`);
        assert.equal(m.packet.qos, Math.min(s.qos, granted), `QoS of ${s.topic} at granted QoS ${granted}`);
        assert.ok(m.payload.equals(s.payload), `payload of ${s.topic} (${m.payload.length} of ${s.payload.length} bytes)`);
        assert.equal(m.packet.retain, false, `retain flag of ${s.topic}`);
      }
    }
  });

  test(`MQTT.js ${label}: QoS 1 and QoS 2 messages on one topic keep their order, each QoS on its own [MQTT-4.6.0-6]`, async (t) => {
    const topic = `${unique(`order${protocolVersion}`)}/t`;
    const [sub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('sub') });
    await sub.subscribeAsync(topic, { qos: 2 });
    const [pub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('pub') });

    // published without waiting for each acknowledgement, as a dashboard streaming updates does
    const sends = [];
    for (let i = 0; i < 60; i += 1) {
      sends.push(pub.publishAsync(topic, `m${i}`, { qos: 1 + (i % 2) }));
    }
    await Promise.all(sends);

    const got = await sub.inbox.take(60);
    for (const qos of [1, 2]) {
      const expected = Array.from({ length: 60 }, (_, i) => i).filter((i) => 1 + (i % 2) === qos).map((i) => `m${i}`);
      assert.deepEqual(got.filter((m) => m.packet.qos === qos).map((m) => m.payload.toString()), expected, `QoS ${qos} order`);
    }
  });
}
