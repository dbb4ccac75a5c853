// A hint that this browser probably holds a session, so that pages only ask what needs one (the login page's
// /api/me, the article page's reading credit) when that can succeed; an anonymous visitor then sees no 401 in the
// console. Free of antd and the query library: the public pages import it.
const HINT = 'dj.session';
export function setSessionHint(on: boolean): void {
  try {
    if (on) localStorage.setItem(HINT, '1');
    else localStorage.removeItem(HINT);
  } catch {
    // storage unavailable: the login page simply does not resume
  }
}
export function hasSessionHint(): boolean {
  try {
    return localStorage.getItem(HINT) === '1';
  } catch {
    return false;
  }
}
