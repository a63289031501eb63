import type { StateCreator } from 'zustand';
import type { AppActions } from './app/actions-shape.js';
import type { AuditActions } from './audit/actions-shape.js';
import type { AuditState } from './audit/initialState.js';
import type { AppState } from './app/initialState.js';
import type { DevicesActions } from './devices/actions-shape.js';
import type { DevicesState } from './devices/initialState.js';
import type { HealthActions } from './health/actions-shape.js';
import type { HealthState } from './health/initialState.js';
import type { SettingsActions } from './settings/actions-shape.js';
import type { SettingsState } from './settings/initialState.js';
import type { StreamsActions } from './streams/actions-shape.js';
import type { StreamsState } from './streams/initialState.js';
import type { TreeActions } from './tree/actions-shape.js';
import type { TreeState } from './tree/initialState.js';
import type { WallsActions } from './walls/actions-shape.js';
import type { WallsState } from './walls/initialState.js';

/** The renderer's one store: a slice per domain, each with its state, actions and selectors. */
export type Store = AppState & AppActions & SettingsState & SettingsActions & DevicesState & DevicesActions & WallsState & WallsActions & StreamsState & StreamsActions & AuditState & AuditActions & TreeState & TreeActions & HealthState & HealthActions;

/** How each slice is written: it sees the whole store, returns only its own part. */
export type SliceCreator<Slice> = StateCreator<Store, [], [], Slice>;
