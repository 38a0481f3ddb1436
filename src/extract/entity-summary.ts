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
  const summary = new EntitySummary();
  for (const row of rows) summary.add(row.article, row.entity, row.type, row.text, row.discovered, row.mentions ?? 1);
  return summary.rows();
}

interface EntityTally {
  entity: string;
  type: EntityType;
  surfaces: Map<string, number>;
  mentions: number;
  articles: Set<string>;
  discovered: boolean;
}

/**
 * The entity summary, built up mention by mention. The rows do not depend on the order mentions
 * are added in, so a rerun can add the unchanged articles' mentions first and the new ones last.
 */
export class EntitySummary {
  /** Type → entity → its tally (nested maps: no key string to build per mention). */
  private readonly byType = new Map<EntityType, Map<string, EntityTally>>();

  /** Add `count` identical mentions of `entity` (as `text`) in `article`. */
  add(article: string, entity: string, type: EntityType, text: string, discovered: boolean, count = 1): void {
    let tallies = this.byType.get(type);
    if (!tallies) this.byType.set(type, (tallies = new Map()));
    let group = tallies.get(entity);
    if (!group) {
      group = { entity, type, surfaces: new Map(), mentions: 0, articles: new Set(), discovered: true };
      tallies.set(entity, group);
    }
    group.mentions += count;
    group.articles.add(article);
    group.surfaces.set(text, (group.surfaces.get(text) ?? 0) + count);
    if (!discovered) group.discovered = false;
  }

  rows(): EntitySummaryRow[] {
    const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return [...this.byType.values()]
      .flatMap((tallies) => [...tallies.values()])
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
}
