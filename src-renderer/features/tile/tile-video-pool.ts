import { VideoElementPool } from '../../player/index.js';

/** One pool for every tile of this window: reused elements, and a cap under Chromium's live-player limit. */
export const tileVideoPool = new VideoElementPool();
