// The agent insights page (src/features/insights/): charts of an agent's recent runs and cost with
// the usual range as a band, and the same numbers as tables. Everything it shows arrives as a
// message from the host and is written as text; it loads nothing and asks the host to refresh.
import 'uplot/dist/uPlot.min.css';
import './insights.css';
import type uPlot from 'uplot';
import { measureOf, type AgentInsights, type RunMeasure } from '../../src/core/insights/agentInsights';
import type { InsightsFromPage, InsightsTexts, InsightsToPage } from '../../src/core/insights/insightsMessages';
import { formatDuration } from '../../src/core/text/format';
import { formatMessage } from '../../src/core/text/l10n';
import { connectToHost, textElement } from '../shared/host';
import { drawChart, type ChartSpec } from './charts';
import { daysTable, runsTable, type TableFormat } from './tables';
import { chartColours, onThemeChange } from './theme';

const host = connectToHost<InsightsFromPage, InsightsToPage, unknown>();
const root = document.getElementById('root') ?? document.body;
let shown: InsightsToPage | undefined;
let charts: uPlot[] = [];

function formats(locale: string): TableFormat {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const cost = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  return {
    count: (value) => count.format(value),
    duration: (seconds) => formatDuration(seconds),
    cost: (value) => cost.format(value),
    dateTime: (ms) => dateTime.format(ms),
    day: (ms) => day.format(ms),
  };
}

function button(words: string, onClick: () => void, className?: string): HTMLButtonElement {
  const element = textElement('button', words, className);
  element.type = 'button';
  element.addEventListener('click', onClick);
  return element;
}

function header(texts: InsightsTexts, summary?: string): HTMLElement {
  const element = document.createElement('header');
  const heading = document.createElement('div');
  heading.append(textElement('h1', texts.title));
  if (summary) heading.append(textElement('p', summary, 'muted'));
  element.append(heading, button(texts.refresh, () => host.post({ type: 'refresh' }), 'secondary'));
  return element;
}

const MEASURE_TITLE: Record<RunMeasure, keyof InsightsTexts> = {
  records: 'chartRecords',
  duration: 'chartDuration',
  errors: 'chartErrors',
  cost: 'chartCost',
};

function bandCaption(texts: InsightsTexts, band: ChartSpec['band'], format: (value: number) => string): string {
  if (!band) return texts.noUsualRange;
  return formatMessage(texts.bandCaption, [format(band.low), format(band.high), format(band.median), band.count]);
}

/** The chart of every run measure the server reported at least once, then cost per day. */
function chartSpecs(insights: AgentInsights, texts: InsightsTexts, format: TableFormat): ChartSpec[] {
  const xs = insights.runs.map((run) => run.startedAt / 1000);
  const specs: ChartSpec[] = [];
  for (const measure of Object.keys(MEASURE_TITLE) as RunMeasure[]) {
    const values = insights.runs.map((run) => measureOf(run, measure));
    if (!values.some((value) => value !== null)) continue;
    const write = measure === 'duration' ? format.duration : measure === 'cost' ? format.cost : format.count;
    const band = insights.bands[measure];
    specs.push({
      measure,
      title: texts[MEASURE_TITLE[measure]],
      xs,
      values,
      failed: insights.runs.map((run, i) => (run.outcome === 'failed' ? (values[i] ?? null) : null)),
      ...(band ? { band } : {}),
      kind: 'line',
      format: write,
      caption: bandCaption(texts, band, write),
    });
  }
  if (insights.days.some((day) => day.cost > 0)) {
    specs.push({
      measure: 'costPerDay',
      title: texts.chartCostPerDay,
      xs: insights.days.map((day) => day.startMs / 1000),
      values: insights.days.map((day) => day.cost),
      ...(insights.dayBand ? { band: insights.dayBand } : {}),
      kind: 'bars',
      format: format.cost,
      caption: bandCaption(texts, insights.dayBand, format.cost),
    });
  }
  return specs;
}

function showInsights(message: Extract<InsightsToPage, { type: 'show' }>): void {
  const { texts, insights } = message;
  const format = formats(message.locale);
  root.append(header(texts, texts.summary));
  if (message.costProblem) root.append(textElement('p', message.costProblem, 'notice'));
  if (insights.runs.length === 0) root.append(textElement('p', texts.noRuns, 'empty'));
  if (!message.costProblem && !insights.days.some((day) => day.cost > 0)) root.append(textElement('p', texts.noCostDays, 'empty'));
  const grid = document.createElement('section');
  grid.className = 'charts';
  root.append(grid);
  const colours = chartColours();
  charts = chartSpecs(insights, texts, format).map((spec) => drawChart(grid, spec, colours, texts));
  const tables = document.createElement('section');
  tables.className = 'tables';
  tables.append(textElement('h2', texts.tablesHeading));
  if (insights.runs.length > 0) tables.append(runsTable(insights, texts, format));
  if (insights.days.length > 0) tables.append(daysTable(insights, texts, format));
  if (tables.childElementCount > 1) root.append(tables);
}

function render(): void {
  for (const chart of charts) chart.destroy();
  charts = [];
  root.replaceChildren();
  if (!shown) return;
  document.body.dataset.state = shown.type;
  switch (shown.type) {
    case 'loading':
      root.append(header(shown.texts), textElement('p', shown.texts.loading, 'muted'));
      break;
    case 'failed': {
      const { texts } = shown;
      const alert = document.createElement('section');
      alert.className = 'failure';
      alert.setAttribute('role', 'alert');
      alert.append(textElement('h2', texts.failedHeading), textElement('p', shown.label, 'error'), textElement('p', shown.message));
      root.append(header(texts), alert, button(texts.tryAgain, () => host.post({ type: 'refresh' })));
      break;
    }
    case 'show':
      showInsights(shown);
      break;
  }
}

host.onMessage((message) => {
  shown = message;
  render();
});
// Colours come from the theme: draw again with the new ones.
onThemeChange(() => {
  if (shown?.type === 'show') render();
});
let resizeFrame = 0;
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    for (const chart of charts) chart.setSize({ width: Math.max(240, chart.root.parentElement?.clientWidth ?? chart.width), height: chart.height });
  });
}).observe(root);
host.post({ type: 'ready' });
