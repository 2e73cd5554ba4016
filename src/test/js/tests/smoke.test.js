// Smoke test: MQTT.js connects over WebSocket with both protocol versions and gets its own message back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import mqtt from 'mqtt';

const url = process.env.STRATUS_WS_URL ?? 'ws://127.0.0.1:8080/mqtt';

for (const protocolVersion of [4, 5]) {
  test(`MQTT.js ${protocolVersion === 5 ? '5.0' : '3.1.1'} publishes and receives over WebSocket`, async () => {
    const client = await mqtt.connectAsync(url, { protocolVersion, clientId: `smoke-${protocolVersion}`, reconnectPeriod: 0 });
    try {
      await client.subscribeAsync('smoke/+', { qos: 1 });
      const received = new Promise((resolve) => client.once('message', (topic, payload) => resolve([topic, payload.toString()])));
      await client.publishAsync('smoke/x', 'hello', { qos: 1 });
      assert.deepEqual(await received, ['smoke/x', 'hello']);
    } finally {
      await client.endAsync();
    }
  });
}
