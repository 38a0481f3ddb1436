/**
 * Offset maps from a derived text back to its source text.
 *
 * A map stores, for every UTF-16 unit `i` of the derived text, the source range of the piece that
 * produced it: `sourceStart[i]` and `sourceEnd[i]`. Units copied verbatim map to a one-unit range;
 * units produced by a replacement (an HTML entity, a converted character whose length changed) map
 * to the whole replaced source range, so a span can never point inside a replacement.
 * Maps compose, so cleaning (raw → clean) and conversion (clean → simplified) give one map
 * simplified → raw.
 */
export class OffsetMap {
  private constructor(
    readonly sourceStart: Int32Array,
    readonly sourceEnd: Int32Array,
    /** Length of the source text, used to map the empty span at the very end. */
    readonly sourceLength: number,
  ) {}

  get length(): number {
    return this.sourceStart.length;
  }

  /** The identity map over a text of `length` units. */
  static identity(length: number): OffsetMap {
    const starts = new Int32Array(length);
    const ends = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    return new OffsetMap(starts, ends, length);
  }

  /** Map a derived span `[start, end)` to its source span. */
  toSource(start: number, end: number): [number, number] {
    if (start < 0 || end > this.length || start > end) {
      throw new RangeError(`span [${start}, ${end}) is outside a text of length ${this.length}`);
    }
    if (start === end) {
      const at = start < this.length ? this.sourceStart[start] : this.sourceLength;
      return [at, at];
    }
    return [this.sourceStart[start], this.sourceEnd[end - 1]];
  }

  /** `this` maps C → B and `inner` maps B → A; the result maps C → A. */
  composeOnto(inner: OffsetMap): OffsetMap {
    const n = this.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const [s, e] = inner.toSource(this.sourceStart[i], this.sourceEnd[i]);
      starts[i] = s;
      ends[i] = e;
    }
    return new OffsetMap(starts, ends, inner.sourceLength);
  }

  static builder(): OffsetMapBuilder {
    return new OffsetMapBuilder();
  }

  /** @internal used by the builder. */
  static fromArrays(starts: Int32Array, ends: Int32Array, sourceLength: number): OffsetMap {
    return new OffsetMap(starts, ends, sourceLength);
  }
}

/** Builds a derived text and its map piece by piece. */
export class OffsetMapBuilder {
  private parts: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];

  /** Append `source.slice(from, to)` unchanged. */
  copy(source: string, from: number, to: number): this {
    if (to <= from) return this;
    this.parts.push(source.slice(from, to));
    for (let i = from; i < to; i++) {
      this.starts.push(i);
      this.ends.push(i + 1);
    }
    return this;
  }

  /** Append `replacement`, produced from the source range `[from, to)`. */
  replace(replacement: string, from: number, to: number): this {
    this.parts.push(replacement);
    for (let i = 0; i < replacement.length; i++) {
      this.starts.push(from);
      this.ends.push(to);
    }
    return this;
  }

  build(sourceLength: number): { text: string; map: OffsetMap } {
    return {
      text: this.parts.join(''),
      map: OffsetMap.fromArrays(Int32Array.from(this.starts), Int32Array.from(this.ends), sourceLength),
    };
  }
}
