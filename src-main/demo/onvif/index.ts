// Demo ONVIF device for the first-run demo and for tests.
export { startOnvifStub } from './onvif-stub.js';
export type { AuthLogEntry, OnvifStub, OnvifStubState, RequestLogEntry } from './onvif-stub.js';
export type { OnvifStubAuth, OnvifStubOptions, StubProfileToken, StubRecording, StubVideo } from './stub-options.js';
export type { PtzCommandDetails, PtzLogEntry } from './stub-context.js';
export type { PtzVector } from './ptz-simulator.js';
export type { StubPreset } from './ptz-presets.js';
