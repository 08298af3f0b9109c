import type { IconLabelText, NotificationText, PlainText } from '../text/sinks';
import type { PickItem, UserInterface } from '../ui';

/** A palette pick over a list read when the pick opens (a run's files, an agent's runs or schedules). */
export interface ListPick<T> {
  title: IconLabelText;
  /** Shown while the list is read ("Loading runs…"). */
  loading: PlainText;
  placeholder: PlainText;
  matchOnDescription?: boolean;
  /** Reads the list; the signal aborts when the user closes the pick. */
  read(signal: AbortSignal): Promise<readonly T[]>;
  item(value: T): PickItem<T>;
  /** Said when the list is empty (the pick closes then). */
  empty: NotificationText;
}

/**
 * The pick opens at once, busy, while `read` runs ({@link UserInterface.pickWhileLoading}); an
 * empty list closes it and says `empty`; a failed read fails the caller.
 */
export async function pickFromList<T>(ui: UserInterface, pick: ListPick<T>): Promise<T | undefined> {
  let empty = false;
  const chosen = await ui.pickWhileLoading<T>({ title: pick.title, loadingPlaceholder: pick.loading }, async (signal) => {
    const values = await pick.read(signal);
    empty = values.length === 0;
    if (empty) return undefined;
    return { kind: 'fixed', items: values.map((value) => pick.item(value)), title: pick.title, placeholder: pick.placeholder, matchOnDescription: pick.matchOnDescription };
  });
  if (empty) void ui.info(pick.empty);
  return chosen;
}
