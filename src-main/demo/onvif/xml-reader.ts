// A small, strict XML reader for SOAP requests: elements, attributes, namespaces, text,
// CDATA and the five predefined entities plus numeric references. DOCTYPE is refused so a
// request can never define entities.

export interface XmlElement {
  /** local name without prefix */
  name: string;
  prefix: string;
  /** resolved namespace URI, '' when the element is in no namespace */
  ns: string;
  /** attributes keyed by local name; namespace declarations are left out */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** decoded character data directly inside this element */
  text: string;
}

export class XmlSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'XmlSyntaxError';
  }
}

const NAME_RE = /[^\s/>=]+/y;
const ATTR_RE = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const ENTITY_RE = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(raw: string, offset: number): string {
  if (!raw.includes('&')) return raw;
  const out = raw.replace(ENTITY_RE, (_m, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // String.fromCodePoint throws a RangeError past U+10FFFF: that is bad XML, not a crash.
      if (!(code <= 0x10ffff)) throw new XmlSyntaxError(`character reference &${ref}; is out of range`, offset);
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[ref];
    if (named === undefined) throw new XmlSyntaxError(`unknown entity &${ref};`, offset);
    return named;
  });
  if (raw.replace(ENTITY_RE, '').includes('&')) throw new XmlSyntaxError('bare "&" in text', offset);
  return out;
}

function splitQName(qname: string): { prefix: string; local: string } {
  const i = qname.indexOf(':');
  return i < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, i), local: qname.slice(i + 1) };
}

interface OpenElement {
  el: XmlElement;
  qname: string;
  scope: Map<string, string>;
}

export function parseXml(src: string): XmlElement {
  let pos = 0;
  let root: XmlElement | undefined;
  const stack: OpenElement[] = [];
  const top = (): OpenElement | undefined => stack[stack.length - 1];

  const skipPast = (token: string, what: string): void => {
    const end = src.indexOf(token, pos);
    if (end < 0) throw new XmlSyntaxError(`unterminated ${what}`, pos);
    pos = end + token.length;
  };

  while (pos < src.length) {
    if (src.startsWith('<?', pos)) {
      skipPast('?>', 'processing instruction');
    } else if (src.startsWith('<!--', pos)) {
      skipPast('-->', 'comment');
    } else if (src.startsWith('<![CDATA[', pos)) {
      const end = src.indexOf(']]>', pos);
      if (end < 0) throw new XmlSyntaxError('unterminated CDATA', pos);
      const open = top();
      if (!open) throw new XmlSyntaxError('CDATA outside the root element', pos);
      open.el.text += src.slice(pos + 9, end);
      pos = end + 3;
    } else if (src.startsWith('<!', pos)) {
      throw new XmlSyntaxError('DOCTYPE is not accepted', pos);
    } else if (src.startsWith('</', pos)) {
      const end = src.indexOf('>', pos);
      if (end < 0) throw new XmlSyntaxError('unterminated end tag', pos);
      const qname = src.slice(pos + 2, end).trim();
      const open = stack.pop();
      if (!open || open.qname !== qname) throw new XmlSyntaxError(`unexpected </${qname}>`, pos);
      pos = end + 1;
    } else if (src[pos] === '<') {
      pos = readStartTag(pos + 1);
    } else {
      const next = src.indexOf('<', pos);
      const end = next < 0 ? src.length : next;
      const raw = src.slice(pos, end);
      const open = top();
      if (open) open.el.text += decodeEntities(raw, pos);
      else if (raw.trim() !== '') throw new XmlSyntaxError('text outside the root element', pos);
      pos = end;
    }
  }
  if (stack.length > 0) throw new XmlSyntaxError(`<${stack[stack.length - 1].qname}> is not closed`, pos);
  if (!root) throw new XmlSyntaxError('no root element', 0);
  return root;

  function readStartTag(start: number): number {
    NAME_RE.lastIndex = start;
    const m = NAME_RE.exec(src);
    if (!m) throw new XmlSyntaxError('missing element name', start);
    const qname = m[0];
    let p = NAME_RE.lastIndex;
    const rawAttrs: Array<[string, string]> = [];
    for (;;) {
      ATTR_RE.lastIndex = p;
      const a = ATTR_RE.exec(src);
      if (!a) break;
      rawAttrs.push([a[1], decodeEntities(a[2] ?? a[3] ?? '', p)]);
      p = ATTR_RE.lastIndex;
    }
    while (p < src.length && /\s/.test(src[p])) p++;
    const selfClosing = src.startsWith('/>', p);
    if (!selfClosing && src[p] !== '>') throw new XmlSyntaxError(`malformed tag <${qname}>`, p);
    if (root && stack.length === 0) throw new XmlSyntaxError('second root element', start);

    const parentScope = top()?.scope ?? new Map<string, string>([['xml', 'http://www.w3.org/XML/1998/namespace']]);
    const scope = new Map(parentScope);
    const attrs: Record<string, string> = {};
    for (const [name, value] of rawAttrs) {
      if (name === 'xmlns') scope.set('', value);
      else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
    }
    for (const [name, value] of rawAttrs) {
      if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
      attrs[splitQName(name).local] = value;
    }
    const { prefix, local } = splitQName(qname);
    const ns = scope.get(prefix);
    if (ns === undefined && prefix !== '') throw new XmlSyntaxError(`undeclared prefix "${prefix}"`, start);
    const el: XmlElement = { name: local, prefix, ns: ns ?? '', attrs, children: [], text: '' };
    const parent = top();
    if (parent) parent.el.children.push(el);
    else root = el;
    if (!selfClosing) stack.push({ el, qname, scope });
    return p + (selfClosing ? 2 : 1);
  }
}

/** First child with the given local name (any namespace). */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Trimmed text of the first child with that local name, or undefined. */
export function childText(el: XmlElement | undefined, name: string): string | undefined {
  const c = child(el, name);
  return c ? c.text.trim() : undefined;
}
