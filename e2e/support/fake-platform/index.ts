// Fake county-platform media server for e2e tests (ZLMediaKit's HTTP-FLV, WS-FLV, HTTP-TS, HLS).
export { startFakePlatform, type FakePlatform, type StreamUrls, type ViewerKind } from './fake-platform-server.js';
export { loadClipSource, type ClipSource } from './clip-source.js';
