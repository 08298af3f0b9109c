/** The credits item as shown: its text and tooltip (Markdown source), and whether it is visible. */
export interface CreditsItemState {
  visible: boolean;
  text: string;
  tooltip: string;
}

/** First read a moment after activation (activate itself does no network I/O). */
export const FIRST_CREDITS_READ_MS = 4000;
