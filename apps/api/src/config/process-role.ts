/** What this process is for: serving HTTP (and, by default, running jobs), only running jobs, or a CLI command. */
export type ProcessRole = 'api' | 'worker' | 'cli';

export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
