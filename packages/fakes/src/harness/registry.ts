import type { FakeServer } from './fake-server';

export interface FakeDefinition {
  /** Short name used on the command line, e.g. `meta`. */
  name: string;
  description: string;
  create(): FakeServer;
  /** The Parley environment variables that point at this fake once it runs at `url`. */
  env(url: string): Record<string, string>;
}

/** Every vendor fake the CLI can start; each vendor module adds itself here. */
export const FAKE_DEFINITIONS: FakeDefinition[] = [];
