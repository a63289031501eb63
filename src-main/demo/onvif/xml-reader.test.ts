import { describe, expect, it } from 'vitest';
import { child, childText, parseXml, XmlSyntaxError } from './xml-reader.js';

describe('parseXml', () => {
  it('resolves prefixes and default namespaces per scope', () => {
    const doc = parseXml(
      '<?xml version="1.0"?><s:Envelope xmlns:s="urn:soap"><s:Body><Op xmlns="urn:dev"><a:X xmlns:a="urn:a" k="v"/></Op></s:Body></s:Envelope>',
    );
    expect(doc.name).toBe('Envelope');
    expect(doc.ns).toBe('urn:soap');
    const op = child(child(doc, 'Body'), 'Op')!;
    expect(op.ns).toBe('urn:dev');
    const x = child(op, 'X')!;
    expect([x.prefix, x.ns, x.attrs.k]).toEqual(['a', 'urn:a', 'v']);
    expect(x.attrs).not.toHaveProperty('xmlns:a');
  });

  it('decodes entities, numeric references and CDATA, and ignores comments', () => {
    const doc = parseXml(`<r a='x &amp; &quot;y&quot;'><t>1 &lt; 2 &#65;&#x42;</t><!-- c --><c><![CDATA[<raw> & ]]></c></r>`);
    expect(doc.attrs.a).toBe('x & "y"');
    expect(childText(doc, 't')).toBe('1 < 2 AB');
    expect(child(doc, 'c')!.text).toBe('<raw> & ');
  });

  it.each([
    ['<a><b></a>', /unexpected <\/a>/],
    ['<a>', /not closed/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a/>', /DOCTYPE/],
    ['<a>fish & chips</a>', /bare "&"/],
    ['<a>&nbsp;</a>', /unknown entity/],
    ['<a>&#x110000;</a>', /out of range/],
    ['<a b="&#99999999999;"/>', /out of range/],
    ['<p:a/>', /undeclared prefix/],
    ['<a/><b/>', /second root/],
    ['', /no root/],
  ])('rejects %s', (src, message) => {
    expect(() => parseXml(src)).toThrow(XmlSyntaxError);
    expect(() => parseXml(src)).toThrow(message);
  });
});
