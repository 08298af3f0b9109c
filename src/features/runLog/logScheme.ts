/** Scheme of the read-only run-log documents (its own module: activation registers it without loading the log documents). */
export const LOG_SCHEME = 'sequentum-log';
/** Language of the run-log documents (grammar and outline). */
export const LOG_LANGUAGE = 'sequentum-log';
