import { describe, expect, it } from 'vitest';
import { OffsetMap, OffsetMapBuilder } from '../../src/text/offsets.ts';

describe('OffsetMap', () => {
  it('maps copied and replaced pieces back to their source ranges', () => {
    const source = 'ab&#25105;cd';
    const { text, map } = new OffsetMapBuilder().copy(source, 0, 2).replace('我', 2, 10).copy(source, 10, 12).build(source.length);
    expect(text).toBe('ab我cd');
    expect(map.toSource(0, 2)).toEqual([0, 2]);
    expect(map.toSource(2, 3)).toEqual([2, 10]);
    expect(map.toSource(1, 4)).toEqual([1, 11]);
    expect(source.slice(...map.toSource(2, 5))).toBe('&#25105;cd');
  });

  it('maps empty spans and rejects spans outside the text', () => {
    const map = OffsetMap.identity(3);
    expect(map.toSource(3, 3)).toEqual([3, 3]);
    expect(map.toSource(1, 1)).toEqual([1, 1]);
    expect(() => map.toSource(2, 4)).toThrow(RangeError);
  });

  it('composes two maps so a span goes straight to the first source', () => {
    const raw = 'xx說話yy';
    const clean = new OffsetMapBuilder().copy(raw, 2, 4).build(raw.length); // drop the x's and y's
    expect(clean.text).toBe('說話');
    const converted = new OffsetMapBuilder().replace('说', 0, 1).copy(clean.text, 1, 2).build(clean.text.length);
    const composed = converted.map.composeOnto(clean.map);
    expect(raw.slice(...composed.toSource(0, 2))).toBe('說話');
    expect(raw.slice(...composed.toSource(1, 2))).toBe('話');
  });
});
