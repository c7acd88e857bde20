// The page every go-pgo report is: one self-contained HTML document (inline CSS and SVG, no
// script, no network) with its title and body.
import { h, voidElement, type Markup } from './html';
import { STYLESHEET } from './style';

// Defence in depth: even if some text escaped its escaping, the page may load nothing and run
// nothing.
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

export function reportDocument(title: string, body: Markup): string {
  const head = h('head', {}, [
    voidElement('meta', { charset: 'utf-8' }),
    voidElement('meta', { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }),
    voidElement('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', {}, [title]),
    h('style', {}, [STYLESHEET]),
  ]);
  return `<!DOCTYPE html>\n${h('html', { lang: 'en' }, [head, '\n', h('body', {}, [body]), '\n']).html}\n`;
}
