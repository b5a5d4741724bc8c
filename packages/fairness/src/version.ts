/** Bumped whenever a computed value can change for the same input and configuration. */
export const ENGINE_VERSION = '0.1.1';
