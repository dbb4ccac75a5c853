/**
 * Personal numbers never reach the request log. The API takes exact searches in POST bodies, but an old client,
 * a typo or a probe can still put `?idNumber=…` in a URL: the log keeps the parameter's name and blanks its value.
 */
const SENSITIVE_PARAMS = new Set(['idnumber', 'phone', 'mobile', 'contactphone', 'id_number', 'password', 'token', 'code']);

/** `/api/members?idNumber=330102…&q=王` → `/api/members?idNumber=[redacted]&q=王` (other parameters untouched). */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return blankNumbers(url);
  const parts = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    let name = rawName;
    try {
      name = decodeURIComponent(rawName);
    } catch {
      // a malformed name is kept as it came
    }
    return eq >= 0 && SENSITIVE_PARAMS.has(name.toLowerCase()) ? `${rawName}=[redacted]` : pair;
  });
  return blankNumbers(`${url.slice(0, q)}?${parts.join('&')}`);
}

/**
 * Anything that looks like a mainland ID number (15 or 18 characters) or mobile number (11 digits from 1), in any
 * parameter or path: someone may type an ID number into the name search box.
 */
function blankNumbers(s: string): string {
  return s.replace(/(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15}|1[0-9]{10})(?![0-9])/g, '[redacted]');
}
