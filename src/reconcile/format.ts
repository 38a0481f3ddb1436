import type { ClaimObject, FigureObject } from '../claims/types.ts';
import type { DateValue, Granularity } from '../types.ts';

export function formatDate(value: Pick<DateValue, 'start' | 'end'>): string {
  return value.end && value.end !== value.start ? `${value.start}..${value.end}` : value.start;
}

/** 1000万, 2380.8亿, 26: the decimal point is moved in the digit string, never by float division. */
export function formatAmount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  const abs = Math.abs(value);
  let out: string;
  if (Number.isInteger(abs) && abs >= 1e4) {
    const digits = BigInt(abs).toString();
    const [places, unit] = abs >= 1e8 ? [8, '亿'] : [4, '万'];
    const whole = digits.slice(0, digits.length - places);
    const fraction = digits.slice(digits.length - places).replace(/0+$/u, '');
    out = `${whole}${fraction ? `.${fraction}` : ''}${unit}`;
  } else {
    out = String(abs);
  }
  return negative ? `-${out}` : out;
}

function figureText(f: FigureObject): string {
  const unit = f.kind === 'percent' ? (f.unit === '%' || f.unit === null ? '%' : f.unit) : f.kind === 'rank' ? '' : f.unit ?? '';
  const amount = (v: number) => (f.kind === 'rank' ? `No. ${formatAmount(v)}` : `${formatAmount(v)}${unit}`);
  let text: string;
  switch (f.approx) {
    case 'exact':
      text = f.max !== null ? `${amount(f.value)}–${amount(f.max)}` : amount(f.value);
      break;
    case 'about':
      text = `about ${amount(f.value)}`;
      break;
    case 'over':
      text = `more than ${amount(f.value)}`;
      break;
    case 'under':
      text = `under ${amount(f.value)}`;
      break;
    case 'range':
      text = `${amount(f.value)}–${amount(f.max ?? f.value)}`;
      break;
  }
  if (f.kind === 'money') text += f.currency ? ` ${f.currency}` : ' (currency not stated)';
  return text;
}

export function formatObject(object: ClaimObject): string {
  switch (object.type) {
    case 'date':
      return formatDate(object);
    case 'figure':
      return figureText(object);
    case 'entity':
      return object.name;
  }
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const PRECISION_WORD: Record<Granularity, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  half: 'half-year',
  year: 'year',
  decade: 'decade',
  century: 'century',
};

export function precisionWord(granularity: Granularity): string {
  return PRECISION_WORD[granularity];
}
