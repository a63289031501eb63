// Notes when the page asks for a stream: Skywall's host-mode bridge sends contract calls as JSON
// over a WebSocket, so a wrapped WebSocket.send sees each `sw:stream:open` the moment it leaves.
// Installed before the page's own scripts; exposes `window.swOpens`.

const opens: number[] = [];
const originalSend = WebSocket.prototype.send;

WebSocket.prototype.send = function send(this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
  if (typeof data === 'string' && data.includes('"sw:stream:open"')) opens.push(Date.now());
  return originalSend.call(this, data);
};

/** Date.now() of every sw:stream:open sent since the last call. */
function takeOpens(): number[] {
  return opens.splice(0, opens.length);
}

(window as unknown as { swOpens: { take: typeof takeOpens } }).swOpens = { take: takeOpens };
