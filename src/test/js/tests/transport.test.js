// The transports as clients meet them: MQTT.js over plain TCP (mqtt://), the WebSocket subprotocol the broker
// answers with [MQTT-6.0.0-3] [MQTT-6.0.0-4], and an upgrade offering no MQTT subprotocol refused with 400.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { connected, tcpUrl, unique, VERSIONS, within, wsUrl } from '../lib/helpers.js';

const mqttUrl = tcpUrl.replace(/^tcp:/, 'mqtt:');

for (const { protocolVersion, label } of VERSIONS) {
  test(`MQTT.js ${label} over plain TCP (mqtt://) talks to clients on WebSocket and TCP`, async (t) => {
    const topic = `${unique(`tcp${protocolVersion}`)}/t`;
    const [tcpClient] = await connected(t, mqttUrl, { protocolVersion, clientId: unique('tcp') });
    const [wsClient] = await connected(t, wsUrl, { protocolVersion, clientId: unique('ws') });
    await tcpClient.subscribeAsync(topic, { qos: 2 });
    await wsClient.subscribeAsync(topic, { qos: 2 });

    await tcpClient.publishAsync(topic, 'from tcp', { qos: 2 });
    await wsClient.publishAsync(topic, 'from ws', { qos: 1 });

    for (const c of [tcpClient, wsClient]) {
      const got = (await c.inbox.take(2)).map((m) => [m.payload.toString(), m.packet.qos]).sort();
      // sorted: MQTT.js hands a QoS 2 message over on PUBREL, so the QoS 1 one may come first
      assert.deepEqual(got, [['from tcp', 2], ['from ws', 1]]);
    }
  });
}

/** Opens a raw WebSocket offering the given subprotocols; resolves to the socket or to the refusal. */
function upgrade(protocols) {
  return within(new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, protocols);
    ws.on('open', () => resolve({ ws }));
    ws.on('unexpected-response', (req, res) => {
      resolve({ status: res.statusCode });
      req.destroy();
    });
    ws.on('error', reject);
  }), `the upgrade offering ${JSON.stringify(protocols)}`);
}

test('a WebSocket offering only mqttv3.1 gets it back, and MQTT 3.1 works over it', async (t) => {
  const { ws, status } = await upgrade(['mqttv3.1']);
  assert.equal(status, undefined, 'upgrade refused');
  t.after(() => ws.terminate());
  assert.equal(ws.protocol, 'mqttv3.1', 'Sec-WebSocket-Protocol in the answer');

  const clientId = Buffer.from(unique('v31').slice(0, 23)); // MQTT 3.1 client ids are at most 23 bytes
  const connect = Buffer.concat([
    Buffer.from([0x10, 12 + 2 + clientId.length]), // CONNECT, Remaining Length
    Buffer.from([0x00, 0x06]), Buffer.from('MQIsdp'), // protocol name of MQTT 3.1
    Buffer.from([0x03]), // protocol level 3
    Buffer.from([0x02]), // flags: clean session
    Buffer.from([0x00, 0x3c]), // keep alive 60 s
    Buffer.from([0x00, clientId.length]), clientId,
  ]);
  const connack = within(new Promise((resolve) => ws.once('message', (data, isBinary) => resolve({ data, isBinary }))),
    'CONNACK');
  ws.send(connect);
  const { data, isBinary } = await connack;
  assert.equal(isBinary, true, 'MQTT goes in binary frames [MQTT-6.0.0-1]');
  assert.deepEqual([...data], [0x20, 0x02, 0x00, 0x00], 'CONNACK, accepted');
});

test('a WebSocket offering mqtt among others gets mqtt back', async (t) => {
  const { ws, status } = await upgrade(['chat', 'mqtt']);
  assert.equal(status, undefined, 'upgrade refused');
  t.after(() => ws.terminate());
  assert.equal(ws.protocol, 'mqtt');
});

test('a WebSocket upgrade offering no MQTT subprotocol is refused with 400', async () => {
  assert.deepEqual(await upgrade([]), { status: 400 }, 'no subprotocol offered');
  assert.deepEqual(await upgrade(['chat', 'v12.stomp']), { status: 400 }, 'only other subprotocols offered');
});
