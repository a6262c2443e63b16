/**
 * The depth and element count of the DOM a page will parse into, found by one pass over its tags
 * before the page is parsed. linkedom (and htmlparser2 under it) keep open elements in an array
 * they shift and search, so their cost grows with the square of the depth: 99,000 nested `<div>`s
 * or 30,000 unclosed `<table><tr><td>` took minutes (issue 32). This pass keeps the same stack
 * with the same rules (void elements, an opening tag that closes the open `<p>`, `<li>`, `<td>` …,
 * `/>` only inside SVG and MathML) at a constant cost per tag.
 */
export interface HtmlShape {
  elements: number;
  depth: number;
}

// htmlparser2's openImpliesClose (v10): opening the key closes these while they are on top.
const P = ['p'];
const FORM = ['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'];
const DDT = ['dt', 'dd'];
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', new Set(DDT)],
  ['dt', new Set(DDT)],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, ReadonlySet<string>] => [t, new Set(FORM)]),
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t): [string, ReadonlySet<string>] => [t, new Set(P)]),
  ['rt', new Set(['rt', 'rp'])],
  ['rp', new Set(['rt', 'rp'])],
  ['tbody', new Set(['thead', 'tbody'])],
  ['tfoot', new Set(['thead', 'tbody'])],
]);
const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Their content is text up to their closing tag. */
const RAW = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);
const FOREIGN = new Set(['svg', 'math']);
const NAME = /[a-zA-Z][^\s/>]*/y;

/** Stops as soon as `limits` is passed: the caller refuses the page then, so the rest need not be read. */
export function htmlShape(html: string, limits: { depth: number; elements: number } = { depth: Infinity, elements: Infinity }): HtmlShape {
  const stack: string[] = [];
  // How many of each name are open, so a closing tag with no open element costs nothing to skip.
  const open = new Map<string, number>();
  let foreign = 0;
  let elements = 0;
  let depth = 0;
  const push = (name: string) => {
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (FOREIGN.has(name)) foreign++;
    if (stack.length > depth) depth = stack.length;
  };
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    if (FOREIGN.has(name)) foreign--;
    return name;
  };
  let at = 0;
  while (elements <= limits.elements && depth <= limits.depth) {
    const lt = html.indexOf('<', at);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      at = end < 0 ? html.length : end + 3;
      continue;
    }
    const closing = html[lt + 1] === '/';
    NAME.lastIndex = lt + (closing ? 2 : 1);
    const m = NAME.exec(html);
    const gt = html.indexOf('>', lt + 1);
    if (gt < 0) break;
    at = gt + 1;
    // `<!doctype>`, `<?xml …>`, a stray "<" in text.
    if (!m) continue;
    const name = m[0].toLowerCase();
    if (closing) {
      if (open.get(name)) while (pop() !== name);
      continue;
    }
    elements++;
    const implied = IMPLIES_CLOSE.get(name);
    if (implied) while (stack.length && implied.has(stack[stack.length - 1]!)) pop();
    if (VOID.has(name) || (foreign && html[gt - 1] === '/') || (RAW.has(name) && !foreign)) {
      // A leaf: as deep as the open elements, plus one.
      depth = Math.max(depth, stack.length + 1);
      if (RAW.has(name) && !foreign) at = indexOfClosing(html, name, at);
      continue;
    }
    push(name);
  }
  return { elements, depth };
}

const CLOSING_TAG = /<\/([a-zA-Z]+)/g;

/** Where `</name` starts at or after `from`, in any case; the end of the page if nowhere. */
function indexOfClosing(html: string, name: string, from: number): number {
  CLOSING_TAG.lastIndex = from;
  for (let m = CLOSING_TAG.exec(html); m; m = CLOSING_TAG.exec(html)) if (m[1]!.toLowerCase() === name) return m.index;
  return html.length;
}
