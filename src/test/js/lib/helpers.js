// What the MQTT.js tests share: where the broker is, unique names, connecting, and waiting for messages with
// a deadline. Every wait is bounded, so a missing message fails the test instead of hanging the run.
import mqtt from 'mqtt';

export const wsUrl = process.env.STRATUS_WS_URL ?? 'ws://127.0.0.1:8080/mqtt';
export const tcpUrl = process.env.STRATUS_TCP_URL ?? 'tcp://127.0.0.1:1883';

/** How long any single expected event may take. */
export const TIMEOUT_MS = 5000;

export const VERSIONS = [
  { protocolVersion: 4, label: '3.1.1' },
  { protocolVersion: 5, label: '5.0' },
];

let sequence = 0;
const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;

/** A name unique to this run and this call: client ids and topic levels, since the broker outlives each test. */
export function unique(prefix) {
  sequence += 1;
  return `${prefix}-${run}-${sequence}`;
}

/** Rejects after `ms` with a message naming what was awaited. */
export function within(promise, what, ms = TIMEOUT_MS) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * An MQTT.js client that starts collecting messages before it connects (a resumed session may deliver at once)
 * and is ended when the test ends. `inbox.next()` gives the next message as { topic, payload, packet }.
 */
export function open(t, url, options) {
  const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: TIMEOUT_MS, ...options });
  client.inbox = inbox(client);
  client.on('error', () => {}); // failures surface through the awaited promises
  t.after(() => client.endAsync(true).catch(() => {}));
  return client;
}

/** Opens a client and waits for its CONNACK; resolves to [client, connack]. */
export async function connected(t, url, options) {
  const client = open(t, url, options);
  const connack = await within(new Promise((resolve, reject) => {
    client.once('connect', resolve);
    client.once('error', reject);
    client.once('close', () => reject(new Error(`connection of ${options.clientId ?? 'client'} closed`)));
  }), `CONNACK for ${options.clientId ?? 'a client'}`);
  return [client, connack];
}

function inbox(client) {
  const queue = [];
  const waiting = [];
  client.on('message', (topic, payload, packet) => {
    const m = { topic, payload, packet };
    const w = waiting.shift();
    if (w) {
      w(m);
    } else {
      queue.push(m);
    }
  });
  return {
    /** The next message, failing after TIMEOUT_MS. */
    next(what = 'a message') {
      if (queue.length > 0) {
        return Promise.resolve(queue.shift());
      }
      return within(new Promise((resolve) => waiting.push(resolve)), `${what} for ${client.options.clientId}`);
    },
    /** The next n messages, in order of arrival. */
    async take(n, what = `${n} messages`) {
      const out = [];
      try {
        for (let i = 0; i < n; i += 1) {
          out.push(await this.next(what));
        }
      } catch (e) {
        throw new Error(`${e.message} (received ${out.length} of ${n})`);
      }
      return out;
    },
    /** Messages received and not yet taken. */
    get pending() {
      return queue.length;
    },
  };
}

/** Resolves when the client's connection closes. */
export function closed(client, what = 'the connection to close') {
  if (!client.connected && client.disconnected) {
    return Promise.resolve();
  }
  return within(new Promise((resolve) => client.once('close', resolve)), what);
}
