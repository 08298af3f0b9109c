// Chart colours from VS Code's theme (CSS variables the workbench sets on the page), read again
// whenever the theme changes: canvas drawing cannot use var(--…) itself.

export interface ChartColours {
  foreground: string;
  lines: string;
  value: string;
  failed: string;
  bandEdge: string;
  bandFill: string;
  bars: string;
}

function variable(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

/** `colour` with its alpha set to `alpha`; a colour this cannot read comes back as given. */
export function withAlpha(colour: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(colour)?.[1];
  if (hex && (hex.length === 3 || hex.length === 4 || hex.length === 6 || hex.length === 8)) {
    const digits = hex.length <= 4 ? [...hex].map((d) => d + d).join('') : hex;
    const [r, g, b] = [0, 2, 4].map((at) => parseInt(digits.slice(at, at + 2), 16));
    return `rgba(${r}, ${g}, ${b}, ${alpha})`;
  }
  const rgb = /^rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/i.exec(colour);
  return rgb ? `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})` : colour;
}

/** The theme's chart colours (`--vscode-charts-*`, the same ones VS Code's own charts use). */
export function chartColours(): ChartColours {
  const foreground = variable('--vscode-charts-foreground', variable('--vscode-foreground', '#888888'));
  const green = variable('--vscode-charts-green', '#89d185');
  return {
    foreground,
    lines: variable('--vscode-charts-lines', withAlpha(foreground, 0.25)),
    value: variable('--vscode-charts-blue', '#3794ff'),
    failed: variable('--vscode-charts-red', '#f14c4c'),
    bandEdge: withAlpha(green, 0.7),
    bandFill: withAlpha(green, 0.18),
    bars: variable('--vscode-charts-purple', '#b180d7'),
  };
}

/**
 * Calls `onChange` when VS Code switches the theme: it swaps the body's theme class and rewrites
 * the variables in the root element's style attribute.
 */
export function onThemeChange(onChange: () => void): void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
