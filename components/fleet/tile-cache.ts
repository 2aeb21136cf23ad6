/** Keeps this many tiles; a long pan would otherwise hold every tile ever seen. */
const MAX_TILES = 256;

/** Raster tiles from a `{z}/{x}/{y}` URL template, loaded on first use; a failed tile is simply not drawn. */
export class TileCache {
  private readonly tiles = new Map<string, HTMLImageElement | null>();

  constructor(
    private readonly template: string,
    private readonly onLoad: () => void,
  ) {}

  get(z: number, x: number, y: number): HTMLImageElement | undefined {
    const max = 2 ** z;
    if (y < 0 || y >= max) return undefined;
    const wrappedX = ((x % max) + max) % max;
    const key = `${z}/${wrappedX}/${y}`;
    const cached = this.tiles.get(key);
    if (cached !== undefined) return cached?.complete && cached.naturalWidth > 0 ? cached : undefined;
    if (this.tiles.size >= MAX_TILES) this.tiles.delete(this.tiles.keys().next().value as string);
    const image = new Image();
    image.crossOrigin = 'anonymous';
    image.onload = this.onLoad;
    image.onerror = () => this.tiles.set(key, null);
    image.src = this.template.replace('{z}', String(z)).replace('{x}', String(wrappedX)).replace('{y}', String(y));
    this.tiles.set(key, image);
    return undefined;
  }
}
