// Eclipse Paho JavaScript (paho-mqtt 1.1.0), the other client browser dashboards use, over WebSocket. In the
// browser it uses the global WebSocket; here that is ws. It offers the subprotocol mqtt for MQTT 3.1.1 and
// mqttv3.1 for MQTT 3.1 [MQTT-6.0.0-3].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import Paho from 'paho-mqtt';
import { TIMEOUT_MS, unique, within, wsUrl } from '../lib/helpers.js';

globalThis.WebSocket ??= WebSocket;

const VERSIONS = [
  { mqttVersion: 4, label: '3.1.1' },
  { mqttVersion: 3, label: '3.1' },
];

/** A connected Paho client collecting what arrives; disconnected when the test ends. */
async function pahoConnected(t, mqttVersion, clientId) {
  const client = new Paho.Client(wsUrl, clientId);
  const queue = [];
  const waiting = [];
  client.onMessageArrived = (m) => {
    const w = waiting.shift();
    if (w) {
      w(m);
    } else {
      queue.push(m);
    }
  };
  client.next = (what) => (queue.length > 0 ? Promise.resolve(queue.shift())
    : within(new Promise((resolve) => waiting.push(resolve)), `${what} for ${clientId}`));
  await within(new Promise((resolve, reject) => client.connect({
    mqttVersion,
    mqttVersionExplicit: true, // no silent fallback to another version
    timeout: TIMEOUT_MS / 1000,
    keepAliveInterval: 60,
    cleanSession: true,
    onSuccess: resolve,
    onFailure: (e) => reject(new Error(`Paho connect failed: ${e.errorMessage}`)),
  })), `CONNACK for ${clientId}`);
  t.after(() => {
    if (client.isConnected()) {
      client.disconnect();
    }
  });
  return client;
}

function subscribe(client, filter, qos) {
  return within(new Promise((resolve, reject) => client.subscribe(filter, {
    qos,
    timeout: TIMEOUT_MS / 1000,
    onSuccess: (r) => resolve(r.grantedQos[0]),
    onFailure: (e) => reject(new Error(`SUBACK: ${e.errorCode}`)),
  })), `SUBACK for ${filter}`);
}

for (const { mqttVersion, label } of VERSIONS) {
  test(`Paho JS ${label}: QoS 0, 1 and 2 in both directions with intact payloads`, async (t) => {
    const topic = `${unique(`paho${mqttVersion}`)}/t`;
    const sub = await pahoConnected(t, mqttVersion, unique('sub').slice(-23)); // 3.1 client ids: 23 bytes
    assert.equal(await subscribe(sub, topic, 2), 2, 'granted QoS');
    const pub = await pahoConnected(t, mqttVersion, unique('pub').slice(-23));

    const payloads = [new Uint8Array([0, 255, 1, 254]), new TextEncoder().encode('Grüße ☃'), new Uint8Array(70_000).fill(7)];
    for (const qos of [0, 1, 2]) {
      const message = new Paho.Message(payloads[qos]);
      message.destinationName = topic;
      message.qos = qos;
      pub.send(message);
    }

    const got = [await sub.next('QoS 0'), await sub.next('QoS 1'), await sub.next('QoS 2')];
    got.sort((a, b) => a.qos - b.qos); // Paho hands QoS 2 over on PUBREL: arrival order across QoS may vary
    for (const qos of [0, 1, 2]) {
      assert.equal(got[qos].destinationName, topic);
      assert.equal(got[qos].qos, qos);
      assert.deepEqual(new Uint8Array(got[qos].payloadBytes), payloads[qos], `payload at QoS ${qos}`);
    }
  });

  test(`Paho JS ${label}: a retained message reaches a later subscriber flagged retained`, async (t) => {
    const topic = `${unique(`paho-retained${mqttVersion}`)}/state`;
    const pub = await pahoConnected(t, mqttVersion, unique('pub').slice(-23));
    pub.send(topic, 'on', 1, true);
    const fence = await pahoConnected(t, mqttVersion, unique('fence').slice(-23));
    await subscribe(fence, topic, 1);
    assert.equal((await fence.next('the retained message')).payloadString, 'on', 'the publish went through');

    const late = await pahoConnected(t, mqttVersion, unique('late').slice(-23));
    await subscribe(late, topic, 1);
    const m = await late.next('the retained message');
    assert.equal(m.payloadString, 'on');
    assert.equal(m.retained, true);
  });
}
