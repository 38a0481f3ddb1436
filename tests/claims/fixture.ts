/**
 * Hand-made mention fixtures for claim tests: every mention is located in the fixture text by its
 * surface (the n-th occurrence), so offsets are exact and independent of the real extractors.
 */
import type { ClaimInput } from '../../src/claims/extract.ts';
import { splitSentences } from '../../src/text/sentences.ts';
import type {
  Approximation,
  DateBasis,
  DateMention,
  EntityMention,
  EntityType,
  FigureKind,
  FigureMention,
  Granularity,
  LocalMention,
  Token,
} from '../../src/types.ts';

export function locate(text: string, surface: string, occurrence = 0): LocalMention {
  let from = 0;
  for (let i = 0; ; i++) {
    const start = text.indexOf(surface, from);
    if (start < 0) throw new Error(`fixture: "${surface}" (#${occurrence}) not in "${text}"`);
    if (i === occurrence) return { start, end: start + surface.length, text: surface };
    from = start + 1;
  }
}

export class Fixture {
  readonly entities: EntityMention[] = [];
  readonly dates: DateMention[] = [];
  readonly figures: FigureMention[] = [];
  readonly tokens: Token[] = [];

  constructor(readonly text: string, readonly articleId = 'a1') {}

  entity(surface: string, canonical: string, type: EntityType, occurrence = 0, discovered = false): this {
    this.entities.push({ ...locate(this.text, surface, occurrence), entity: canonical, type, discovered, rule: 'fixture' });
    return this;
  }

  date(
    surface: string,
    start: string,
    granularity: Granularity,
    options: { end?: string; basis?: DateBasis; approx?: boolean; occurrence?: number } = {},
  ): this {
    this.dates.push({
      ...locate(this.text, surface, options.occurrence ?? 0),
      value: { start, end: options.end ?? null, granularity },
      approx: options.approx ?? false,
      basis: options.basis ?? 'explicit',
      implied: [],
      rule: 'fixture',
    });
    return this;
  }

  figure(
    surface: string,
    kind: FigureKind,
    value: number,
    options: { max?: number; approx?: Approximation; currency?: string; inferred?: boolean; unit?: string; occurrence?: number } = {},
  ): this {
    this.figures.push({
      ...locate(this.text, surface, options.occurrence ?? 0),
      kind,
      value,
      max: options.max ?? null,
      approx: options.approx ?? 'exact',
      currency: options.currency ?? null,
      currencyInferred: options.inferred ?? false,
      unit: options.unit ?? null,
      rule: 'fixture',
    });
    return this;
  }

  token(surface: string, tag: string, occurrence = 0): this {
    this.tokens.push({ ...locate(this.text, surface, occurrence), tag });
    return this;
  }

  input(): ClaimInput {
    return {
      articleId: this.articleId,
      text: this.text,
      sentences: splitSentences(this.text),
      dates: this.dates,
      figures: this.figures,
      entities: this.entities,
      tokens: this.tokens,
    };
  }
}
