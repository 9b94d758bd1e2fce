/**
 * A script injected into a copy of the reference page for the browser test. It measures what the
 * browser actually rendered and writes the findings as JSON into `<pre id="page-check">`, which
 * `--dump-dom` then returns.
 */

export interface TextFit {
  entity: string;
  text: string;
  /** How far the text sticks out of its box, in px (0 when it fits). */
  overflow: number;
}

export interface PageCheck {
  svgCount: number;
  svgWidth: number;
  svgHeight: number;
  svgVisible: boolean;
  entityCount: number;
  textCount: number;
  overflows: TextFit[];
  overlaps: string[];
  /** Elements wider than the page (the picture scrolls inside its figure and does not count). */
  pageOverflow: string[];
  /** Resources the page tried to load (should be none). */
  resources: string[];
  fonts: string[];
}

const SCRIPT = `
(function () {
  var result = { svgCount: 0, svgWidth: 0, svgHeight: 0, svgVisible: false, entityCount: 0, textCount: 0,
    overflows: [], overlaps: [], pageOverflow: [], resources: [], fonts: [] };
  var svgs = document.querySelectorAll('svg.domain-model-picture');
  result.svgCount = svgs.length;
  var svg = svgs[0];
  if (svg) {
    var r = svg.getBoundingClientRect();
    var style = getComputedStyle(svg);
    result.svgWidth = r.width;
    result.svgHeight = r.height;
    result.svgVisible = r.width > 0 && r.height > 0 && style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0;
    var rects = [];
    svg.querySelectorAll('g.entity').forEach(function (g) {
      result.entityCount++;
      var box = g.querySelector('rect.box').getBBox();
      rects.push({ name: g.getAttribute('data-entity'), box: box });
      g.querySelectorAll('text').forEach(function (t) {
        result.textCount++;
        var b = t.getBBox();
        var overflow = Math.max(0, box.x - b.x, b.x + b.width - (box.x + box.width), box.y - b.y, b.y + b.height - (box.y + box.height));
        if (overflow > 0.5 || b.width === 0) result.overflows.push({ entity: g.getAttribute('data-entity'), text: t.textContent, overflow: overflow });
      });
      var fontFamily = getComputedStyle(g.querySelector('text')).fontFamily;
      if (result.fonts.indexOf(fontFamily) < 0) result.fonts.push(fontFamily);
    });
    for (var i = 0; i < rects.length; i++) for (var j = i + 1; j < rects.length; j++) {
      var a = rects[i].box, c = rects[j].box;
      if (a.x < c.x + c.width && c.x < a.x + a.width && a.y < c.y + c.height && c.y < a.y + a.height) result.overlaps.push(rects[i].name + ' / ' + rects[j].name);
    }
  }
  var limit = document.documentElement.clientWidth;
  document.querySelectorAll('main *').forEach(function (el) {
    if (el.closest('figure')) return;
    var b = el.getBoundingClientRect();
    if (b.right > limit + 0.5) result.pageOverflow.push(el.tagName + ': ' + (el.textContent || '').slice(0, 80));
  });
  performance.getEntriesByType('resource').forEach(function (e) { result.resources.push(e.name); });
  var out = document.createElement('pre');
  out.id = 'page-check';
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
})();
`;

/** The page with the check script added at the end of its body. */
export function withPageCheck(html: string): string {
  const at = html.lastIndexOf('</body>');
  if (at < 0) throw new Error('the page has no </body>');
  return `${html.slice(0, at)}<script>${SCRIPT}</script>\n${html.slice(at)}`;
}

/** The findings from a DOM dump of a page made by withPageCheck. */
export function readPageCheck(dom: string): PageCheck {
  const match = /<pre id="page-check">([\s\S]*?)<\/pre>/.exec(dom);
  if (!match?.[1]) throw new Error('the check script left no result: did the page load?');
  const json = match[1]
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return JSON.parse(json) as PageCheck;
}
