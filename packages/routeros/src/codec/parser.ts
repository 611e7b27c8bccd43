import { ProtocolError, readLength } from './length.ts';

/** Limits that keep a hostile or corrupt peer from making the parser buffer without bound. */
export interface ParserLimits {
  /** Largest accepted word in bytes (default 16 MiB). */
  readonly maxWordBytes?: number;
  /** Largest accepted sentence in bytes, all words together (default 64 MiB). */
  readonly maxSentenceBytes?: number;
  /** Most words in one sentence (default 1,000,000). */
  readonly maxWords?: number;
}

/**
 * Incremental sentence parser: feed it socket chunks of any size and it returns every sentence
 * completed so far as arrays of raw word bytes. Words are views into the fed chunks; copy one
 * before keeping it long-term. Framing is by length prefixes only; NUL bytes may
 * appear inside lengths and values. After a {@link ProtocolError} the parser stays failed,
 * because the stream position can no longer be trusted.
 */
export class SentenceParser {
  readonly #maxWord: number;
  readonly #maxSentence: number;
  readonly #maxWords: number;
  #pending: Buffer | undefined;
  #words: Buffer[] = [];
  #sentenceBytes = 0;
  #failed: ProtocolError | undefined;

  constructor(limits: ParserLimits = {}) {
    this.#maxWord = limits.maxWordBytes ?? 16 * 1024 * 1024;
    this.#maxSentence = limits.maxSentenceBytes ?? 64 * 1024 * 1024;
    this.#maxWords = limits.maxWords ?? 1_000_000;
  }

  /** Bytes held for an incomplete word or sentence. */
  get bufferedBytes(): number {
    return (this.#pending?.length ?? 0) + this.#sentenceBytes;
  }

  /** True when no partial sentence is held, i.e. the stream may end here cleanly. */
  get idle(): boolean {
    return this.#pending === undefined && this.#words.length === 0;
  }

  /** Feeds a chunk; returns the sentences it completes (possibly none). */
  push(chunk: Uint8Array): Buffer[][] {
    if (this.#failed) throw this.#failed;
    let buf: Buffer;
    if (this.#pending) {
      buf = Buffer.concat([this.#pending, chunk]);
      this.#pending = undefined;
    } else {
      buf = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    const out: Buffer[][] = [];
    let off = 0;
    try {
      while (off < buf.length) {
        const len = readLength(buf, off);
        if (!len) break;
        if (len.length > this.#maxWord) {
          throw new ProtocolError(`word of ${len.length} bytes exceeds limit ${this.#maxWord}`);
        }
        if (this.#sentenceBytes + len.length > this.#maxSentence) {
          throw new ProtocolError(`sentence exceeds ${this.#maxSentence} bytes`);
        }
        const end = off + len.size + len.length;
        if (end > buf.length) break;
        if (len.length === 0) {
          if (this.#words.length > 0) out.push(this.#words);
          this.#words = [];
          this.#sentenceBytes = 0;
        } else {
          if (this.#words.length >= this.#maxWords) {
            throw new ProtocolError(`sentence exceeds ${this.#maxWords} words`);
          }
          // A view, not a copy: callers decode words at once, so nothing pins the chunk.
          this.#words.push(buf.subarray(off + len.size, end));
          this.#sentenceBytes += len.length;
        }
        off = end;
      }
    } catch (err) {
      this.#fail(err as ProtocolError);
      throw err;
    }
    if (off < buf.length) this.#pending = Buffer.from(buf.subarray(off));
    return out;
  }

  /** Signals end of stream; throws if it ends inside a word or sentence. */
  end(): void {
    if (this.#failed) return;
    if (!this.idle) {
      const err = new ProtocolError('stream ended inside a sentence (truncated word)');
      this.#fail(err);
      throw err;
    }
  }

  #fail(err: ProtocolError): void {
    this.#failed = err;
    this.#pending = undefined;
    this.#words = [];
    this.#sentenceBytes = 0;
  }
}
