import type * as vscode from 'vscode';

const SCHEDULE_DOCUMENT = /^sequentum:\/[^/]+\/agents\/\d+\/schedules\/[^/]+\.json$/;

/** A schedule's `sequentum:` document (`sequentum:/<environment>/agents/<id>/schedules/<id or new>.json`). */
export function isScheduleDocument(uri: vscode.Uri | string): boolean {
  return SCHEDULE_DOCUMENT.test(uri.toString());
}
