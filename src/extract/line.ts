import { convertToSimplified } from '../convert/convert.ts';
import type { Resources } from '../pipeline/resources.ts';
import { segment } from '../text/segment.ts';
import type { LocalMention } from '../types.ts';
import { extractDates } from './dates.ts';
import { extractEntities } from './entities.ts';
import { extractFigures } from './figures.ts';

export interface ExtractRequest {
  id?: string | number | null;
  text: string;
  /** Reference (publication) date, YYYY-MM-DD. */
  ref?: string | null;
}

/**
 * Extract dates, figures and entities from one line of text (the `extract` command). Traditional
 * text is converted first; offsets point into the line as given, `text` is Simplified and
 * `original` the surface as given.
 */
export function extractLine(request: ExtractRequest, resources: Resources, today: string) {
  const raw = request.text;
  const conversion = convertToSimplified(raw, resources.convertPreset);
  const text = conversion.text;
  const locate = <T extends LocalMention>(mention: T) => {
    const [start, end] = conversion.map.toSource(mention.start, mention.end);
    return { ...mention, start, end, text: mention.text, original: raw.slice(start, end) };
  };
  const dates = extractDates(text, { ref: request.ref ?? today });
  const figures = extractFigures(text, { exclude: dates });
  const entities = extractEntities(text, segment(text), resources.entityLexicon);
  return {
    id: request.id ?? null,
    text: raw,
    dates: dates.map(locate),
    figures: figures.map(locate),
    entities: entities.map(locate),
  };
}
