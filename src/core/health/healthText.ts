import { formatCount, formatDuration } from '../text/format';
import { l10n } from '../text/l10n';
import { joinMarkdown, markdown, type MarkdownText } from '../text/markdownText';
import type { HealthMeasure, MeasureCheck, RunHealth } from './runHealth';

/** "12,400" for a usual value: three significant digits, so "≈" does not pretend to more. */
export function roundUsual(value: number): number {
  if (!Number.isFinite(value) || value === 0) return 0;
  const digits = Math.max(0, Math.floor(Math.log10(Math.abs(value))) - 2);
  const unit = 10 ** digits;
  return Math.round(value / unit) * unit;
}

function amount(measure: HealthMeasure, value: number, locale?: string): string {
  return measure === 'duration' ? formatDuration(value) : formatCount(value, locale);
}

/** One off measure in a line: "12 records — usually ≈ 12,400". */
export function offLine(check: MeasureCheck, locale?: string): string {
  const value = amount(check.measure, check.value, locale);
  const usual = amount(check.measure, check.measure === 'duration' ? check.usual : roundUsual(check.usual), locale);
  switch (check.measure) {
    case 'records':
      return l10n.t('{0} records — usually ≈ {1}', value, usual);
    case 'exported':
      return l10n.t('{0} records exported — usually ≈ {1}', value, usual);
    case 'errors':
      return l10n.t('{0} errors — usually ≈ {1}', value, usual);
    case 'duration':
      return l10n.t('ran {0} — usually ≈ {1}', value, usual);
    case 'pages':
      return l10n.t('{0} pages — usually ≈ {1}', value, usual);
  }
}

/** The flag's line for a row or a notification: the most telling off measure (records first), or undefined. */
export function healthLine(health: RunHealth | undefined, locale?: string): string | undefined {
  if (health?.state !== 'unusual') return undefined;
  const first = health.off[0];
  return first ? offLine(first, locale) : undefined;
}

/** The tooltip's "Health" value: the flag, "as usual", or why there is no verdict. */
export function healthTooltip(health: RunHealth | undefined, locale?: string): string | undefined {
  switch (health?.state) {
    case undefined:
    case 'notJudged':
      return undefined;
    case 'noHistory':
      return l10n.t('not judged yet — {0} of {1} earlier successful runs needed', health.have, health.need);
    case 'usual':
      return l10n.t('as usual (compared with {0} earlier successful runs)', health.history);
    case 'unusual':
      return l10n.t('unusual: {0}', health.off.map((check) => offLine(check, locale)).join('; '));
  }
}

function measureName(measure: HealthMeasure): string {
  switch (measure) {
    case 'records':
      return l10n.t('Records extracted');
    case 'exported':
      return l10n.t('Records exported');
    case 'errors':
      return l10n.t('Errors');
    case 'duration':
      return l10n.t('Duration');
    case 'pages':
      return l10n.t('Pages');
  }
}

/** "−99.9 %" / "+900 %" / "×10.0": how far the value is from the usual one. */
function change(check: MeasureCheck, locale?: string): string {
  if (check.usual === 0) return check.value === 0 ? '±0 %' : l10n.t('from 0');
  const ratio = check.value / check.usual;
  if (ratio >= 2) return l10n.t('×{0}', new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(ratio));
  const percent = (ratio - 1) * 100;
  return `${percent >= 0 ? '+' : '−'}${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(Math.abs(percent))} %`;
}

/**
 * The "Run health" section of Why Did It Fail? / Show Run Diagnostics: which measure was off and by
 * how much, each measure against the median of the earlier successful runs, and the method.
 */
export function healthMarkdown(health: RunHealth | undefined, locale?: string): MarkdownText | undefined {
  if (health === undefined || health.state === 'notJudged') return undefined;
  const heading = markdown`## ${l10n.t('Run health')}`;
  if (health.state === 'noHistory') {
    return joinMarkdown([heading, markdown`${l10n.t('Not judged: {0} of {1} earlier successful runs of this agent are known; the usual range needs at least {1}.', health.have, health.need)}`], '\n\n');
  }
  const verdict = health.state === 'unusual'
    ? markdown`**${l10n.t('Unusual')}** — ${health.off.map((check) => offLine(check, locale)).join('; ')}`
    : markdown`**${l10n.t('As usual')}**`;
  const rows = health.checks.map((check) => {
    const sd = Math.abs(check.score);
    const side = check.score < 0 ? l10n.t('below') : l10n.t('above');
    const far = l10n.t('{0} robust deviations {1}', new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(sd), side);
    const mark = check.off ? l10n.t('off') : l10n.t('ok');
    return markdown`| ${measureName(check.measure)} | ${amount(check.measure, check.value, locale)} | ≈ ${amount(check.measure, check.measure === 'duration' ? check.usual : roundUsual(check.usual), locale)} | ${change(check, locale)} | ${far} | ${mark} |`;
  });
  const table = joinMarkdown([
    markdown`| ${l10n.t('Measure')} | ${l10n.t('This run')} | ${l10n.t('Usually')} | ${l10n.t('Change')} | ${l10n.t('Distance')} | |`,
    markdown`|---|---:|---:|---:|---|---|`,
    ...rows,
  ], '\n');
  const method = markdown`${l10n.t('Compared with the median of the agent’s {0} earlier successful runs; distance in robust deviations (1.4826 × median absolute deviation, on a log scale for records, pages and duration, on a square-root scale for errors). A measure is off only when it is both far by that measure and far in size (e.g. half the usual records or fewer).', health.history)}`;
  return joinMarkdown([heading, verdict, table, method], '\n\n');
}
