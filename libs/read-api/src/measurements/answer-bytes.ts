/**
 * An answer's text written straight into Buffers, chunk after chunk. A string built by concatenation is
 * a rope that Node flattens again when it encodes it for the socket; for an answer of hundreds of
 * thousands of points that building and flattening cost more than everything else the API does with
 * them (docs/benchmarks.md, "Read path: where the one-point-per-row answers go"). Here each piece is
 * copied once, into the chunk that is sent.
 */
const CHUNK_BYTES = 256 * 1024;
/** The most bytes one piece may take without being checked first (a number, a short constant). */
const PIECE_BYTES = 64;
/** Pieces up to this size are copied byte by byte: cheaper than the call into a native copy. */
const SHORT_PIECE = 48;
/** The chunk of a writer that has handed everything over: the next piece allocates a fresh one. */
const NO_CHUNK = Buffer.alloc(0);

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, d) => 10 ** d);
/** Below it every decimal is one double and the shortest text of that double is the decimal (DBL_DIG = 15). */
const FIFTEEN_DIGITS = 1e15;
/** Below it (and above 0) JavaScript writes a number with an exponent: `String` keeps that form. */
const SMALLEST_PLAIN = 1e-6;

export class AnswerBytes {
  readonly #chunkBytes: number;
  #chunk: Buffer;
  #at = 0;
  #full: Buffer[] = [];

  /** `chunkBytes`: the size of the chunks handed over (a piece larger than it gets a chunk of its own). */
  constructor(chunkBytes = CHUNK_BYTES) {
    this.#chunkBytes = chunkBytes;
    this.#chunk = Buffer.allocUnsafe(chunkBytes);
  }

  /** Whether a chunk filled since the last takeFull(). */
  get hasFull(): boolean {
    return this.#full.length > 0;
  }

  /** Chunks filled since the last call: they are the caller's to send (never written again). */
  takeFull(): Buffer[] {
    const full = this.#full;
    this.#full = [];
    return full;
  }

  /** Every chunk not yet taken, the last one cut to what it holds; the writer starts over, empty. */
  end(): Buffer[] {
    const rest = this.takeFull();
    if (this.#at > 0) rest.push(this.#chunk.subarray(0, this.#at));
    this.#chunk = NO_CHUNK;
    this.#at = 0;
    return rest;
  }

  #room(bytes: number): void {
    if (this.#at + bytes <= this.#chunk.length) return;
    if (this.#at > 0) this.#full.push(this.#chunk.subarray(0, this.#at));
    this.#chunk = Buffer.allocUnsafe(Math.max(this.#chunkBytes, bytes));
    this.#at = 0;
  }

  /** Bytes prepared once (a constant, a label shared by many points). */
  bytes(piece: Uint8Array): void {
    const length = piece.length;
    this.#room(length);
    const chunk = this.#chunk;
    let at = this.#at;
    if (length <= SHORT_PIECE) for (let k = 0; k < length; k++) chunk[at++] = piece[k]!;
    else {
      chunk.set(piece, at);
      at += length;
    }
    this.#at = at;
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    this.#room(s.length * 3);
    this.#at += this.#chunk.write(s, this.#at, 'utf8');
  }

  /** A non-negative integer below 2^53 digit by digit; anything else as `String` writes it. */
  integer(n: number): void {
    if (!(Number.isSafeInteger(n) && n >= 0)) return this.text(String(n));
    this.#room(PIECE_BYTES);
    this.#digits(n, 0);
  }

  /**
   * A finite number byte for byte as `String(v)` writes it, fast when it is a decimal of at most
   * `decimals` decimals (what the answers' rounding leaves): then v is the double nearest n / 10^d for
   * the integer n = round(v·10^d), and with fewer than 16 significant digits no shorter text names that
   * double, so its shortest text — JavaScript's — is the decimal n / 10^d without trailing zeros.
   */
  decimal(v: number, decimals: number): void {
    const power = POWERS_OF_TEN[decimals];
    if (power !== undefined) {
      const n = Math.round(v * power);
      const size = Math.abs(n);
      if (n / power === v && size < FIFTEEN_DIGITS && (n === 0 || Math.abs(v) >= SMALLEST_PLAIN)) {
        this.#room(PIECE_BYTES);
        if (n < 0) this.#chunk[this.#at++] = 0x2d; // '-'
        this.#digits(size, decimals);
        return;
      }
    }
    this.text(String(v));
  }

  /** The digits of integer n ≥ 0 read as n / 10^decimals: trailing fractional zeros and a bare point left out. */
  #digits(n: number, decimals: number): void {
    let fraction = decimals;
    while (fraction > 0 && n % 10 === 0) {
      n /= 10;
      fraction -= 1;
    }
    let length = 1;
    for (let rest = n; rest >= 10; rest = (rest - (rest % 10)) / 10) length += 1;
    if (length <= fraction) length = fraction + 1; // 0.05: the zeros before the first digit
    const chunk = this.#chunk;
    let at = this.#at + length + (fraction > 0 ? 1 : 0);
    this.#at = at;
    for (let k = 0; k < length; k++) {
      if (k === fraction && fraction > 0) chunk[--at] = 0x2e; // '.'
      const digit = n % 10;
      chunk[--at] = 0x30 + digit;
      n = (n - digit) / 10;
    }
  }
}

/** ASCII or UTF-8 text as bytes, for pieces written many times. */
export const bytesOf = (s: string): Buffer => Buffer.from(s, 'utf8');

/** What a bucket's count and completeness are written from (fill.ts' EmittedBucket has these and more). */
export interface BucketCounts {
  count: number;
  estimated: number;
  substituted: number;
}
export type CountsWriter = (out: AnswerBytes, p: BucketCounts, expected: number | null) => void;

/** Counts (and expected counts) below it have their bytes kept. */
const KEPT_COUNTS = 1 << 16;

/**
 * A bucket's count and completeness, when it has no estimated or substituted reading (nearly every
 * bucket), are fixed by (count, expected): `write` runs once per pair an answer meets and its bytes are
 * copied after, one copy per point instead of a dozen pieces.
 */
export function keptPerCount(write: CountsWriter): CountsWriter {
  const kept = new Map<number, Buffer>();
  const scratch = new AnswerBytes(256);
  return (out, p, expected) => {
    if (p.estimated !== 0 || p.substituted !== 0 || p.count >= KEPT_COUNTS || (expected ?? 0) >= KEPT_COUNTS)
      return write(out, p, expected);
    const key = (expected === null ? 0 : expected + 1) * KEPT_COUNTS + p.count;
    let bytes = kept.get(key);
    if (!bytes) {
      write(scratch, p, expected);
      kept.set(key, (bytes = Buffer.concat(scratch.end())));
    }
    out.bytes(bytes);
  };
}
