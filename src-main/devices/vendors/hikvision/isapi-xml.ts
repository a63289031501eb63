// Reading the few flat ISAPI answers Skywall needs (deviceInfo, InputProxy channels, streaming
// channels) without a general XML parser: elements by name, text with the XML escapes decoded.
// The answer has already been refused if it declares a DOCTYPE or ENTITY (xml-guard).

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
      if (e[0] !== '#') return NAMED[e.toLowerCase()] ?? m;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    })
    .trim();
}

const escapeName = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '');

/** The inner XML of every `<name>` element (any namespace prefix), outermost first, in document order. */
export function elements(xml: string, name: string): string[] {
  const n = escapeName(name);
  const re = new RegExp(`<(?:[\\w-]+:)?${n}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${n}\\s*>`, 'g');
  return [...xml.matchAll(re)].map((m) => m[1]);
}

/** The text of the first `<name>` element, decoded; undefined when absent or empty. */
export function text(xml: string, name: string): string | undefined {
  const inner = elements(xml, name)[0];
  if (inner === undefined) return undefined;
  const t = decodeXmlText(inner);
  return t === '' ? undefined : t;
}
