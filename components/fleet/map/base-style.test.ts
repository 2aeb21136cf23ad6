import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, SourceSpecification } from '@maplibre/maplibre-gl-style-spec';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { streetStyle } from './base-style';
import { addVehicleLayers } from './vehicle-layers';

afterEach(() => vi.unstubAllGlobals());

describe('fleet map style', () => {
  it("passes MapLibre's own validation, base and vehicle layers together", () => {
    const style = streetStyle('http://127.0.0.1/api/fleet/streets');
    // No canvas in Node: the icons are skipped, the layers and sources are what is checked.
    vi.stubGlobal('window', { devicePixelRatio: 1 });
    vi.stubGlobal('document', { createElement: () => ({ getContext: () => null }) });
    const map = {
      hasImage: () => false,
      addImage: () => undefined,
      on: () => undefined,
      addSource: (id: string, source: SourceSpecification) => (style.sources[id] = source),
      addLayer: (layer: LayerSpecification) => style.layers.push(layer),
    };
    addVehicleLayers(map as unknown as MapLibreMap);
    expect(validateStyleMin(style).map((error) => error.message)).toEqual([]);
    expect(style.layers.map((layer) => layer.id)).toEqual(expect.arrayContaining(['water', 'roads', 'bridges', 'vehicle-arrow', 'vehicle-clusters', 'trail']));
  });
});
