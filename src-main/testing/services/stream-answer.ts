import type { StreamFacts, StreamOpenAnswer } from '../../common/contract/index.js';

/** The stream to play from an `sw:stream:open` answer; fails the test when the plan is dark. */
export function playableFacts(answer: StreamOpenAnswer): StreamFacts {
  if (answer.plan === 'dark') throw new Error(`expected a playable stream, the plan is dark (${answer.reason})`);
  return answer;
}
