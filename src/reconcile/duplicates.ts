/**
 * Near-duplicate articles (one piece republished by several sites) by MinHash over token shingles
 * with locality-sensitive hashing: each article is hashed once (one-permutation MinHash), and only
 * articles sharing an LSH band are compared, so the cost grows with the corpus, not its square.
 */

export interface DuplicateInput {
  id: string;
  published: string | null;
  tokens: string[];
  /** A precomputed `signature(tokens)` (e.g. stored per article), used instead of the tokens. */
  signature?: ArrayLike<number> | null;
}

const BINS = 128;
const SHINGLE = 3;
/** Members of an LSH bucket compared with each new member: bounds the work on large clusters of copies. */
const COMPARE_PER_BUCKET = 4;
const EMPTY = 0xffffffff;

/** murmur3 finalizer: spreads the bits of a 32-bit value. */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Tokens that carry text: white space and punctuation do not tell articles apart. */
function isWord(token: string): boolean {
  return /[\p{L}\p{N}]/u.test(token);
}

/** FNV-1a hash of a token, or 0 when it has no letter or digit (white space, punctuation). */
function tokenHash(token: string): number {
  let h = 0x811c9dc5;
  let word = false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    h ^= c;
    h = Math.imul(h, 0x01000193);
    if (!word) {
      if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122)) word = true;
      else if (c >= 128) word = isWord(token[i]);
    }
  }
  return word ? h >>> 0 || 1 : 0;
}

/** One-permutation MinHash signature with rotation densification; null for an article without words. */
export function signature(tokens: readonly string[]): Uint32Array | null {
  const hashes: number[] = [];
  for (const token of tokens) {
    const h = tokenHash(token);
    if (h !== 0) hashes.push(h);
  }
  if (hashes.length === 0) return null;
  const bins = new Uint32Array(BINS).fill(EMPTY);
  const add = (h: number) => {
    const bin = mix(h ^ 0x9e3779b9) % BINS;
    const value = mix(h);
    if (value < bins[bin]) bins[bin] = value;
  };
  if (hashes.length < SHINGLE) {
    add(hashes.reduce((acc, h) => mix(Math.imul(acc, 31) + h), 0));
  } else {
    for (let i = 0; i + SHINGLE <= hashes.length; i++) {
      add(mix(Math.imul(hashes[i], 0x01000193) ^ mix(Math.imul(hashes[i + 1], 31) + hashes[i + 2])));
    }
  }
  // Empty bins borrow the next filled bin's value, salted by the distance, so short texts still compare.
  const filled = bins.map((v) => (v === EMPTY ? 0 : 1));
  for (let i = 0; i < BINS; i++) {
    if (filled[i]) continue;
    for (let step = 1; step < BINS; step++) {
      const j = (i + step) % BINS;
      if (filled[j]) {
        bins[i] = mix(bins[j] + step);
        break;
      }
    }
  }
  return bins;
}

/** The signature as plain numbers, for storing with an article (JSON, SQLite). */
export function articleSignature(tokens: readonly string[]): number[] | null {
  const sig = signature(tokens);
  return sig ? Array.from(sig) : null;
}

export function estimatedSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let equal = 0;
  for (let i = 0; i < BINS; i++) if (a[i] === b[i]) equal++;
  return equal / BINS;
}

/**
 * LSH bands for a threshold: the most rows per band (fewest spurious candidates) such that two
 * articles at the threshold similarity share a band with probability at least 0.999.
 */
export function bandsFor(threshold: number): { bands: number; rows: number } {
  for (let rows = 16; rows > 1; rows--) {
    const bands = Math.floor(BINS / rows);
    if (1 - (1 - threshold ** rows) ** bands >= 0.999) return { bands, rows };
  }
  return { bands: BINS, rows: 1 };
}

/**
 * Map each duplicate article to the representative of its group of copies: the earliest published,
 * then the smallest id. Articles that are nobody's copy are not in the map.
 */
export function findDuplicates(articles: readonly DuplicateInput[], threshold: number): Record<string, string> {
  const order = [...articles].sort(
    (a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const signatures = order.map((a) => (a.signature !== undefined ? (a.signature && a.signature.length === BINS ? a.signature : null) : signature(a.tokens)));
  const parent = order.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    // The earlier article (lower index in `order`) stays the root: it is the representative.
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  // One map per band, keyed by the hash of the band's rows as a 32-bit integer (which V8 keeps
  // unboxed): a hash collision only adds a candidate.
  const { bands, rows } = bandsFor(threshold);
  const buckets = Array.from({ length: bands }, () => new Map<number, number[]>());
  signatures.forEach((sig, index) => {
    if (!sig) return;
    for (let band = 0; band < bands; band++) {
      let h = band;
      for (let r = band * rows; r < band * rows + rows; r++) h = mix(Math.imul(h, 0x01000193) ^ sig[r]);
      const key = h | 0;
      let members = buckets[band].get(key);
      if (!members) {
        members = [];
        buckets[band].set(key, members);
      }
      // A bucket never holds more than COMPARE_PER_BUCKET members (see the push below).
      for (const other of members) {
        if (find(other) === find(index)) continue;
        if (estimatedSimilarity(sig, signatures[other]!) >= threshold) union(other, index);
      }
      if (members.length < COMPARE_PER_BUCKET) members.push(index);
    }
  });
  const duplicateOf: Record<string, string> = {};
  order.forEach((article, index) => {
    const root = find(index);
    if (root !== index) duplicateOf[article.id] = order[root].id;
  });
  return duplicateOf;
}
