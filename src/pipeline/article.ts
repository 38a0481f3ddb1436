import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { cleanText } from '../clean/clean.ts';
import { convertToSimplified } from '../convert/convert.ts';
import type { ArticleDoc, MetaField } from '../document.ts';
import { extractClaims, toClaimRows } from '../claims/extract.ts';
import { extractDates } from '../extract/dates.ts';
import { extractEntities } from '../extract/entities.ts';
import { extractFigures } from '../extract/figures.ts';
import { decodeArticle } from '../ingest/decode.ts';
import { htmlToText } from '../ingest/html.ts';
import { segment } from '../text/segment.ts';
import { sentenceAt, splitSentences } from '../text/sentences.ts';
import type { LocalMention, Span } from '../types.ts';
import type { Resources } from './resources.ts';
import type { ArticleResult, ArticleRow } from './rows.ts';
import { ArticleError, articleIdOf, errorResult } from './article-result.ts';

export { ArticleError, articleIdOf, errorResult };

/** Run every per-article stage on one file. Never throws: failures become an `error` row. */
export function processArticleFile(path: string, file: string, resources: Resources): ArticleResult {
  const timings: Record<string, number> = {};
  const id = articleIdOf(file);
  let bytes: Buffer | null = null;
  try {
    const size = statSync(path).size;
    if (size > resources.maxFileBytes) {
      throw new ArticleError(`file is ${formatBytes(size)}, over the ${formatBytes(resources.maxFileBytes)} limit (ingest.maxFileBytes)`);
    }
    bytes = readFileSync(path);
    return processArticleBytes(id, file, bytes, resources, timings);
  } catch (error) {
    const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : '';
    return failed(id, file, sha256, error, timings);
  }
}

function failed(id: string, file: string, sha256: string, error: unknown, timings: Record<string, number>): ArticleResult {
  const message = error instanceof ArticleError ? error.message : `internal error: ${(error as Error)?.stack ?? String(error)}`;
  return errorResult(id, file, sha256, message, timings);
}

function timed<T>(timings: Record<string, number>, stage: string, work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    timings[stage] = (timings[stage] ?? 0) + (performance.now() - started);
  }
}

export function processArticleBytes(
  id: string,
  file: string,
  bytes: Uint8Array,
  resources: Resources,
  timings: Record<string, number> = {},
): ArticleResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const doc = timed(timings, 'ingest', () => ingest(id, file, bytes, sha256, resources));
    timed(timings, 'segment', () => {
      doc.sentences = splitSentences(doc.text);
      doc.tokens = segment(doc.text);
    });
    const ref = doc.meta.published?.value ?? resources.fallbackReference();
    doc.dates = timed(timings, 'dates', () => extractDates(doc.text, { ref }));
    doc.figures = timed(timings, 'figures', () => extractFigures(doc.text, { exclude: doc.dates }));
    doc.entities = timed(timings, 'entities', () => extractEntities(doc.text, doc.tokens, resources.entityLexicon));
    const claims = timed(timings, 'claims', () =>
      extractClaims({
        articleId: id,
        text: doc.text,
        sentences: doc.sentences,
        dates: doc.dates,
        figures: doc.figures,
        entities: doc.entities,
        tokens: doc.tokens,
      }),
    );
    return timed(timings, 'rows', () => toResult(doc, claims, timings));
  } catch (error) {
    return failed(id, file, sha256, error, timings);
  }
}

