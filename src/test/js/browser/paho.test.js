// Eclipse Paho JavaScript (paho-mqtt 1.1.0, MQTT 3.1.1) in headless Chromium: connects, subscribes, publishes
// and receives, and talks with an MQTT.js 5.0 client in another page both ways.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Lab, uniqueId } from './harness.js';

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

const seen = (messages) => messages.map(({ topic, payload, qos, retain }) => ({ topic, payload, qos, retain }));
const byTopic = (a, b) => a.topic.localeCompare(b.topic);

test('Paho JS 3.1.1 in Chromium: publishes and receives, with an MQTT.js 5.0 page on the other side',
  { timeout: 30000 }, async () => {
    const id = uniqueId();
    const base = `chat/${id}`;
    const paho = await lab.page('paho 3.1.1');
    await paho.evaluate((clientId) => lab.paho('paho', { clientId }), `paho-${id}`);
    assert.deepEqual(await paho.evaluate((b) => lab.subscribe('paho', `${b}/+`, 2), base), [2]);
    const [socket] = await paho.evaluate(() => lab.sockets());
    assert.deepEqual([socket.offered, socket.negotiated], [['mqtt'], 'mqtt'], 'the WebSocket subprotocol');

    const web = await lab.page('mqtt.js 5.0');
    await web.evaluate((o) => lab.mqttjs('web', o), { protocolVersion: 5, clientId: `web-${id}` });
    assert.deepEqual(await web.evaluate((b) => lab.subscribe('web', `${b}/#`, 1), base), [1]);

    // MQTT.js -> Paho, text that is not ASCII.
    await web.evaluate((b) => lab.publish('web', `${b}/mqttjs`, 'héllo from MQTT.js ✓', { qos: 1 }), base);
    const fromWeb = await paho.evaluate((b) => lab.messages('paho', { topic: `${b}/mqttjs` }), base);
    assert.deepEqual(seen(fromWeb), [{ topic: `${base}/mqttjs`, payload: 'héllo from MQTT.js ✓', qos: 1, retain: false }]);

    // Paho -> itself and MQTT.js, at each QoS (Paho's QoS 2 publish resolves on PUBCOMP).
    await paho.evaluate(async (b) => {
      await lab.publish('paho', `${b}/paho0`, 'bonjour 0', { qos: 0 });
      await lab.publish('paho', `${b}/paho1`, 'bonjour 1', { qos: 1 });
      await lab.publish('paho', `${b}/paho2`, 'bonjour 2 ✓', { qos: 2 });
    }, base);
    const pahoGot = await paho.evaluate((n) => lab.messages('paho', { count: n }), 4);
    assert.deepEqual(seen(pahoGot).sort(byTopic), [
      { topic: `${base}/mqttjs`, payload: 'héllo from MQTT.js ✓', qos: 1, retain: false },
      { topic: `${base}/paho0`, payload: 'bonjour 0', qos: 0, retain: false },
      { topic: `${base}/paho1`, payload: 'bonjour 1', qos: 1, retain: false },
      { topic: `${base}/paho2`, payload: 'bonjour 2 ✓', qos: 2, retain: false },
    ]);
    const webGot = await web.evaluate((n) => lab.messages('web', { count: n }), 4);
    assert.deepEqual(seen(webGot).sort(byTopic), [
      { topic: `${base}/mqttjs`, payload: 'héllo from MQTT.js ✓', qos: 1, retain: false }, // its own
      { topic: `${base}/paho0`, payload: 'bonjour 0', qos: 0, retain: false },
      { topic: `${base}/paho1`, payload: 'bonjour 1', qos: 1, retain: false },
      { topic: `${base}/paho2`, payload: 'bonjour 2 ✓', qos: 1, retain: false }, // granted 1
    ]);

    // A retained message from Paho reaches a Paho client that subscribes later, flagged as retained.
    await paho.evaluate((b) => lab.publish('paho', `${b}/motd`, 'welcome', { qos: 1, retain: true }), base);
    const late = await lab.page('paho late');
    await late.evaluate((clientId) => lab.paho('late', { clientId }), `late-${id}`);
    await late.evaluate((b) => lab.subscribe('late', `${b}/motd`, 1), base);
    const motd = await late.evaluate(() => lab.messages('late', { count: 1 }));
    assert.deepEqual(seen(motd), [{ topic: `${base}/motd`, payload: 'welcome', qos: 1, retain: true }]);
    await paho.evaluate((b) => lab.publish('paho', `${b}/motd`, '', { qos: 1, retain: true }), base); // clear it

    for (const [page, name] of [[paho, 'paho'], [web, 'web'], [late, 'late']]) {
      await page.evaluate((n) => lab.end(n), name);
      await page.context().close();
    }
  });

test('Paho JS with MQTT 3.1 (subprotocol mqttv3.1) in Chromium connects and gets an MQTT.js message',
  { timeout: 30000 }, async () => {
    const id = uniqueId();
    const old = await lab.page('paho 3.1');
    await old.evaluate((clientId) => lab.paho('old', { clientId, mqttVersion: 3 }), `old-${id}`);
    assert.deepEqual(await old.evaluate((t) => lab.subscribe('old', t, 1), `legacy/${id}/#`), [1]);
    const web = await lab.page('mqtt.js 3.1.1');
    await web.evaluate((o) => lab.mqttjs('web', o), { protocolVersion: 4, clientId: `web-${id}` });
    await web.evaluate((t) => lab.publish('web', t, 'still here', { qos: 1 }), `legacy/${id}/ping`);
    const got = await old.evaluate(() => lab.messages('old', { count: 1 }));
    assert.deepEqual(seen(got), [{ topic: `legacy/${id}/ping`, payload: 'still here', qos: 1, retain: false }]);
    const [socket] = await old.evaluate(() => lab.sockets());
    assert.deepEqual([socket.offered, socket.negotiated], [['mqttv3.1'], 'mqttv3.1'], 'the 3.1 subprotocol');
    for (const [page, name] of [[old, 'old'], [web, 'web']]) {
      await page.evaluate((n) => lab.end(n), name);
      await page.context().close();
    }
  });
