// In-page helpers that the browser tests drive through page.evaluate. They only drive the two libraries and
// record what they report (events, messages, acknowledgements); every assertion runs in Node on the values
// returned. Times are Date.now() so that pages of one browser can be compared.
'use strict';

(() => {
  const brokerUrl = new URLSearchParams(location.search).get('broker');
  const clients = new Map();

  /** What one client did, and promises that wait (bounded) for more of it. */
  class Recorder {
    constructor(library, client) {
      this.library = library;
      this.client = client;
      this.events = [];
      this.messages = [];
      this.waiters = new Set();
    }

    event(type, detail = {}) {
      this.events.push({ type, at: Date.now(), ...detail });
      this.wake();
    }

    message(m) {
      this.messages.push({ ...m, at: Date.now() });
      this.wake();
    }

    wake() {
      for (const check of [...this.waiters]) {
        check();
      }
    }

    /** Resolves true once test() holds, or false after timeoutMs: the caller reports what it got. */
    until(test, timeoutMs) {
      return new Promise((resolve) => {
        let timer;
        const check = () => {
          if (test()) {
            finish(true);
          }
        };
        const finish = (ok) => {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(ok);
        };
        timer = setTimeout(() => finish(false), timeoutMs);
        this.waiters.add(check);
        check();
      });
    }
  }

  function recorder(name) {
    const r = clients.get(name);
    if (!r) {
      throw new Error(`no client named ${name}`);
    }
    return r;
  }

  /** Connects MQTT.js (options as mqtt.connect takes them); resolves on CONNACK, rejects on error or close. */
  async function mqttjs(name, options) {
    const client = mqtt.connect(brokerUrl, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
    const r = new Recorder('mqttjs', client);
    clients.set(name, r);
    client.on('connect', (connack) => r.event('connect', {
      sessionPresent: connack.sessionPresent,
      returnCode: connack.reasonCode ?? connack.returnCode ?? 0,
    }));
    client.on('message', (topic, payload, packet) => r.message({
      topic,
      payload: new TextDecoder().decode(payload),
      qos: packet.qos,
      retain: packet.retain,
      dup: packet.dup,
      contentType: packet.properties?.contentType,
      userProperties: packet.properties?.userProperties,
    }));
    client.on('disconnect', (packet) => r.event('disconnect', { reasonCode: packet.reasonCode }));
    client.on('close', () => r.event('close'));
    client.on('offline', () => r.event('offline'));
    client.on('reconnect', () => r.event('reconnect'));
    client.on('error', (e) => r.event('error', { message: String(e && e.message) }));
    const ok = await r.until(() => r.events.some((e) => ['connect', 'error', 'close'].includes(e.type)), 10000);
    const first = r.events.find((e) => ['connect', 'error', 'close'].includes(e.type));
    if (!ok || first.type !== 'connect') {
      throw new Error(`${name}: no CONNACK: ${JSON.stringify(r.events)}`);
    }
    return { sessionPresent: first.sessionPresent, returnCode: first.returnCode };
  }

  /** Connects Eclipse Paho JavaScript: MQTT 3.1.1 by default, 3.1 with mqttVersion 3; no fallback. */
  async function paho(name, { clientId, cleanSession = true, keepAliveInterval = 30, mqttVersion = 4 }) {
    const client = new Paho.Client(brokerUrl, clientId);
    const r = new Recorder('paho', client);
    r.delivered = new Map();
    clients.set(name, r);
    client.onMessageArrived = (m) => r.message({
      topic: m.destinationName,
      payload: m.payloadString,
      qos: m.qos,
      retain: m.retained,
      dup: m.duplicate,
    });
    client.onMessageDelivered = (m) => {
      const resolve = r.delivered.get(m);
      r.delivered.delete(m);
      if (resolve) {
        resolve();
      }
    };
    client.onConnectionLost = (e) => r.event('close', { errorCode: e.errorCode, message: e.errorMessage });
    await new Promise((resolve, reject) => client.connect({
      mqttVersion,
      mqttVersionExplicit: true,
      cleanSession,
      keepAliveInterval,
      timeout: 5,
      onSuccess: () => {
        r.event('connect');
        resolve();
      },
      onFailure: (e) => reject(new Error(`${name}: connect failed: ${e.errorCode} ${e.errorMessage}`)),
    }));
    return {};
  }

  /** Subscribes; resolves with the granted QoS of each filter (128 = failure). */
  async function subscribe(name, filter, qos) {
    const r = recorder(name);
    if (r.library === 'mqttjs') {
      const granted = await r.client.subscribeAsync(filter, { qos });
      return granted.map((g) => g.qos);
    }
    return new Promise((resolve, reject) => r.client.subscribe(filter, {
      qos,
      timeout: 5,
      onSuccess: (res) => resolve(Array.from(res.grantedQos)), // the SUBACK's return codes (a Uint8Array)
      onFailure: (e) => reject(new Error(`${name}: subscribe ${filter} failed: ${JSON.stringify(e)}`)),
    }));
  }

  /** Publishes; resolves once the library reports the flow complete (QoS 1 PUBACK, QoS 2 PUBCOMP). */
  async function publish(name, topic, payload, { qos = 0, retain = false } = {}) {
    const r = recorder(name);
    if (r.library === 'mqttjs') {
      await r.client.publishAsync(topic, payload, { qos, retain });
      return Date.now();
    }
    const m = new Paho.Message(payload);
    m.destinationName = topic;
    m.qos = qos;
    m.retained = retain;
    const delivered = new Promise((resolve) => r.delivered.set(m, resolve));
    r.client.send(m);
    const timeout = new Promise((resolve, reject) => setTimeout(
      () => reject(new Error(`${name}: publish to ${topic} not acknowledged in 5 s`)), 5000));
    await Promise.race([delivered, timeout]);
    return Date.now();
  }

  /**
   * Publishes a dashboard feed: every intervalMs one reading per line, JSON {seq, line, value, sentAt} on
   * prefix/lineN/temp, for durationMs. Resolves with the count sent once every publish has completed.
   */
  async function feed(name, { prefix, lines, intervalMs, durationMs, qos }) {
    const r = recorder(name);
    const started = Date.now();
    const sends = [];
    let seq = 0;
    while (Date.now() - started < durationMs) {
      for (let line = 1; line <= lines; line++) {
        const reading = { seq: seq++, line, value: Math.round(200 + 50 * Math.sin(seq / 25)) / 10, sentAt: Date.now() };
        sends.push(r.client.publishAsync(`${prefix}/line${line}/temp`, JSON.stringify(reading), { qos }));
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs)); // the feed's pace, not a wait for a result
    }
    await Promise.all(sends);
    return { sent: seq, elapsedMs: Date.now() - started };
  }

  /** Shows the latest reading of each line in a table, the way a dashboard would. */
  function render(name) {
    const table = document.createElement('table');
    table.id = `dashboard-${name}`;
    document.body.append(table);
    recorder(name).client.on('message', (topic, payload) => {
      const reading = JSON.parse(new TextDecoder().decode(payload));
      const id = `${name}-line${reading.line}`;
      let cell = document.getElementById(id);
      if (!cell) {
        const row = table.insertRow();
        row.insertCell().textContent = `line ${reading.line}`;
        cell = row.insertCell();
        cell.id = id;
      }
      cell.textContent = `${reading.value} #${reading.seq}`;
    });
  }

  /** Waits (bounded) until count messages have arrived, or one on the given topic; returns them all. */
  async function messages(name, { count, topic, timeoutMs = 10000 }) {
    const r = recorder(name);
    await r.until(() => (count !== undefined && r.messages.length >= count)
      || (topic !== undefined && r.messages.some((m) => m.topic === topic)), timeoutMs);
    return r.messages.slice();
  }

  /** Waits (bounded) until count events of the type have happened; returns every event so far. */
  async function events(name, { type, count = 1, timeoutMs = 10000 }) {
    const r = recorder(name);
    await r.until(() => r.events.filter((e) => e.type === type).length >= count, timeoutMs);
    return r.events.slice();
  }

  /** Ends the client cleanly (MQTT.js: DISCONNECT; Paho: disconnect()). */
  async function end(name) {
    const r = recorder(name);
    if (r.library === 'mqttjs') {
      await r.client.endAsync();
    } else if (r.client.isConnected()) {
      r.client.disconnect();
    }
  }

  /** Every WebSocket this page opened: the subprotocols offered and the one the broker chose (sockets.js). */
  function sockets() {
    return window.labSockets.slice();
  }

  window.lab = { brokerUrl, mqttjs, paho, subscribe, publish, feed, render, messages, events, end, sockets };
  document.getElementById('status').textContent = `ready: MQTT.js and Paho loaded, broker ${brokerUrl}`;
})();
