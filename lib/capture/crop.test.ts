import { describe, expect, it } from 'vitest';
import { cropRect, scaledSize } from './crop';

const image = { width: 2560, height: 1440 };

describe('cropRect', () => {
  it('maps CSS pixels to image pixels with the device pixel ratio', () => {
    expect(cropRect({ x: 100, y: 50, width: 600, height: 200 }, 2, image)).toEqual({ x: 200, y: 100, width: 1200, height: 400 });
    expect(cropRect({ x: 100, y: 50, width: 600, height: 200 }, 1, image)).toEqual({ x: 100, y: 50, width: 600, height: 200 });
  });

  it('rounds fractional rects outwards so the whole element is kept', () => {
    expect(cropRect({ x: 10.4, y: 20.6, width: 100.2, height: 50.1 }, 1.5, image)).toEqual({ x: 15, y: 30, width: 151, height: 77 });
  });

  it('clamps an element partly above, left of, right of or below the viewport to the image', () => {
    expect(cropRect({ x: -50, y: -30, width: 200, height: 100 }, 2, image)).toEqual({ x: 0, y: 0, width: 300, height: 140 });
    expect(cropRect({ x: 1200, y: 700, width: 400, height: 300 }, 2, image)).toEqual({ x: 2400, y: 1400, width: 160, height: 40 });
  });

  it('answers null when nothing of the element is on screen', () => {
    expect(cropRect({ x: 0, y: -500, width: 300, height: 200 }, 1, image)).toBeNull();
    expect(cropRect({ x: 3000, y: 0, width: 300, height: 200 }, 1, image)).toBeNull();
  });
});

describe('scaledSize', () => {
  it('keeps crops up to the width cap and scales wider ones down with their aspect ratio', () => {
    expect(scaledSize({ width: 1600, height: 900 })).toEqual({ width: 1600, height: 900 });
    expect(scaledSize({ width: 3200, height: 1001 })).toEqual({ width: 1600, height: 501 });
    expect(scaledSize({ width: 5000, height: 1 })).toEqual({ width: 1600, height: 1 });
  });
});
