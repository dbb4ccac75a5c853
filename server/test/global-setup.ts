/** Builds the database templates once per test run and hands their location to every worker. */
import type { TestProject } from 'vitest/node';
import { buildTemplates, dropTemplates, type DbTemplates } from './templates.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplates: DbTemplates;
  }
}

export default async function setup(project: TestProject) {
  const started = Date.now();
  const templates = await buildTemplates();
  console.log(`test database templates (${templates.kind}) ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  project.provide('dbTemplates', templates);
  return () => dropTemplates(templates);
}
