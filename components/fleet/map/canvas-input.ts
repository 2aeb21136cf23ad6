import type { WorldPoint } from '@/lib/fleet/map-geometry';

export interface MapInputHandlers {
  /** The pointer moved without a button held (screen px in the canvas). */
  hover: (at: WorldPoint) => void;
  /** A press and release without dragging. */
  click: (at: WorldPoint) => void;
  pan: (dx: number, dy: number) => void;
  /** Wheel: `delta` zoom levels around `at`. */
  zoom: (at: WorldPoint, delta: number) => void;
  leave: () => void;
}

/** A press that moves less than this (px) is still a click. */
const CLICK_SLOP_PX = 2;

/** Turns the canvas's mouse and wheel events into map gestures. Returns the teardown. */
export function attachMapInput(canvas: HTMLCanvasElement, handlers: MapInputHandlers): () => void {
  let drag: { x: number; y: number; moved: boolean } | null = null;
  const local = (event: MouseEvent): WorldPoint => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  const onMove = (event: MouseEvent) => {
    const at = local(event);
    if (!drag) return handlers.hover(at);
    const dx = at.x - drag.x;
    const dy = at.y - drag.y;
    if (dx === 0 && dy === 0) return;
    drag = { x: at.x, y: at.y, moved: drag.moved || Math.abs(dx) + Math.abs(dy) > CLICK_SLOP_PX };
    handlers.pan(dx, dy);
  };
  const onDown = (event: MouseEvent) => {
    const at = local(event);
    drag = { x: at.x, y: at.y, moved: false };
  };
  const onUp = (event: MouseEvent) => {
    const wasDrag = drag?.moved ?? false;
    drag = null;
    if (!wasDrag) handlers.click(local(event));
  };
  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    handlers.zoom(local(event), -event.deltaY / 400);
  };
  const onLeave = () => {
    drag = null;
    handlers.leave();
  };
  canvas.addEventListener('mousemove', onMove);
  canvas.addEventListener('mousedown', onDown);
  canvas.addEventListener('mouseup', onUp);
  canvas.addEventListener('mouseleave', onLeave);
  canvas.addEventListener('wheel', onWheel, { passive: false });
  return () => {
    canvas.removeEventListener('mousemove', onMove);
    canvas.removeEventListener('mousedown', onDown);
    canvas.removeEventListener('mouseup', onUp);
    canvas.removeEventListener('mouseleave', onLeave);
    canvas.removeEventListener('wheel', onWheel);
  };
}
