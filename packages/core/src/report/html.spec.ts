import { escapeHtml, formatNumberAttr, fragment, h, Markup, trusted, voidElement } from './html';

describe('escapeHtml', () => {
  it('escapes the five characters that can end text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('leaves other text, Unicode included, as it is', () => {
    expect(escapeHtml('BenchmarkÄ/µs-8 ± ∞ → ~')).toBe('BenchmarkÄ/µs-8 ± ∞ → ~');
  });
});

describe('h', () => {
  it('escapes text children and attribute values, and keeps markup children', () => {
    const cell = h('td', { title: 'a "b" <c>' }, ['x < y & z', h('b', {}, ['bold'])]);
    expect(cell.html).toBe('<td title="a &quot;b&quot; &lt;c&gt;">x &lt; y &amp; z<b>bold</b></td>');
  });

  it('drops undefined and false attributes and children', () => {
    expect(h('p', { class: undefined, hidden: false, id: 'n' }, [undefined, false, 'ok']).html).toBe('<p id="n">ok</p>');
  });

  it('writes numbers short and stable', () => {
    expect(h('line', { x1: 10.123456, x2: -0.001, y1: 3, y2: 1e-9 }).html).toBe('<line x1="10.12" x2="0" y1="3" y2="0"></line>');
  });

  it('passes trusted constants through and escapes everything in a fragment that is not Markup', () => {
    expect(fragment([trusted('<i>'), '<i>', new Markup('</i>')], ' ').html).toBe('<i> &lt;i&gt; </i>');
  });

  it('writes void elements without a closing tag', () => {
    expect(voidElement('meta', { charset: 'utf-8' }).html).toBe('<meta charset="utf-8">');
  });
});

describe('formatNumberAttr', () => {
  it('rounds to two decimals and never prints -0', () => {
    expect([1, 1.005, 2.499, -3.14159, -0, -0.004].map(formatNumberAttr)).toEqual(['1', '1', '2.5', '-3.14', '0', '0']);
  });

  it('refuses NaN and infinities instead of writing a broken attribute', () => {
    expect(() => formatNumberAttr(NaN)).toThrow(/non-finite/);
    expect(() => formatNumberAttr(Infinity)).toThrow(/non-finite/);
  });
});
