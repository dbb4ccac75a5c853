import { describe, expect, it } from 'vitest';
import { VersionedCache } from './versioned-cache.js';

describe('VersionedCache', () => {
  const setup = (maxEntries = 10) => {
    let clock = 0;
    let computed = 0;
    const cache = new VersionedCache<string>({ maxEntries, maxAgeMs: 1000, now: () => clock });
    const get = (key: string, version: string) => cache.get(key, version, async () => `${key}@${version}#${++computed}`);
    return { get, tick: (ms: number) => { clock += ms; }, computed: () => computed, cache };
  };

  it('serves the kept value while the version is the same and recomputes when it changes', async () => {
    const c = setup();
    expect(await c.get('a', 'v1')).toBe('a@v1#1');
    expect(await c.get('a', 'v1')).toBe('a@v1#1');
    expect(await c.get('a', 'v2')).toBe('a@v2#2');
    expect(await c.get('b', 'v2')).toBe('b@v2#3');
  });

  it('recomputes once the value is older than the age bound, even at the same version', async () => {
    const c = setup();
    await c.get('a', 'v1');
    c.tick(999);
    expect(await c.get('a', 'v1')).toBe('a@v1#1');
    c.tick(1);
    expect(await c.get('a', 'v1')).toBe('a@v1#2');
  });

  it('shares one computation between callers asking at once', async () => {
    const c = setup();
    const [x, y] = await Promise.all([c.get('a', 'v1'), c.get('a', 'v1')]);
    expect(x).toBe(y);
    expect(c.computed()).toBe(1);
  });

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const c = setup(2);
    await c.get('a', 'v');
    await c.get('b', 'v');
    await c.get('a', 'v'); // a is now the most recent
    await c.get('c', 'v'); // drops b
    expect(await c.get('a', 'v')).toBe('a@v#1');
    expect(await c.get('b', 'v')).toBe('b@v#4');
  });

  it('does not keep a failed computation', async () => {
    const cache = new VersionedCache<number>({ maxEntries: 5, maxAgeMs: 1000 });
    await expect(cache.get('a', 'v', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('a', 'v', async () => 7)).toBe(7);
  });
});
