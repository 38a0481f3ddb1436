/**
 * Grouping claims that speak about one fact: same subject, predicate (and agent where it matters),
 * compatible time, and one measure (currency or unit). Everything here is a pass over the claims plus
 * sorting; comparisons only happen between distinct times or values of one subject and predicate.
 */
import type { ClaimRow } from '../claims/types.ts';
import { predicateRule, type PredicateLexicon } from '../claims/lexicon.ts';
import type { DateValue } from '../types.ts';
import type { ReconcileOptions } from './options.ts';
import { dateWithin, dateWidthDays, measureOf } from './values.ts';

/** A claim ready for reconciliation: its independent source and the weight of that source. */
export interface Prepared {
  claim: ClaimRow;
  /** The article's representative among its copies (itself if it has none). */
  source: string;
  weight: number;
  /** The time used for grouping: stated, or the publication year for undated time-sensitive figures. */
  when: DateValue | null;
  whenFromPublication: boolean;
}

export interface ClaimGroup {
  subject: string;
  predicate: string;
  agent: string | null;
  when: DateValue | null;
  whenFromPublication: boolean;
  members: Prepared[];
}

function keyOf(when: DateValue | null): string {
  return when ? `${when.start}|${when.end ?? ''}` : '';
}

/**
 * The key of the fact a claim speaks about: claims with different keys are never grouped, so each
 * key's claims can be grouped apart (groupsOfFact).
 */
export function factKey(p: Prepared, lexicon: PredicateLexicon): string {
  const rule = predicateRule(lexicon, p.claim.predicate);
  const agent = rule?.agentInKey ? p.claim.agent ?? '' : '';
  // A time-sensitive figure with no time at all cannot be compared with anything but itself.
  const isolated = p.claim.object.type !== 'date' && rule?.timeSensitive && p.when === null ? p.source : '';
  return [p.claim.subject, p.claim.predicate, agent, p.claim.object.type, isolated].join('\u0000');
}

/** The groups of claims that share one fact key (factKey), `members` in input order. */
export function groupsOfFact(members: Prepared[], lexicon: PredicateLexicon, options: ReconcileOptions): ClaimGroup[] {
  const { subject, predicate } = members[0].claim;
  const rule = predicateRule(lexicon, predicate);
  const agent = rule?.agentInKey ? members[0].claim.agent : null;
  if (members[0].claim.object.type === 'date') {
    // The date is the object: every statement of the launch date is about the same fact.
    return [{ subject, predicate, agent, when: null, whenFromPublication: false, members }];
  }
  const groups: ClaimGroup[] = [];
  for (const cluster of clusterByTime(members)) {
    for (const part of partitionByMeasure(cluster.members, options, lexicon.unitClasses)) {
      groups.push({ subject, predicate, agent, when: cluster.when, whenFromPublication: cluster.fromPublication, members: part });
    }
  }
  return groups;
}

interface TimeCluster {
  when: DateValue | null;
  fromPublication: boolean;
  members: Prepared[];
}

/**
 * Series are not conflicts: claims are grouped by time. Each most specific time is a cluster; a
 * coarser time joins the one cluster it contains (2019 joins 2019-11-11), and stays apart when it
 * contains several (a yearly figure beside monthly ones) or none. An undated claim joins the only
 * cluster there is, else stands apart.
 */
export function clusterByTime(members: Prepared[]): TimeCluster[] {
  const byTime = new Map<string, Prepared[]>();
  for (const m of members) {
    const key = keyOf(m.when);
    let list = byTime.get(key);
    if (!list) byTime.set(key, (list = []));
    list.push(m);
  }
  // Widths computed once: every time is compared with every other.
  const times = [...byTime.keys()].filter((k) => k !== '').map((k) => {
    const when = byTime.get(k)![0].when!;
    return { key: k, when, width: dateWidthDays(when) };
  });
  // Most specific first, so each time can look for the finer times it contains.
  times.sort((a, b) => a.width - b.width || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const clusterOf = new Map<string, TimeCluster>();
  const clusters: TimeCluster[] = [];
  for (const time of times) {
    const finer = new Set<TimeCluster>();
    for (const other of times) {
      if (other.key === time.key || other.width >= time.width) continue;
      if (dateWithin(other.when, time.when)) finer.add(clusterOf.get(other.key)!);
    }
    const members = byTime.get(time.key)!;
    if (finer.size === 1) {
      const [target] = finer;
      target.members.push(...members);
      clusterOf.set(time.key, target);
    } else {
      const cluster: TimeCluster = { when: time.when, fromPublication: members.every((m) => m.whenFromPublication), members: [...members] };
      clusters.push(cluster);
      clusterOf.set(time.key, cluster);
    }
  }
  const undated = byTime.get('');
  if (undated) {
    if (clusters.length === 1) clusters[0].members.push(...undated);
    else clusters.push({ when: null, fromPublication: false, members: undated });
  }
  for (const c of clusters) {
    if (c.members.some((m) => !m.whenFromPublication && m.when !== null)) c.fromPublication = false;
  }
  return clusters;
}

/**
 * Different currencies or units are different facts (unless rates convert them). An amount whose
 * currency or unit is not stated joins the one stated measure of its kind, if there is exactly one.
 */
export function partitionByMeasure(members: Prepared[], options: ReconcileOptions, unitClasses: Record<string, string[]>): Prepared[][] {
  const byMeasure = new Map<string, Prepared[]>();
  for (const m of members) {
    const measure = m.claim.object.type === 'figure' ? measureOf(m.claim.object, options, unitClasses) : 'same';
    let list = byMeasure.get(measure);
    if (!list) byMeasure.set(measure, (list = []));
    list.push(m);
  }
  const parts: Prepared[][] = [];
  for (const [measure, list] of byMeasure) {
    if (!measure.endsWith(':?')) {
      parts.push(list);
      continue;
    }
    const family = measure.slice(0, -1);
    const stated = [...byMeasure.keys()].filter((k) => k.startsWith(family) && !k.endsWith(':?'));
    if (stated.length === 1) byMeasure.get(stated[0])!.push(...list);
    else parts.push(list);
  }
  return parts;
}
