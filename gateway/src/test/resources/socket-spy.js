// Wraps the page's WebSocket, unchanged until a test says otherwise: it records each address asked for and each
// frame sent, can hold reconnects off (sending them to a path the gateway refuses) and can drop every frame that
// arrives, as a lost answer would, counting what it dropped. Installed by Person.spyOnSockets.
if (!window.socketSpy) {
  const spy = { urls: [], sockets: [], sent: [], held: false, muted: false, dropped: 0 };
  const Real = window.WebSocket;
  window.WebSocket = class extends Real {
    constructor(url, protocols) {
      spy.urls.push(String(url));
      super(spy.held ? location.origin.replace(/^http/, 'ws') + '/ws/held/' : url, protocols); // 404
      spy.sockets.push(this);
    }
    addEventListener(type, listener, options) {
      const heard = type !== 'message' ? listener : (event) => {
        if (spy.muted) spy.dropped++; else listener.call(this, event);
      };
      super.addEventListener(type, heard, options);
    }
    send(data) {
      spy.sent.push(String(data));
      super.send(data);
    }
  };
  window.socketSpy = spy;
}
