import { parse } from 'jsonc-parser';
import type { FieldProblem } from '../api/errors';
import type { DiagnosticDescription } from '../diagnostics/diagnosticDescription';
import { locateField } from '../diagnostics/problemDiagnostics';
import { findField, parseObjectDocument } from '../runConfig/runConfigDocument';
import { l10n } from '../text/l10n';
import { CronSyntaxError, isKnownTimeZone, parseCron } from './cron';
import { readScheduleDocument, scheduleKindOf } from './scheduleDocument';

/** Diagnostic code of every problem found in a schedule document without asking the server. */
export const SCHEDULE_DOCUMENT_CODE = { value: 'schedule-document' };

/**
 * Field problems → diagnostics on the fields they name, through the run-config locator
 * (locateField), so local problems and the server's land the same way.
 */
export function localProblemDiagnostics(text: string, problems: readonly FieldProblem[], origin: DiagnosticDescription['origin'] = 'server'): DiagnosticDescription[] {
  const entry = parseObjectDocument(text);
  return problems.map((problem) => {
    const located = entry ? locateField(entry, problem) : { range: { start: 0, end: Math.min(1, text.length) }, exact: false };
    return { range: located.range, message: problem.detail, severity: 'error', code: SCHEDULE_DOCUMENT_CODE, origin, entryIndex: 0 };
  });
}

/**
 * What typing in a schedule document is checked for, without a request: the fields a save
 * needs (readScheduleDocument), a CRON text our reader cannot read (error: the server refuses it
 * too, as far as the docs tell), and a zone this runtime does not know (warning: the server's list
 * may differ). JSON syntax errors are the JSON language's to mark.
 */
export function scheduleDocumentDiagnostics(text: string): DiagnosticDescription[] {
  const entry = parseObjectDocument(text);
  if (!entry) return [];
  const value: unknown = parse(text, [], { allowTrailingComma: true, disallowComments: false });
  const result = localProblemDiagnostics(text, readScheduleDocument(value).problems, 'edit');
  const kind = scheduleKindOf(findField(entry.fields, 'scheduleType')?.value);
  const cron = findField(entry.fields, 'cronExpression');
  if (kind === 'cron' && cron) {
    if (typeof cron.value === 'string') {
      try {
        parseCron(cron.value);
      } catch (error) {
        if (!(error instanceof CronSyntaxError)) throw error;
        result.push({ range: cron.valueRange, message: error.message, severity: 'error', code: { value: 'cron-syntax' }, origin: 'edit', entryIndex: 0 });
      }
    }
  }
  const zone = findField(entry.fields, 'timezone');
  if (typeof zone?.value === 'string' && zone.value.trim() && !isKnownTimeZone(zone.value.trim())) {
    result.push({
      range: zone.valueRange,
      message: l10n.t('"{0}" is not an IANA time zone this editor knows (e.g. Europe/Berlin, America/New_York, UTC).', zone.value),
      severity: 'warning',
      code: { value: 'unknown-time-zone' },
      origin: 'edit',
      entryIndex: 0,
    });
  }
  return result;
}
