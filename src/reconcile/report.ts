/**
 * output/report.md, for reading: conflicts first, with the quotes of each side as written and in
 * Simplified; then copies found; then, per entity, a timeline of the facts the articles agree on.
 */
import type { ClaimRow } from '../claims/types.ts';
import type { ConflictRow } from './decide.ts';
import { formatDate, formatObject, plural } from './format.ts';
import type { ArticleInfo, ReconcileResult } from './reconcile.ts';

function cell(text: string): string {
  return text.replace(/\r?\n/gu, ' ').replace(/\|/gu, '\\|').trim();
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Bold the object inside its sentence: as written (by raw offsets) or in Simplified (by its text). */
function markOriginal(claim: ClaimRow): string {
  const from = claim.evidence.start - claim.start;
  const to = claim.evidence.end - claim.start;
  if (from < 0 || to > claim.original.length || from >= to) return cell(claim.original);
  return cell(`${claim.original.slice(0, from)}**${claim.original.slice(from, to)}**${claim.original.slice(to)}`);
}

function markSimplified(claim: ClaimRow): string {
  const at = claim.sentence.indexOf(claim.evidence.text);
  if (at < 0 || !claim.evidence.text) return cell(claim.sentence);
  const end = at + claim.evidence.text.length;
  return cell(`${claim.sentence.slice(0, at)}**${claim.sentence.slice(at, end)}**${claim.sentence.slice(end)}`);
}

export function renderReport(result: ReconcileResult, claims: ClaimRow[], articles: ArticleInfo[]): string {
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const articleById = new Map(articles.map((a) => [a.id, a]));
  const titleOf = (id: string) => articleById.get(id)?.title ?? id;
  const conflicts = result.groups.filter((g) => g.status === 'conflict');
  const agreed = result.groups.filter((g) => g.status !== 'conflict');
  const lines: string[] = [];

  lines.push('# Cross-article report', '');
  lines.push(
    `${plural(articles.length, 'article')}, ${plural(claims.length, 'claim')}; ${plural(result.groups.length, 'fact')} reconciled: ` +
      `${plural(conflicts.length, 'conflict')}, ${plural(result.groups.filter((g) => g.status === 'agree').length, 'agreement')}, ` +
      `${result.groups.filter((g) => g.status === 'single').length} from a single source.`,
    '',
  );

  lines.push('## Conflicts', '');
  if (conflicts.length === 0) lines.push('No conflicts found.', '');
  for (const group of conflicts) {
    lines.push(`### ${group.subject} — ${group.predicate}${group.when ? ` (${formatDate(group.when)})` : ''}`, '');
    lines.push(group.reason, '');
    lines.push('| Article | Value | As written | Simplified |', '| --- | --- | --- | --- |');
    for (const id of group.claims) {
      const claim = claimById.get(id);
      if (!claim) continue;
      const preferred = id === group.preferred ? ' (preferred)' : '';
      lines.push(
        `| ${cell(titleOf(claim.article))} (\`${claim.article}\`) | ${cell(formatObject(claim.object))}${preferred} | ${markOriginal(claim)} | ${markSimplified(claim)} |`,
      );
    }
    lines.push('');
  }

  const copies = Object.entries(result.duplicateOf).sort(([a], [b]) => compareStrings(a, b));
  if (copies.length) {
    lines.push('## Republished copies', '', 'Each copy counts as one source with its original.', '');
    for (const [copy, original] of copies) {
      lines.push(`- \`${copy}\` (${cell(titleOf(copy))}) is a copy of \`${original}\` (${cell(titleOf(original))})`);
    }
    lines.push('');
  }

  lines.push('## Timeline of agreed facts', '');
  const bySubject = new Map<string, ConflictRow[]>();
  for (const group of agreed) {
    let list = bySubject.get(group.subject);
    if (!list) bySubject.set(group.subject, (list = []));
    list.push(group);
  }
  if (bySubject.size === 0) lines.push('No agreed facts.', '');
  for (const subject of [...bySubject.keys()].sort(compareStrings)) {
    lines.push(`### ${subject}`, '');
    const entries = bySubject.get(subject)!.map((group) => {
      const preferred = group.preferred ? claimById.get(group.preferred) : undefined;
      const date = preferred?.object.type === 'date' ? formatDate(preferred.object) : group.when ? formatDate(group.when) : null;
      return { group, preferred, date };
    });
    // Dated facts in time order, undated ones after.
    entries.sort((a, b) => (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) || compareStrings(a.date ?? '', b.date ?? '') || compareStrings(a.group.predicate, b.group.predicate));
    for (const { group, preferred, date } of entries) {
      const value = preferred ? formatObject(preferred.object) : group.values.join(', ');
      const sources = group.articles.map((id) => cell(titleOf(id))).join('; ');
      const kind = group.status === 'single' ? 'single source' : `${plural(group.articles.length, 'article')} agree`;
      lines.push(`- **${date ?? 'undated'}** — ${group.predicate}: ${cell(value)} (${kind}: ${sources})`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
