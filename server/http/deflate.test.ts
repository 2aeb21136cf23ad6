import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { adler32, adler32Combine, deflatePart, zlibStream } from './deflate';

describe('deflate parts', () => {
  it('computes Adler-32 as zlib does, and combines two without reading them again', () => {
    expect(adler32(Buffer.from('Wikipedia'))).toBe(0x11e60398);
    const data = randomBytes(200_000);
    for (const cut of [0, 1, 5_551, 5_552, 65_521, 199_999, 200_000]) {
      const [a, b] = [data.subarray(0, cut), data.subarray(cut)];
      expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(adler32(data));
    }
  });

  it('lays parts compressed on their own end to end as one zlib stream, checked by zlib as it inflates', () => {
    const text = (s: string) => Buffer.from(s);
    const parts = [
      text('{"steps":['),
      Buffer.from(JSON.stringify(Array.from({ length: 5_000 }, (_, i) => ({ id: `cab-${i}`, lat: 52.5 + i / 1e5 })))),
      text(','),
      randomBytes(70_000),
      text(']}'),
    ];
    const stream = Buffer.concat(zlibStream(parts.map(deflatePart)));
    expect(zlib.inflateSync(stream).equals(Buffer.concat(parts))).toBe(true);
    expect(stream.length).toBeLessThan(Buffer.concat(parts).length);
  });

  it('makes an empty stream of no parts', () => {
    expect(zlib.inflateSync(Buffer.concat(zlibStream([]))).length).toBe(0);
  });
});
