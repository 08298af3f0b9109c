// The insights charts, drawn by uPlot on canvas: one per run measure (line, failed runs marked,
// the usual range as a band) and cost per day (bars, with its band). uPlot styles elements only
// through CSSOM and writes labels with textContent, so the page's CSP needs no inline styles.
import uPlot from 'uplot';
import type { UsualRange } from '../../src/core/insights/usualRange';
import { textElement } from '../shared/host';
import type { ChartColours } from './theme';

export interface ChartSpec {
  /** The measure's name, e.g. "records" (the figure's data-measure, for tests and styling). */
  measure: string;
  title: string;
  /** Epoch seconds, ascending. */
  xs: number[];
  values: Array<number | null>;
  /** Values of failed runs only (null elsewhere), drawn as red points over the line. */
  failed?: Array<number | null>;
  band?: UsualRange;
  kind: 'line' | 'bars';
  /** How a value is written on the axis and in the caption. */
  format: (value: number) => string;
  /** What the band caption says without a band. */
  caption: string;
}

export interface LegendWords {
  usualRange: string;
  failedRun: string;
}

const HEIGHT = 170;

/** A legend entry: a colour swatch (coloured through CSSOM) and its words. */
function legendItem(colour: string, words: string, shape: 'line' | 'dot' | 'band'): HTMLElement {
  const item = document.createElement('span');
  item.className = 'legend-item';
  const swatch = document.createElement('span');
  swatch.className = `swatch ${shape}`;
  swatch.setAttribute('aria-hidden', 'true');
  swatch.style.background = colour;
  item.append(swatch, textElement('span', words));
  return item;
}

/** A canvas of our own to measure labels (uPlot caches the font it set on its own context). */
const measure = document.createElement('canvas').getContext('2d');

/** The value axis as wide as its longest label ("20,000", "22m 2s"), so no label is cut. */
function valueAxisSize(_chart: uPlot, values: string[] | undefined): number {
  if (!measure) return 60;
  // uPlot's axis font: 12px in the system UI font.
  measure.font = '12px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';
  const widest = Math.max(0, ...(values ?? []).map((value) => measure.measureText(value).width));
  return Math.ceil(widest) + 20;
}

function bandSeries(colour: string): uPlot.Series {
  return { stroke: colour, width: 1, dash: [4, 4], points: { show: false } };
}

/**
 * Draws one chart into a new figure (title, legend, canvas, caption) appended to `parent`. Returns
 * the chart, so the page can resize or destroy it.
 */
export function drawChart(parent: HTMLElement, spec: ChartSpec, colours: ChartColours, words: LegendWords): uPlot {
  const figure = document.createElement('figure');
  figure.className = 'chart';
  figure.dataset.measure = spec.measure;
  const caption = document.createElement('figcaption');
  caption.append(textElement('span', spec.title, 'chart-title'));
  const legend = document.createElement('span');
  legend.className = 'legend';
  legend.append(legendItem(spec.kind === 'bars' ? colours.bars : colours.value, spec.title, spec.kind === 'bars' ? 'band' : 'line'));
  if (spec.failed?.some((value) => value !== null)) legend.append(legendItem(colours.failed, words.failedRun, 'dot'));
  if (spec.band) legend.append(legendItem(colours.bandFill, words.usualRange, 'band'));
  caption.append(legend);
  const canvasHost = document.createElement('div');
  canvasHost.className = 'canvas-host';
  // The numbers are in the tables below for screen readers; the canvas itself says nothing.
  canvasHost.setAttribute('aria-hidden', 'true');
  figure.append(caption, canvasHost, textElement('p', spec.caption, 'band-caption muted'));
  parent.append(figure);

  const main: uPlot.Series =
    spec.kind === 'bars'
      ? { label: spec.title, stroke: colours.bars, fill: colours.bars, width: 0, paths: uPlot.paths.bars?.({ size: [0.7, 24] }), points: { show: false } }
      : { label: spec.title, stroke: colours.value, width: 2, points: { show: true, size: 5, fill: colours.value } };
  const series: uPlot.Series[] = [{}, main];
  const data: Array<Array<number | null>> = [spec.xs, spec.values];
  if (spec.failed) {
    series.push({ label: words.failedRun, stroke: colours.failed, width: 0, paths: () => null, points: { show: true, size: 9, fill: colours.failed, stroke: colours.failed } });
    data.push(spec.failed);
  }
  const bands: uPlot.Band[] = [];
  if (spec.band) {
    const { high, low } = spec.band;
    series.push(bandSeries(colours.bandEdge), bandSeries(colours.bandEdge));
    data.push(spec.xs.map(() => high), spec.xs.map(() => low));
    bands.push({ series: [series.length - 2, series.length - 1], fill: colours.bandFill });
  }
  const axis = (values?: uPlot.Axis['values']): uPlot.Axis => ({
    stroke: colours.foreground,
    grid: { stroke: colours.lines, width: 1 },
    ticks: { stroke: colours.lines, width: 1 },
    ...(values ? { values, size: valueAxisSize } : {}),
  });
  const options: uPlot.Options = {
    width: Math.max(240, canvasHost.clientWidth),
    height: HEIGHT,
    series,
    bands,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] } },
    axes: [axis(), axis((_u, splits) => splits.map((value) => spec.format(value)))],
  };
  return new uPlot(options, data as uPlot.AlignedData, canvasHost);
}
