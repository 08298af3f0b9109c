// The same numbers as the charts, as tables: what a screen reader reads (the canvases are hidden
// from it) and what anyone can copy. Every cell is text.
import type { AgentInsights } from '../../src/core/insights/agentInsights';
import type { InsightsTexts } from '../../src/core/insights/insightsMessages';
import { textElement } from '../shared/host';

export interface TableFormat {
  count: (value: number) => string;
  duration: (seconds: number) => string;
  cost: (value: number) => string;
  dateTime: (ms: number) => string;
  day: (ms: number) => string;
}

function table(caption: string, headers: string[], rows: string[][], name: string): HTMLTableElement {
  const element = document.createElement('table');
  element.dataset.table = name;
  element.append(textElement('caption', caption));
  const head = element.createTHead().insertRow();
  for (const header of headers) {
    const cell = textElement('th', header);
    cell.scope = 'col';
    head.append(cell);
  }
  const body = element.createTBody();
  for (const values of rows) {
    const row = body.insertRow();
    values.forEach((value, column) => {
      // The first column names the row (when the run started / the day).
      const cell = textElement(column === 0 ? 'th' : 'td', value);
      if (column === 0) cell.scope = 'row';
      row.append(cell);
    });
  }
  return element;
}

const orDash = (value: number | null, format: (value: number) => string): string => (value === null ? '—' : format(value));

export function runsTable(insights: AgentInsights, texts: InsightsTexts, format: TableFormat): HTMLTableElement {
  return table(
    texts.runsTable,
    [texts.columnStarted, texts.columnRun, texts.columnStatus, texts.columnRecords, texts.columnDuration, texts.columnErrors, texts.columnCost],
    insights.runs.map((run) => [
      format.dateTime(run.startedAt),
      `#${run.runId}`,
      run.status,
      orDash(run.records, format.count),
      orDash(run.durationSec, format.duration),
      orDash(run.errors, format.count),
      orDash(run.cost, format.cost),
    ]),
    'runs',
  );
}

export function daysTable(insights: AgentInsights, texts: InsightsTexts, format: TableFormat): HTMLTableElement {
  return table(texts.daysTable, [texts.columnDay, texts.columnCost], insights.days.map((day) => [format.day(day.startMs), format.cost(day.cost)]), 'days');
}
