/** Content-Disposition for a download: an ASCII fallback name and the real (Chinese) name per RFC 6266 / 5987. */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
