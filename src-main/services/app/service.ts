import os from 'node:os';
import type { AppInfo, Problem } from '../../common/contract/index.js';
import type { EventBus } from '../../ipc/event-bus.js';

export interface AppService {
  info(): AppInfo;
  /** Tells the operator about something that needs them (a failed save, say), now and in getInfo. */
  report(problem: Omit<Problem, 'at'>): void;
}

export interface AppServiceOptions {
  mode: AppInfo['mode'];
  version: string;
  /** Problems found before the service existed (e.g. a quarantined settings file). */
  problems: Problem[];
  bus: EventBus;
}

/** Problems kept for getInfo; a window opened later still sees why something is off. */
const MAX_PROBLEMS = 50;

export function createAppService(opts: AppServiceOptions): AppService {
  const problems = [...opts.problems];
  return {
    info: () => ({ name: 'Skywall', version: opts.version, mode: opts.mode, platform: `${os.platform()}-${os.arch()}`, problems: [...problems] }),
    report(p) {
      const problem: Problem = { ...p, at: new Date().toISOString() };
      problems.push(problem);
      if (problems.length > MAX_PROBLEMS) problems.splice(0, problems.length - MAX_PROBLEMS);
      opts.bus.emit('sw:app:onDidReportProblem', problem);
    },
  };
}
