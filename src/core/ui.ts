/**
 * The user-interface port that command handlers talk to. The VS Code adapter implements it with
 * window.* calls; unit tests implement it with scripted answers. Returning `undefined` from a
 * prompt means the user dismissed it.
 */
export interface UserInterface {
  /** A password-style input box. `validate` returns an error message or undefined. */
  askSecret(prompt: string, validate?: (value: string) => string | undefined): Promise<string | undefined>;
  info(message: string, ...actions: string[]): Promise<string | undefined>;
  warn(message: string, ...actions: string[]): Promise<string | undefined>;
  error(message: string, ...actions: string[]): Promise<string | undefined>;
}
