import { useState, type ReactNode } from 'react';
import type { LayoutCell } from '@common/model/wall-layout.js';
import { isCameraDrag, readCameraDragPayload, type CameraDragPayload } from '../tree/drag-data.js';

/** A tile dragged within the wall carries its index (a swap); its own type keeps it apart from cameras. */
const TILE_DRAG_TYPE = 'application/x-skywall-tile';

interface WallCellProps {
  index: number;
  cell: LayoutCell;
  /** Another tile fills the wall: this one is hidden (and its player stops, as it is not seen). */
  hidden: boolean;
  maximised: boolean;
  hasCamera: boolean;
  onMaximise(): void;
  onDropCameras(payload: CameraDragPayload): void;
  onSwap(from: number): void;
  children: ReactNode;
}

/**
 * One tile's place on the wall: where its cell sits on the grid, its number, and what the wall
 * does with it (double-click maximises, cameras and other tiles can be dropped on it).
 */
export function WallCell({ index, cell, hidden, maximised, hasCamera, onMaximise, onDropCameras, onSwap, children }: WallCellProps) {
  const [dropping, setDropping] = useState(false);
  const accepts = (dt: DataTransfer) => isCameraDrag(dt) || dt.types.includes(TILE_DRAG_TYPE);
  const place = maximised ? { gridRow: '1 / -1', gridColumn: '1 / -1' } : { gridRow: `${cell.row + 1} / span ${cell.rowSpan}`, gridColumn: `${cell.col + 1} / span ${cell.colSpan}` };
  return (
    <div
      className={`sw-wall-cell${dropping ? ' dropping' : ''}`}
      style={place}
      hidden={hidden}
      data-testid="wall-cell"
      data-index={index}
      draggable={hasCamera}
      onDragStart={(e) => {
        e.dataTransfer.setData(TILE_DRAG_TYPE, String(index));
        e.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(e) => {
        if (!accepts(e.dataTransfer)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = isCameraDrag(e.dataTransfer) ? 'copy' : 'move';
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        const cameras = readCameraDragPayload(e.dataTransfer);
        const from = Number.parseInt(e.dataTransfer.getData(TILE_DRAG_TYPE), 10);
        if (!cameras && !Number.isInteger(from)) return;
        e.preventDefault();
        if (cameras) onDropCameras(cameras);
        else onSwap(from);
      }}
      onDoubleClick={(e) => {
        e.preventDefault();
        onMaximise();
      }}
      onMouseDown={(e) => {
        // A double-click maximises; it must not select the tile's text.
        if (e.detail > 1) e.preventDefault();
      }}
    >
      {children}
      <span className="sw-tile-number" aria-hidden="true" data-testid="tile-number">
        {index + 1}
      </span>
    </div>
  );
}
