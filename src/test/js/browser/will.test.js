// Wills from browsers: a tab closed without DISCONNECT and a browser killed outright leave the broker to
// publish their wills; a page that ends its session cleanly leaves none.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Lab, launchKillableChromium, uniqueId } from './harness.js';

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

test('wills from Chromium: a closed tab (3.1.1) and a killed browser (5.0) get their wills out, a clean end none',
  { timeout: 60000 }, async () => {
    const id = uniqueId();
    const base = `will/${id}`;
    const watcher = await lab.page('watcher 5.0');
    await watcher.evaluate((o) => lab.mqttjs('watcher', o), { protocolVersion: 5, clientId: `watcher-${id}` });
    await watcher.evaluate((b) => lab.subscribe('watcher', `${b}/#`, 2), base);

    // keepalive 60 s: a will within the 20 s below comes from the closed socket, not from keep-alive expiry.
    const withWill = (clientId, protocolVersion, topic, payload, properties) => ({
      clientId, protocolVersion, keepalive: 60, will: { topic, payload, qos: 1, retain: false, properties },
    });

    // 1. A page that ends its session: DISCONNECT, so its will is discarded [MQTT-3.1.2-10].
    const tidy = await lab.page('tidy 3.1.1');
    await tidy.evaluate((o) => lab.mqttjs('tidy', o), withWill(`tidy-${id}`, 4, `${base}/tidy`, 'tidy gone'));
    await tidy.evaluate(() => lab.end('tidy'));
    await tidy.context().close();

    // 2. The user closes the tab: the page's WebSocket goes with it, no MQTT DISCONNECT.
    const tab = await lab.page('tab 3.1.1');
    await tab.evaluate((o) => lab.mqttjs('tab', o), withWill(`tab-${id}`, 4, `${base}/tab`, 'tab gone'));
    const closedAt = Date.now();
    await tab.context().close();
    let got = await watcher.evaluate((t) => lab.messages('watcher', { topic: t, timeoutMs: 20000 }), `${base}/tab`);
    const tabWill = got.find((m) => m.topic === `${base}/tab`);
    assert.ok(tabWill, `no will after the tab closed; got ${JSON.stringify(got)}`);
    assert.equal(tabWill.payload, 'tab gone');
    assert.equal(tabWill.qos, 1);
    assert.equal(tabWill.retain, false);
    console.log(`tab closed -> will in ${tabWill.at - closedAt} ms`);

    // 3. The whole browser dies (SIGKILL): the kernel closes its sockets. 5.0 will properties come along.
    const doomed = await launchKillableChromium();
    let killedAt;
    try {
      const crashing = await lab.page('crashing 5.0', doomed.browser);
      await crashing.evaluate((o) => lab.mqttjs('crashing', o), withWill(`crashing-${id}`, 5, `${base}/crashed`,
        'browser crashed', { contentType: 'text/plain', userProperties: { page: 'dashboard' } }));
    } finally {
      killedAt = Date.now();
      await doomed.kill();
    }
    got = await watcher.evaluate((t) => lab.messages('watcher', { topic: t, timeoutMs: 20000 }), `${base}/crashed`);
    const crashWill = got.find((m) => m.topic === `${base}/crashed`);
    assert.ok(crashWill, `no will after the browser was killed; got ${JSON.stringify(got)}`);
    assert.deepEqual(
      { payload: crashWill.payload, qos: crashWill.qos, contentType: crashWill.contentType, user: crashWill.userProperties },
      { payload: 'browser crashed', qos: 1, contentType: 'text/plain', user: { page: 'dashboard' } });
    console.log(`browser killed -> will in ${crashWill.at - killedAt} ms`);

    // Nothing else came, the clean end's will least of all: once this marker is in, a stray will would be too.
    await watcher.evaluate((b) => lab.publish('watcher', `${b}/zz`, 'end', { qos: 1 }), base);
    got = await watcher.evaluate((t) => lab.messages('watcher', { topic: t }), `${base}/zz`);
    assert.deepEqual(got.map((m) => m.topic).sort(), [`${base}/crashed`, `${base}/tab`, `${base}/zz`]);

    await watcher.evaluate(() => lab.end('watcher'));
    await watcher.context().close();
  });
