/** The ordered list of migrations. Add new files here; never edit one that has landed. */
import type { Migration } from 'kysely';
import * as foundation from './20261127T0400-foundation.js';

export const migrations: Record<string, Migration> = {
  '20261127T0400-foundation': foundation,
};
