/** How the camera tree lists cameras: by device, by area, favourites, recently viewed. */
export type TreeMode = 'device' | 'area' | 'favourites' | 'recent';
export const TREE_MODES: readonly TreeMode[] = ['device', 'area', 'favourites', 'recent'];

/** A camera as the tree marks it; `unknown` until something has watched it. */
export type CameraStatus = 'online' | 'offline' | 'auth_failed' | 'unknown';
