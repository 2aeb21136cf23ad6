import type { GeoBounds } from '@/lib/fleet/city-bounds';
import type { Viewport, WorldPoint } from '@/lib/fleet/map-geometry';
import { fitBounds, panBy, zoomAt } from '@/lib/fleet/map-geometry';

/**
 * The canvas's view of the world: sized to the element (device pixels for sharpness, CSS pixels
 * for drawing), starting on the city, moved by pan and zoom. `onChange` asks for a redraw.
 */
export class CanvasViewport {
  current: Viewport;
  private readonly observer: ResizeObserver;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly ctx: CanvasRenderingContext2D,
    home: GeoBounds,
    private readonly onChange: () => void,
  ) {
    this.current = fitBounds(home, canvas.clientWidth || 800, canvas.clientHeight || 500);
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(canvas);
    this.resize();
    this.current = fitBounds(home, this.current.width, this.current.height);
  }

  pan(dx: number, dy: number): void {
    this.current = panBy(this.current, dx, dy);
    this.onChange();
  }

  zoom(anchor: WorldPoint, delta: number): void {
    this.current = zoomAt(this.current, anchor, delta);
    this.onChange();
  }

  dispose(): void {
    this.observer.disconnect();
  }

  private resize(): void {
    const ratio = window.devicePixelRatio || 1;
    const width = this.canvas.clientWidth;
    const height = this.canvas.clientHeight;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.current = { ...this.current, width, height };
    this.onChange();
  }
}
