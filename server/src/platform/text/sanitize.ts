/**
 * Rich text from staff (a disclosure's body, later other modules' notices), made safe to show to anyone: a strict
 * allow list through `sanitize-html`. Kept: paragraphs, headings (h2–h4), lists, tables, bold/italic/underline,
 * block quotes, rules, line breaks, links whose scheme is http, https, mailto or tel (they open with
 * rel="noopener noreferrer nofollow"), and images whose address is one the caller allows (the platform's own
 * attachment URLs; nothing else, not even data: URLs). Dropped: every other element (script, style, iframe, object,
 * svg, math, form …, with the text inside script/style/textarea/noscript), every attribute not listed (so every
 * event handler, `style` and `class` — nothing can hide text or restyle the page), comments, and protocol-relative
 * links. The result is what is stored; readers render it as it is.
 */
import sanitizeHtml from 'sanitize-html';

export interface RichTextOptions {
  /** The image addresses allowed (the caller's own attachment URLs); images with any other `src` are dropped. */
  imageSrc?: RegExp;
}

const TAGS = ['p', 'br', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'strong', 'b', 'em', 'i', 'u', 'blockquote', 'hr', 'a', 'img'];

/** Returns the HTML with only the allowed elements and attributes (see above). */
export function sanitizeRichText(html: string, opts: RichTextOptions = {}): string {
  const imageSrc = opts.imageSrc;
  return sanitizeHtml(html, {
    allowedTags: imageSrc ? TAGS : TAGS.filter((t) => t !== 'img'),
    allowedAttributes: { a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'], th: ['colspan', 'rowspan', 'scope'], td: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: [] },
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    allowedStyles: {},
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'template', 'iframe', 'object', 'svg', 'math'],
    enforceHtmlBoundary: false,
    parseStyleAttributes: false,
    transformTags: {
      b: 'strong',
      i: 'em',
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
    },
    exclusiveFilter: (frame) => {
      if (frame.tag === 'img') return !imageSrc || !imageSrc.test(frame.attribs.src ?? '');
      // A link whose href was removed (javascript:, data: …) stays as plain text.
      return false;
    },
  }).trim();
}

/** The text of sanitized rich text, for search and for length checks: tags removed, entities decoded, spaces folded. */
export function richTextToPlain(html: string): string {
  const text = sanitizeHtml(html.replace(/<\/(p|h[2-4]|li|tr|caption|blockquote)>|<br\s*\/?>/gi, '$&\n'), { allowedTags: [], allowedAttributes: {} });
  return text.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ').replace(/\s*\n\s*/g, '\n').trim();
}
