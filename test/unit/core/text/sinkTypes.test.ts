// The type system makes it hard to forget a sink (issue 10 §1): each neutraliser returns its own
// branded type and the ports accept only that type. The proof is the type check (`npm run
// typecheck`, run by land.sh and CI): every `@ts-expect-error` below must still be an error — if a
// brand were dropped, raw server text would compile there and tsc would fail on the unused directive.
import * as assert from 'node:assert/strict';
import type { PickItem, UserInterface } from '../../../../src/core/ui';
import { forIconLabel, forNotification, forPlain, forPrompt, type IconLabelText, type PlainText } from '../../../../src/core/text/sinks';

const SERVER_TEXT = '[Open log](command:sequentum.killRun) $(alert) <img src=x>';

/** Never called: only its body is type-checked. */
function wouldCompile(ui: UserInterface): void {
  // @ts-expect-error raw server text is not a notification
  void ui.warn(SERVER_TEXT);
  // @ts-expect-error a prompt's text is not a notification's (the two neutralise different grammars)
  void ui.error(forPrompt(SERVER_TEXT));
  void ui.warn(forNotification(SERVER_TEXT));
  // @ts-expect-error raw server text is not an input-box prompt
  void ui.askSecret(SERVER_TEXT);
  void ui.askSecret(forPrompt(SERVER_TEXT));
  // @ts-expect-error plain text (tree labels) may hold `$(icon)`: not a quick pick label
  const fromPlain: PickItem<number> = { label: forPlain(SERVER_TEXT), value: 1 };
  const label: IconLabelText = forIconLabel(SERVER_TEXT);
  // @ts-expect-error an icon label is not plain text
  const plain: PlainText = label;
  void [fromPlain, plain];
}

suite('Sink types: raw or wrongly neutralised server text does not compile where a sink is expected', () => {
  test('the checks above are type checks; at run time each sink returns a string', () => {
    assert.equal(typeof wouldCompile, 'function');
    for (const sink of [forNotification, forPrompt, forIconLabel, forPlain]) assert.equal(typeof sink(SERVER_TEXT), 'string');
  });
});
