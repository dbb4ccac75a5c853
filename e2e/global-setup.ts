/**
 * Once per test run, before the test files start: the production build of the web app that the browser tests
 * serve, when a browser is there to run them (built only when web/dist is missing or older than web/src).
 */
import { browserAvailable, ensureWebBuilt } from './browser.js';

export default function setup(): void {
  if (browserAvailable()) ensureWebBuilt();
}
