// Server text an attacker (or a bad day) could put in an agent name, a run message, a problem
// detail or a file host's error body. Each entry names what it tries.

const LINK_TARGETS = [
  'command:sequentum.killRun?%5B%7B%22agentId%22%3A1%2C%22runId%22%3A2%7D%5D',
  'command:workbench.action.terminal.new',
  'COMMAND:workbench.action.reloadWindow',
  'https://evil.example/steal?k=1',
  'HTTP://evil.example',
  'file:///etc/passwd',
  'vscode://sequentum-tools.sequentum-vscode/x',
  'javascript:alert(1)',
  'mailto:a@evil.example',
  'data:text/html,<script>alert(1)</script>',
];

export const HOSTILE_CORPUS: readonly string[] = [
  // links of every scheme, with and without titles
  ...LINK_TARGETS.map((target) => `[Open log](${target})`),
  ...LINK_TARGETS.map((target) => `Run failed: [details](${target} "Click me") — see [here](${target} 'or here')`),
  // nested, escaped and broken-up brackets
  '[[inner](command:a)](command:b)',
  '[a]]](command:x)',
  '[a\\](command:x)',
  '\\[a](command:x)',
  '[a](command:x)[b](command:y)[c](https://z.example)',
  '[a](command:x\\)',
  '[a]\n(command:x)',
  '[a]\t(command:x)',
  '[a](<command:x>)',
  '[ref]: command:x\n[click][ref]',
  '![img](https://evil.example/p.png)',
  '［fullwidth］（command:x）',
  // autolinks and bare URLs
  '<https://evil.example>',
  '<command:workbench.action.terminal.new>',
  'see https://evil.example/steal and www.evil.example and a@evil.example',
  // HTML and entities
  '<a href="command:sequentum.killRun">Kill</a>',
  '<img src=x onerror="alert(1)"> <script>alert(2)</script>',
  '&lt;b&gt;bold&lt;/b&gt; &#x3C;i&#x3E; &amp;',
  '<!-- comment --> <details open><summary>x</summary></details>',
  // icons
  '$(warning) Prices',
  '$(sync~spin) $(error~spin) $(x-y-z)',
  '\\$(alert) and \\\\$(alert)',
  '$($(nested))',
  '$(unclosed and $(closed)',
  '$(~weird) $(a~b~c)',
  // Markdown structure
  '# heading\n---\n* item\n1. one\n    indented code\n> quote\n| a | b |',
  '**bold** _em_ `code` ~~strike~~',
  // control characters, ANSI, bidi
  '\u001b[31mred\u001b[0m \u0000nul \u0007bell \u007fdel \u009bcsi',
  'invoice\u202Egpj.exe \u2066isolate\u2069 \u200Fmark',
  'line one\r\nline two\rline three\n\n\n\nline four',
  // combinations
  '$(warning) [Open log](command:sequentum.killRun?1) <b>x</b> \u202Eevil',
];

/** Very long text: each sink caps it and stays linear. */
export const LONG_CORPUS: readonly string[] = [
  '[x](command:a)'.repeat(50_000),
  '$('.repeat(200_000),
  `${'['.repeat(100_000)}](command:x)`,
  `${'a'.repeat(1_000_000)}[x](command:y)`,
  '\u202E'.repeat(100_000),
];
