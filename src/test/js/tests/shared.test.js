// Shared subscriptions with MQTT.js over WebSocket: each message published to $share/{group}/{filter} goes to
// exactly one member of the group (MQTT 5 section 4.8.2; brokers offer the same to 3.1.1 clients).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, unique, VERSIONS, wsUrl } from '../lib/helpers.js';

const JOBS = 30;

/** Payloads a member got before the fence: its queue is one FIFO, so none of the jobs can come after it. */
async function untilFence(client, fence) {
  const got = [];
  for (;;) {
    const m = await client.inbox.next('jobs and the fence');
    if (m.topic === fence) {
      return got;
    }
    got.push(m.payload.toString());
  }
}

for (const { protocolVersion, label } of VERSIONS) {
  test(`MQTT.js ${label}: each message to a shared subscription reaches exactly one member`, async (t) => {
    const topic = `${unique(`shared${protocolVersion}`)}/jobs`;
    const fence = `${topic}/fence`;
    const group = unique('workers');
    const members = [];
    for (const name of ['member1', 'member2']) {
      const [m] = await connected(t, wsUrl, { protocolVersion, clientId: unique(name) });
      await m.subscribeAsync(`$share/${group}/${topic}`, { qos: 1 });
      await m.subscribeAsync(fence, { qos: 1 }); // an ordinary subscription: the fence reaches both
      members.push(m);
    }
    const [pub] = await connected(t, wsUrl, { protocolVersion, clientId: unique('pub') });
    for (let i = 0; i < JOBS; i += 1) {
      await pub.publishAsync(topic, `job${i}`, { qos: 1 });
    }
    await pub.publishAsync(fence, 'fence', { qos: 1 });

    const first = await untilFence(members[0], fence);
    const second = await untilFence(members[1], fence);
    const all = [...first, ...second];
    assert.equal(all.length, JOBS, `jobs received by either member: ${first.length} + ${second.length}`);
    assert.deepEqual(new Set(all), new Set(Array.from({ length: JOBS }, (_, i) => `job${i}`)), 'every job, none twice');
    assert.ok(first.length > 0 && second.length > 0, `the group shares the load: ${first.length} and ${second.length}`);
  });
}
