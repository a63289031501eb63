import type { Problem } from '@common/contract/index.js';
import { appService } from '../../services/app.js';
import { subscribeThenFetch, type Unsubscribe } from '../../services/sync.js';
import type { SliceCreator } from '../types.js';
import type { AppActions } from './actions-shape.js';
import { appInitialState, type AppState } from './initialState.js';
import { loadDismissed, problemKey, rememberDismissed } from './dismissed-problems.js';


const sameProblem = (a: Problem, b: Problem): boolean => a.code === b.code && a.at === b.at && JSON.stringify(a.params ?? {}) === JSON.stringify(b.params ?? {});

export const createAppSlice: SliceCreator<AppState & AppActions> = (set, get) => {
  let following: Unsubscribe[] = [];
  let generation = 0;
  const dismissed = loadDismissed();
  const shown = (p: Problem): boolean => !dismissed.has(problemKey(p));
  const followInfo = () =>
    subscribeThenFetch(appService.onProblem, appService.getInfo, {
      snapshot: (info) => set({ info, problems: [...info.problems.filter(shown), ...get().problems.filter((p) => !info.problems.some((q) => sameProblem(p, q)))] }),
      // A problem reported while getInfo was answered may be in its list already.
      event: (p) => {
        if (shown(p) && !get().problems.some((q) => sameProblem(p, q))) set({ problems: [...get().problems, p] });
      },
    });

  // Health is extra information: the wall works without it, so its failure does not fail the load.
  const followHealthIfAny = (): Promise<Unsubscribe> => get().followHealth().catch((): Unsubscribe => () => undefined);

  return {
    ...appInitialState,

    async load() {
      get().unload();
      const mine = ++generation;
      const started = await Promise.allSettled([followInfo(), get().followSettings(), get().followDevices(), get().followWall(), followHealthIfAny()]);
      const stops = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      if (mine !== generation) {
        for (const stop of stops) stop(); // unloaded (or loaded again) while this load was under way
        return;
      }
      following = stops;
      set({ status: started.every((r) => r.status === 'fulfilled') ? 'ready' : 'failed' });
    },

    unload() {
      generation++;
      for (const stop of following) stop();
      following = [];
    },

    dismissProblem(p) {
      rememberDismissed(dismissed, p);
      set({ problems: get().problems.filter((x) => x !== p) });
    },

    followConnection() {
      return appService.onConnection((up) => {
        if (!up) return set({ connected: false });
        // Main may have restarted: its state, walls and streams are fetched and opened afresh.
        set({ connected: true, reconnects: get().reconnects + 1 });
        void get().load();
      });
    },
  };
};
