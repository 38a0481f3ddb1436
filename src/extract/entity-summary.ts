import type { EntityMention, EntityType } from '../types.ts';

export interface EntitySummaryRow {
  entity: string;
  type: EntityType;
  /** Distinct surface texts seen, most frequent first (the CSV writer joins them with `|`). */
  aliases: string[];
  mentions: number;
  articles: number;
  /** True when every mention came from discovery rules rather than the lexicon. */
  discovered: boolean;
}

/** Mentions as the summary reads them; `mentions` > 1 stands for that many identical mentions. */
export type SummarizedMention = Pick<EntityMention, 'entity' | 'type' | 'text' | 'discovered'> & { article: string; mentions?: number };

/**
 * One row per (canonical entity, type): the surfaces seen, how often it is mentioned and in how
 * many articles. Sorted by mentions (descending), then entity and type, so reruns are stable.
 */
export function summarizeEntities(rows: SummarizedMention[]): EntitySummaryRow[] {
  const groups = new Map<string, { entity: string; type: EntityType; surfaces: Map<string, number>; mentions: number; articles: Set<string>; discovered: boolean }>();
  for (const row of rows) {
    const key = `${row.type}\u0000${row.entity}`;
    let group = groups.get(key);
    if (!group) {
      group = { entity: row.entity, type: row.type, surfaces: new Map(), mentions: 0, articles: new Set(), discovered: true };
      groups.set(key, group);
    }
    const count = row.mentions ?? 1;
    group.mentions += count;
    group.articles.add(row.article);
    group.surfaces.set(row.text, (group.surfaces.get(row.text) ?? 0) + count);
    if (!row.discovered) group.discovered = false;
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .map((g) => ({
      entity: g.entity,
      type: g.type,
      aliases: [...g.surfaces.entries()].sort((a, b) => b[1] - a[1] || compare(a[0], b[0])).map(([surface]) => surface),
      mentions: g.mentions,
      articles: g.articles.size,
      discovered: g.discovered,
    }))
    .sort((a, b) => b.mentions - a.mentions || compare(a.entity, b.entity) || compare(a.type, b.type));
}
