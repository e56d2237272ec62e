import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { html, raw } from 'hono/html';
import { secureHeaders } from 'hono/secure-headers';
import type { HtmlEscapedString } from 'hono/utils/html';

/** The only style on these pages; allowed by its hash, so the CSP needs no 'unsafe-inline'. */
const CSS = `
body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:76rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.5rem;margin:.2rem 0 1rem}nav a{margin-right:1rem}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #d8dee4;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right;white-space:nowrap}th{background:#f6f8fa}
small,.muted{color:#57606a}form{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:0 0 1rem}
label{display:flex;flex-direction:column;font-size:.85rem}.empty{padding:1rem;background:#f6f8fa}
`;

export const STYLE_HASH = `'sha256-${createHash('sha256').update(CSS).digest('base64')}'`;

/**
 * Strict CSP for server-rendered pages: no script at all, no inline style but ours, forms post
 * only here, nothing may frame the pages.
 */
export function pageSecurityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      styleSrc: [STYLE_HASH],
      imgSrc: ["'self'"],
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    // as frame-ancestors 'none' says, for browsers that only know the older header
    xFrameOptions: 'DENY',
    // HTTPS is the deployment's business; on a plain-HTTP dev server HSTS means nothing
    strictTransportSecurity: false,
  });
}

export function layout(title: string, nav: HtmlEscapedString, body: HtmlEscapedString): HtmlEscapedString {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} · edgewatt leaderboard</title>
<style>${raw(CSS)}</style>
</head>
<body>
<nav>${nav}</nav>
<h1>${title}</h1>
${body}
</body>
</html>` as HtmlEscapedString;
}
