// Will messages with MQTT.js over WebSocket: published when the connection drops without DISCONNECT
// [MQTT-3.1.2-8], discarded after a DISCONNECT [MQTT-3.1.2-10].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { closed, connected, unique, VERSIONS, within, wsUrl } from '../lib/helpers.js';

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

/** A 3.1.1 CONNECT with a QoS 1 will, as bytes. */
function connectWithWill(clientId, willTopic, willPayload) {
  const str = (v) => {
    const b = Buffer.from(v, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const body = Buffer.concat([
    str('MQTT'), Buffer.from([0x04]), // protocol name and level 4
    Buffer.from([0x0e]), // flags: will QoS 1, will, clean session
    Buffer.from([0x00, 0x3c]), // keep alive 60 s
    str(clientId), str(willTopic), str(willPayload),
  ]);
  return Buffer.concat([Buffer.from([0x10, body.length]), body]);
}

test('a browser tab that closes its WebSocket (close frame 1001, no DISCONNECT) gets its will published', async (t) => {
  const willTopic = `${unique('tab')}/status`;
  const [watcher] = await connected(t, wsUrl, { protocolVersion: 4, clientId: unique('watcher') });
  await watcher.subscribeAsync(willTopic, { qos: 1 });
  const ws = new WebSocket(wsUrl, ['mqtt']);
  t.after(() => ws.terminate());
  await within(new Promise((resolve, reject) => { ws.on('open', resolve); ws.on('error', reject); }), 'the WebSocket');
  const connack = within(new Promise((resolve) => ws.once('message', resolve)), 'CONNACK');
  ws.send(connectWithWill(unique('tab').slice(0, 23), willTopic, 'tab closed'));
  assert.deepEqual([...(await connack)], [0x20, 0x02, 0x00, 0x00], 'CONNACK, accepted');

  ws.close(1001, 'going away'); // what a browser sends when the page goes

  const will = await watcher.inbox.next('the will');
  assert.equal(will.payload.toString(), 'tab closed');
});