/** Decode, clean and convert: the layers every later stage reads. */
export function ingest(id: string, file: string, bytes: Uint8Array, sha256: string, resources: Resources): ArticleDoc {
  const decoded = decodeArticle(bytes);
  if (!decoded.ok) throw new ArticleError(decoded.reason);
  const raw = decoded.text;
  const isHtml = /\.html?$/i.test(file);
  // HTML is first turned into text; that is a rewrite too, so it has its own map.
  const html = isHtml ? htmlToText(raw) : null;
  const source = html ? html.text : raw;
  const sourceToRaw = html ? html.map : null;
  const htmlTitle: MetaField | null = html?.title
    ? { value: html.title.value, start: html.title.start, end: html.title.end, original: raw.slice(html.title.start, html.title.end) }
    : null;

  const cleaned = cleanText(source, resources.boilerplate, null);
  if (!cleaned.text.trim()) {
    throw new ArticleError(cleaned.dropped.length ? 'no article text: every line is boilerplate' : 'no article text: the file holds only white space');
  }
  const cleanToRaw = sourceToRaw ? cleaned.map.composeOnto(sourceToRaw) : cleaned.map;
  const meta = cleaned.meta;
  if (sourceToRaw) {
    for (const key of ['title', 'source', 'author', 'published'] as const) {
      const field = meta[key];
      if (!field) continue;
      const [start, end] = sourceToRaw.toSource(field.start, field.end);
      meta[key] = { ...field, start, end, original: raw.slice(start, end) };
    }
    if (htmlTitle && (!meta.title || htmlTitle.value.length >= 4)) meta.title = htmlTitle;
  }

  const conversion = convertToSimplified(cleaned.text, resources.convertPreset);
  return {
    id,
    file,
    raw,
    encoding: decoded.encoding,
    sha256,
    meta,
    cleanText: cleaned.text,
    script: conversion.script,
    text: conversion.text,
    toRaw: conversion.map.composeOnto(cleanToRaw),
    sentences: [],
    tokens: [],
    dates: [],
    figures: [],
    entities: [],
  };
}

/** Maps local Simplified offsets of a document to spans of its raw file. */
export function spanMapper(doc: Pick<ArticleDoc, 'raw' | 'text' | 'toRaw'>): (start: number, end: number) => Span {
  return (start, end) => {
    const [rawStart, rawEnd] = doc.toRaw.toSource(start, end);
    return { start: rawStart, end: rawEnd, text: doc.text.slice(start, end), original: doc.raw.slice(rawStart, rawEnd) };
  };
}

function toResult(doc: ArticleDoc, claims: ReturnType<typeof extractClaims>, timings: Record<string, number>): ArticleResult {
  const map = spanMapper(doc);
  const sentenceOf = (mention: LocalMention): string => {
    const index = sentenceAt(doc.sentences, mention.start);
    return index >= 0 ? doc.sentences[index].text : '';
  };
  const located = (mention: LocalMention) => {
    const span = map(mention.start, mention.end);
    return { article: doc.id, text: span.text, original: span.original, start: span.start, end: span.end, sentence: sentenceOf(mention) };
  };
  const article: ArticleRow = {
    id: doc.id,
    file: doc.file,
    title: doc.meta.title?.value ?? null,
    source: doc.meta.source?.value ?? null,
    published: doc.meta.published?.value ?? null,
    author: doc.meta.author?.value ?? null,
    script: doc.script,
    encoding: doc.encoding,
    chars: doc.raw.length,
    sha256: doc.sha256,
    status: 'ok',
    error: null,
  };
  return {
    article,
    dates: doc.dates.map((d) => ({
      ...located(d),
      value: d.value,
      approx: d.approx,
      basis: d.basis,
      implied: d.implied,
      rule: d.rule,
    })),
    figures: doc.figures.map((f) => ({
      ...located(f),
      kind: f.kind,
      value: f.value,
      max: f.max,
      approx: f.approx,
      currency: f.currency,
      currencyInferred: f.currencyInferred,
      unit: f.unit,
      rule: f.rule,
    })),
    entities: doc.entities.map((e) => ({
      ...located(e),
      entity: e.entity,
      type: e.type,
      discovered: e.discovered,
      rule: e.rule,
    })),
    claims: toClaimRows(doc.id, claims, map),
    tokens: doc.tokens.map((t) => t.text),
    timings,
  };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

