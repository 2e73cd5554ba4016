// A dashboard with a persistent session loses its socket when the broker drops it (as a draining node does);
// MQTT.js reconnects by itself, the broker resumes the session, and the QoS 1 messages published while the page
// was away arrive, in order, without the page subscribing again. Needs the test build's drop endpoint
// (io.stratusmq.testing.ConnectionControl), so it runs under BrowserTest.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Lab, dropConnection, uniqueId } from './harness.js';

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

const QUEUED = 20;

for (const v of [{ protocolVersion: 5, label: '5.0' }, { protocolVersion: 4, label: '3.1.1' }]) {
  test(`MQTT.js ${v.label} in Chromium reconnects after the broker drops it and resumes its session`,
    { timeout: 60000 }, async () => {
      const id = uniqueId();
      const base = `orders/${id}`;
      const clientId = `dash-${id}`;
      const dash = await lab.page(`dash ${v.label}`);
      const options = {
        protocolVersion: v.protocolVersion,
        clientId,
        clean: false, // 5.0: Clean Start 0
        ...(v.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 300 } } : {}),
        resubscribe: false, // only the broker's stored session can bring the messages back
        reconnectPeriod: 2500, // the publishes below take a few ms: they are in long before the page is back
      };
      const first = await dash.evaluate((o) => lab.mqttjs('dash', o), options);
      assert.equal(first.sessionPresent, false, 'a new client id has no session');
      assert.deepEqual(await dash.evaluate((b) => lab.subscribe('dash', `${b}/#`, 1), base), [1]);

      const pub = await lab.page('publisher');
      await pub.evaluate((o) => lab.mqttjs('pub', o), { protocolVersion: 5, clientId: `pub-${id}` });
      await pub.evaluate((b) => lab.publish('pub', `${b}/live`, 'before', { qos: 1 }), base);
      await dash.evaluate(() => lab.messages('dash', { count: 1 }));

      assert.equal(await dropConnection(clientId), 1, 'connections dropped');
      let events = await dash.evaluate(() => lab.events('dash', { type: 'close', timeoutMs: 10000 }));
      const closed = events.find((e) => e.type === 'close');
      assert.ok(closed, `the page saw no close: ${JSON.stringify(events)}`);
      if (v.protocolVersion === 5) {
        const disconnect = events.find((e) => e.type === 'disconnect');
        assert.equal(disconnect?.reasonCode, 0x8b, 'DISCONNECT 0x8B server shutting down [MQTT-3.14.2.1]');
      }

      // Pipelined (sent in this order on one connection), so that all are in well before the reconnect.
      const lastAck = await pub.evaluate(async ({ b, n }) => Math.max(...await Promise.all(
        Array.from({ length: n }, (_, i) => lab.publish('pub', `${b}/queued`, `order ${i}`, { qos: 1 })))),
      { b: base, n: QUEUED });

      events = await dash.evaluate(() => lab.events('dash', { type: 'connect', count: 2, timeoutMs: 15000 }));
      const connects = events.filter((e) => e.type === 'connect');
      assert.equal(connects.length, 2, `the page did not reconnect: ${JSON.stringify(events)}`);
      assert.equal(connects[1].sessionPresent, true, 'session present on reconnect [MQTT-3.2.2-2]');
      console.log(`${v.label}: closed at +0 ms, ${QUEUED} publishes acknowledged at +${lastAck - closed.at} ms, `
        + `back at +${connects[1].at - closed.at} ms`);
      assert.ok(lastAck < connects[1].at, 'the publishes finish while the page is away');

      let got = await dash.evaluate((n) => lab.messages('dash', { count: n, timeoutMs: 15000 }), 1 + QUEUED);
      // "before" comes again, first and with DUP, when the page's PUBACK for it had not reached the broker when
      // the broker dropped the connection: QoS 1 delivers at least once [MQTT-4.3.2], [MQTT-4.4.0-1].
      const isRedelivery = (m) => m.payload === 'before';
      const again = got.slice(1).filter(isRedelivery).length;
      if (again > 0) {
        got = await dash.evaluate((n) => lab.messages('dash', { count: n, timeoutMs: 15000 }), 1 + again + QUEUED);
      }
      assert.ok(again <= 1, `"before" delivered ${again + 1} times`);
      assert.deepEqual(got.slice(1, 1 + again).map(({ payload, dup }) => ({ payload, dup })),
        again ? [{ payload: 'before', dup: true }] : [], 'a redelivery of the unacknowledged message comes first');
      const queued = got.slice(1 + again).map(({ topic, payload, qos, dup }) => ({ topic, payload, qos, dup }));
      assert.deepEqual(queued, Array.from({ length: QUEUED },
        (_, i) => ({ topic: `${base}/queued`, payload: `order ${i}`, qos: 1, dup: false })),
      'every message queued while away, once and in order');

      // And the live feed carries on on the resumed subscription.
      await pub.evaluate((b) => lab.publish('pub', `${b}/live`, 'after', { qos: 1 }), base);
      const later = await dash.evaluate((n) => lab.messages('dash', { count: n }), 2 + again + QUEUED);
      assert.deepEqual(later.slice(1 + again + QUEUED).map((m) => m.payload), ['after']);

      // Leave no session behind: a clean 5.0 start or a 3.1.1 clean session replaces it.
      await dash.evaluate(() => lab.end('dash'));
      await dash.evaluate((o) => lab.mqttjs('cleanup', o),
        { protocolVersion: v.protocolVersion, clientId, clean: true });
      await dash.evaluate(() => lab.end('cleanup'));
      await pub.evaluate(() => lab.end('pub'));
      await dash.context().close();
      await pub.context().close();
    });
}
