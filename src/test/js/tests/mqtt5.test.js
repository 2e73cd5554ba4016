// MQTT 5.0 features with MQTT.js over WebSocket: topic aliases both ways, subscription identifiers, user
// properties (MQTT 5 sections 3.3.2.3 and 3.8.2.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, unique, wsUrl } from '../lib/helpers.js';

const v5 = { protocolVersion: 5 };

test('MQTT.js 5.0: topic aliases set by the client resolve to their topics, also when reassigned [MQTT-3.3.2-10] [MQTT-3.3.2-11]', async (t) => {
  const base = unique('alias-in');
  const [sub] = await connected(t, wsUrl, { ...v5, clientId: unique('sub') });
  await sub.subscribeAsync(`${base}/#`, { qos: 1 });
  const [pub] = await connected(t, wsUrl, { ...v5, clientId: unique('pub') });
  const sentTopics = [];
  pub.on('packetsend', (p) => {
    if (p.cmd === 'publish') {
      sentTopics.push(p.topic);
    }
  });

  await pub.publishAsync(`${base}/kitchen`, 'k1', { qos: 1, properties: { topicAlias: 1 } });
  await pub.publishAsync('', 'k2', { qos: 1, properties: { topicAlias: 1 } });
  await pub.publishAsync(`${base}/hall`, 'h1', { qos: 0, properties: { topicAlias: 1 } }); // alias 1 reassigned
  await pub.publishAsync('', 'h2', { qos: 2, properties: { topicAlias: 1 } });
  await pub.publishAsync(`${base}/garden`, 'g1', { qos: 1, properties: { topicAlias: 2 } });
  await pub.publishAsync('', 'g2', { qos: 1, properties: { topicAlias: 2 } });
  await pub.publishAsync('', 'h3', { qos: 1, properties: { topicAlias: 1 } });

  assert.deepEqual(sentTopics, [`${base}/kitchen`, '', `${base}/hall`, '', `${base}/garden`, '', ''], 'what went on the wire');
  const got = await sub.inbox.take(7, 'the aliased messages');
  assert.deepEqual(got.map((m) => `${m.topic} ${m.payload}`), [
    `${base}/kitchen k1`, `${base}/kitchen k2`, `${base}/hall h1`, `${base}/hall h2`,
    `${base}/garden g1`, `${base}/garden g2`, `${base}/hall h3`,
  ]);
});

test('MQTT.js 5.0: with topicAliasMaximum set, the broker aliases topics toward the client and the topics stay right [MQTT-3.3.2-8] [MQTT-3.3.2-12]', async (t) => {
  const base = unique('alias-out');
  const maximum = 2;
  const [sub] = await connected(t, wsUrl, { ...v5, clientId: unique('sub'), properties: { topicAliasMaximum: maximum } });
  const wire = [];
  sub.on('packetreceive', (p) => {
    if (p.cmd === 'publish') {
      wire.push({ topic: p.topic, alias: p.properties?.topicAlias });
    }
  });
  await sub.subscribeAsync(`${base}/#`, { qos: 1 });
  const [pub] = await connected(t, wsUrl, { ...v5, clientId: unique('pub') });

  const topics = [];
  for (let round = 0; round < 3; round += 1) {
    for (const name of ['a', 'b', 'c', 'c']) { // three topics for two aliases, and one topic twice in a row
      topics.push(`${base}/${name}`);
    }
  }
  for (const [i, topic] of topics.entries()) {
    await pub.publishAsync(topic, `${i}`, { qos: 1 });
  }

  const got = await sub.inbox.take(topics.length, 'the messages');
  assert.deepEqual(got.map((m) => m.topic), topics, 'topics as the application sees them');
  assert.deepEqual(got.map((m) => m.payload.toString()), topics.map((_, i) => `${i}`), 'payloads in order');
  assert.ok(wire.every((p) => p.alias >= 1 && p.alias <= maximum), `aliases within 1..${maximum}: ${JSON.stringify(wire)}`);
  assert.ok(wire.some((p) => p.topic === ''), 'the broker sent some messages by alias alone');
  assert.ok(wire.every((p, i) => p.topic === '' || p.topic === topics[i]), 'a topic sent with an alias is the message\'s own');
});

test('MQTT.js 5.0: a message matching several subscriptions arrives once with every subscription identifier [MQTT-3.3.4-2] [MQTT-3.3.4-3]', async (t) => {
  const base = unique('subid');
  const [sub] = await connected(t, wsUrl, { ...v5, clientId: unique('sub') });
  await sub.subscribeAsync(`${base}/+/temp`, { qos: 1, properties: { subscriptionIdentifier: 7 } });
  await sub.subscribeAsync(`${base}/kitchen/#`, { qos: 1, properties: { subscriptionIdentifier: 268435455 } });
  await sub.subscribeAsync(`${base}/hall/#`, { qos: 1 });
  const [pub] = await connected(t, wsUrl, { ...v5, clientId: unique('pub') });

  await pub.publishAsync(`${base}/kitchen/temp`, 'both', { qos: 1 });
  await pub.publishAsync(`${base}/garden/temp`, 'first', { qos: 1 });
  await pub.publishAsync(`${base}/kitchen/light`, 'second', { qos: 1 });
  await pub.publishAsync(`${base}/hall/light`, 'none', { qos: 1 });

  const ids = (m) => [m.packet.properties?.subscriptionIdentifier ?? []].flat().sort((a, b) => a - b);
  const got = await sub.inbox.take(4);
  assert.deepEqual(got.map((m) => m.payload.toString()), ['both', 'first', 'second', 'none'], 'one copy each');
  assert.deepEqual(ids(got[0]), [7, 268435455]);
  assert.deepEqual(ids(got[1]), [7]);
  assert.deepEqual(ids(got[2]), [268435455]);
  assert.deepEqual(ids(got[3]), [], 'a subscription without an identifier adds none');
});

test('MQTT.js 5.0: user properties reach the subscriber unchanged, repeated names included [MQTT-3.3.2-17] [MQTT-3.3.2-18]', async (t) => {
  const topic = `${unique('user-props')}/t`;
  const [sub] = await connected(t, wsUrl, { ...v5, clientId: unique('sub') });
  await sub.subscribeAsync(topic, { qos: 1 });
  const [pub] = await connected(t, wsUrl, { ...v5, clientId: unique('pub') });
  const userProperties = { region: ['eu-west', 'eu-central'], trace: '4bf92f35', unicode: 'köln ☃', empty: '' };

  await pub.publishAsync(topic, 'with properties', { qos: 1, properties: { userProperties, contentType: 'text/plain' } });

  const got = await sub.inbox.next('the message');
  // mqtt-packet gathers repeated names into an array; entries keep the order of first appearance
  assert.deepEqual(Object.entries(got.packet.properties?.userProperties ?? {}), Object.entries(userProperties));
  assert.equal(got.packet.properties?.contentType, 'text/plain');
});
