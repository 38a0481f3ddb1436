import type { OffsetMap } from './text/offsets.ts';
import type { DateMention, EntityMention, FigureMention, LocalMention, Token } from './types.ts';

export type Script = 'simplified' | 'traditional' | 'mixed';

/** A metadata field read from the article, with where it stands in the raw file. */
export interface MetaField {
  value: string;
  start: number;
  end: number;
  original: string;
}

export interface ArticleMeta {
  title: MetaField | null;
  source: MetaField | null;
  author: MetaField | null;
  /** Publication date as YYYY-MM-DD (the `value`), with the raw span it was read from. */
  published: MetaField | null;
}

/**
 * One article as it moves through the per-article stages. Each stage reads some layers and adds
 * others; all `LocalMention` offsets in the layers point into `text` (cleaned, Simplified), and
 * `toRaw` maps them back to `raw`, the decoded original file, which is never modified.
 */
export interface ArticleDoc {
  id: string;
  /** Path of the file relative to the input folder. */
  file: string;
  raw: string;
  encoding: string;
  sha256: string;
  meta: ArticleMeta;
  /** Cleaned body (boilerplate removed), still in the original script. */
  cleanText: string;
  script: Script;
  /** Cleaned body converted to Simplified: the text every extractor reads. */
  text: string;
  /** Maps `text` offsets to `raw` offsets. */
  toRaw: OffsetMap;
  sentences: LocalMention[];
  tokens: Token[];
  dates: DateMention[];
  figures: FigureMention[];
  entities: EntityMention[];
}
