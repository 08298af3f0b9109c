import type { DisposableLike } from '../lifecycle';
import type { DiagnosticDescription } from './diagnosticDescription';

/** Edit-time checks of documents another feature owns (schedule documents), run on open and after typing. */
export interface DocumentCheck {
  /** Whether this check owns the document (by its URI string). */
  applies(uri: string): boolean;
  /** Problems of the text, recomputed after every pause in typing; no request. */
  check(text: string): DiagnosticDescription[];
}

/**
 * The one "sequentum" diagnostic collection as other features use it: problems a server reported
 * for a document (kept until their range is edited, like a refused run-config start) and checks
 * while typing. The run-config DiagnosticsController implements it.
 */
export interface DocumentProblems {
  /** Replaces the server problems shown on a document; [] clears them. */
  setServerProblems(uri: string, problems: readonly DiagnosticDescription[]): void;
  addDocumentCheck(check: DocumentCheck): DisposableLike;
}
