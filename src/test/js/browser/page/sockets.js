// Loaded before the libraries: records the subprotocols each WebSocket offers and the one the broker chose,
// so that tests can check the handshake browsers depend on. The sockets themselves are the browser's own.
'use strict';

window.labSockets = [];
window.WebSocket = class RecordedWebSocket extends window.WebSocket {
  constructor(url, protocols) {
    super(url, protocols);
    const entry = { url: String(url), offered: [].concat(protocols ?? []), negotiated: null };
    window.labSockets.push(entry);
    this.addEventListener('open', () => {
      entry.negotiated = this.protocol;
    });
  }
};
