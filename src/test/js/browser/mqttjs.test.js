// MQTT.js's browser bundle in headless Chromium, over the browser's own WebSocket: both protocol versions
// connect, subscribe with wildcards, publish at every QoS, and get retained messages when they subscribe.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Lab, brokerUrl, uniqueId } from './harness.js';

let lab;
before(async () => {
  lab = await Lab.start();
});
after(async () => {
  await lab?.close();
});
afterEach(() => {
  assert.deepEqual(lab.pageErrors.splice(0), [], 'uncaught errors in a page');
});

const versions = [
  { protocolVersion: 5, label: '5.0' },
  { protocolVersion: 4, label: '3.1.1' },
];
const other = (v) => versions.find((o) => o.protocolVersion !== v.protocolVersion);
const byTopic = (a, b) => a.topic.localeCompare(b.topic);
const seen = (messages) => messages.map(({ topic, payload, qos, retain }) => ({ topic, payload, qos, retain }));

for (const v of versions) {
  test(`MQTT.js ${v.label} in Chromium: wildcard subscriptions, QoS 0/1/2 publishes from a ${other(v).label} page`,
    { timeout: 30000 }, async () => {
      const id = uniqueId();
      const base = `lab/${id}`;
      const sub = await lab.page(`sub ${v.label}`);
      const pub = await lab.page(`pub ${other(v).label}`);

      const connack = await sub.evaluate((o) => lab.mqttjs('sub', o),
        { protocolVersion: v.protocolVersion, clientId: `sub-${id}`, clean: true });
      assert.deepEqual(connack, { sessionPresent: false, returnCode: 0 });
      const sockets = await sub.evaluate(() => lab.sockets());
      assert.deepEqual(sockets.map((s) => [s.url, s.offered, s.negotiated]), [[brokerUrl, ['mqtt'], 'mqtt']],
        'one WebSocket to the broker, subprotocol mqtt [MQTT-6.0.0-3]');
      const granted = await sub.evaluate((b) => Promise.all([
        lab.subscribe('sub', `${b}/+/temp`, 2),
        lab.subscribe('sub', `${b}/alerts/#`, 1),
      ]), base);
      assert.deepEqual(granted, [[2], [1]], 'granted QoS per filter');

      await pub.evaluate((o) => lab.mqttjs('pub', o),
        { protocolVersion: other(v).protocolVersion, clientId: `pub-${id}` });
      const publishes = [
        [`${base}/kitchen/temp`, '21.5', 0],
        [`${base}/hall/temp`, '19.0', 1],
        [`${base}/cellar/temp`, '12.25', 2],
        [`${base}/alerts`, 'parent level', 2], // '#' matches its parent level too [MQTT-4.7.1-2]
        [`${base}/alerts/fire/floor2`, 'smoke', 1],
        [`${base}/kitchen/humidity`, '40', 1], // matches neither filter
        [`${base}/kitchen/temp/raw`, '21.49', 2], // '+' is exactly one level [MQTT-4.7.1-3]
        [`${base}/temp`, 'no level for +', 1], // '+' needs a level to match
        [`${base}/zz/temp`, 'end', 1], // the last one: once it is in, anything wrongly matched is too
      ];
      await pub.evaluate(async (list) => {
        for (const [topic, payload, qos] of list) {
          await lab.publish('pub', topic, payload, { qos }); // QoS 1 waits for PUBACK, QoS 2 for PUBCOMP
        }
      }, publishes);

      // The last message in means anything wrongly matched before it is in too; but MQTT.js hands a QoS 2 message
      // over only once its PUBREL came, which may be after the last one: wait for the count as well.
      await sub.evaluate((t) => lab.messages('sub', { topic: t }), `${base}/zz/temp`);
      const got = await sub.evaluate(() => lab.messages('sub', { count: 6 }));
      assert.deepEqual(seen(got).sort(byTopic), [
        { topic: `${base}/alerts`, payload: 'parent level', qos: 1, retain: false }, // min(2, granted 1)
        { topic: `${base}/alerts/fire/floor2`, payload: 'smoke', qos: 1, retain: false },
        { topic: `${base}/cellar/temp`, payload: '12.25', qos: 2, retain: false },
        { topic: `${base}/hall/temp`, payload: '19.0', qos: 1, retain: false },
        { topic: `${base}/kitchen/temp`, payload: '21.5', qos: 0, retain: false },
        { topic: `${base}/zz/temp`, payload: 'end', qos: 1, retain: false },
      ]);
      assert.ok(got.every((m) => !m.dup), 'no message sent twice');

      await sub.evaluate(() => lab.end('sub'));
      await pub.evaluate(() => lab.end('pub'));
      await sub.context().close();
      await pub.context().close();
    });
}

