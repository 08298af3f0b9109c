/** The URI scheme of the `sequentum:` file system (its own module: activation registers the scheme without loading the file system). */
export const REMOTE_SCHEME = 'sequentum';
