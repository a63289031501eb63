// Which of a camera's streams a tile asks for, from its real size on screen: the sub-stream
// for small tiles, the main stream for large, maximised or zoomed ones. Two thresholds
// (hysteresis), so a tile near the line does not flip between streams while a window is dragged.

export type Profile = 'main' | 'sub';

/** Wider than this (CSS px) and the tile asks for the main stream. */
export const MAIN_ABOVE_PX = 640;
/** A tile on the main stream goes back to the sub-stream only when narrower than this. */
export const SUB_BELOW_PX = 560;

export interface ChoiceInput {
  /** The tile's width on screen, CSS px (0 before the first measurement). */
  widthPx: number;
  maximised: boolean;
  /** Digitally zoomed in: the picture is enlarged, the sub-stream would be a blur. */
  zoomed: boolean;
  /** The operator chose a stream for this tile (tile action); it wins over the size. */
  override?: Profile | undefined;
}

export function chooseProfile(current: Profile | undefined, input: ChoiceInput): Profile {
  if (input.override) return input.override;
  if (input.maximised || input.zoomed) return 'main';
  if (input.widthPx > MAIN_ABOVE_PX) return 'main';
  if (current === 'main' && input.widthPx >= SUB_BELOW_PX) return 'main';
  return 'sub';
}