test('MQTT.js in Chromium: retained messages on subscribe (3.1.1 publisher, 5.0 and 3.1.1 subscribers)',
  { timeout: 30000 }, async () => {
    const id = uniqueId();
    const base = `status/${id}`;
    const pub = await lab.page('pub 3.1.1');
    await pub.evaluate((o) => lab.mqttjs('pub', o), { protocolVersion: 4, clientId: `pub-${id}` });
    await pub.evaluate(async (b) => {
      await lab.publish('pub', `${b}/door`, 'open', { qos: 1, retain: true });
      await lab.publish('pub', `${b}/window`, 'closed', { qos: 0, retain: true });
      await lab.publish('pub', `${b}/light`, 'on', { qos: 1 }); // not retained: nobody is subscribed
    }, base);

    // A dashboard opened later gets the last known state at once, flagged as retained [MQTT-3.3.1-8].
    const late = await lab.page('late 5.0');
    await late.evaluate((o) => lab.mqttjs('late', o), { protocolVersion: 5, clientId: `late-${id}` });
    await late.evaluate((b) => lab.subscribe('late', `${b}/+`, 1), base);
    // Then a live change: not flagged as retained for a 5.0 subscriber without Retain As Published.
    await pub.evaluate((b) => lab.publish('pub', `${b}/door`, 'shut', { qos: 1 }), base);
    const first = await late.evaluate(() => lab.messages('late', { count: 3 }));
    const retained = first.filter((m) => m.retain).map(({ topic, payload, qos }) => ({ topic, payload, qos }));
    assert.deepEqual(retained.sort(byTopic), [
      { topic: `${base}/door`, payload: 'open', qos: 1 },
      { topic: `${base}/window`, payload: 'closed', qos: 0 },
    ]);
    assert.deepEqual(seen(first.filter((m) => !m.retain)),
      [{ topic: `${base}/door`, payload: 'shut', qos: 1, retain: false }]);

    // An empty retained message clears the topic [MQTT-3.3.1-10]; a later subscriber gets only what is left.
    await pub.evaluate(async (b) => {
      await lab.publish('pub', `${b}/door`, '', { qos: 1, retain: true });
    }, base);
    const later = await lab.page('later 3.1.1');
    await later.evaluate((o) => lab.mqttjs('later', o), { protocolVersion: 4, clientId: `later-${id}` });
    await later.evaluate((b) => lab.subscribe('later', `${b}/+`, 1), base);
    await pub.evaluate((b) => lab.publish('pub', `${b}/zz`, 'end', { qos: 1 }), base);
    const second = await later.evaluate((t) => lab.messages('later', { topic: t }), `${base}/zz`);
    assert.deepEqual(seen(second).sort(byTopic), [
      { topic: `${base}/window`, payload: 'closed', qos: 0, retain: true },
      { topic: `${base}/zz`, payload: 'end', qos: 1, retain: false },
    ]);

    await pub.evaluate(async (b) => lab.publish('pub', `${b}/window`, '', { retain: true }), base); // leave none
    for (const [page, name] of [[pub, 'pub'], [late, 'late'], [later, 'later']]) {
      await page.evaluate((n) => lab.end(n), name);
      await page.context().close();
    }
  });
