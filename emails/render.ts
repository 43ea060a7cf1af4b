import path from 'node:path';
import type { ReactElement } from 'react';

/** A rendered email: what nodemailer sends (the attachments are added by the caller that has the files). */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** An inline image referenced from the HTML as `cid:<cid>`. */
export interface InlineImage {
  cid: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

type StaticMarkup = (element: ReactElement) => string;
let staticMarkup: StaticMarkup | undefined;

/**
 * react-dom/server's renderToStaticMarkup, loaded at run time from node_modules rather than imported. The GraphQL
 * route handler reaches these templates through the schema, and Next.js refuses a static import of react-dom/server
 * in code its server-components layer compiles ("You're importing a component that imports react-dom/server"),
 * where it would also alias it to a build without renderToStaticMarkup. The templates are plain element trees (no
 * hooks, no context), which Node's build renders whichever copy of React made the elements.
 */
function renderToStaticMarkup(element: ReactElement): string {
  if (!staticMarkup) {
    const { createRequire } = process.getBuiltinModule('node:module');
    const load = createRequire(path.join(process.cwd(), 'package.json'));
    staticMarkup = (load('react-dom/server') as { renderToStaticMarkup: StaticMarkup }).renderToStaticMarkup;
  }
  return staticMarkup(element);
}

/**
 * A whole HTML mail: the document shell as text around the body React renders (static markup, no React
 * attributes). The title is the layout's, read from its data-title so callers pass it once.
 */
export function renderHtml(element: ReactElement): string {
  const body = renderToStaticMarkup(element);
  const title = /data-title="([^"]*)"/.exec(body)?.[1] ?? '';
  return (
    '<!DOCTYPE html><html lang="vi"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>' +
    `<meta name="viewport" content="width=device-width, initial-scale=1"/><title>${title}</title></head>` +
    `<body style="margin:0;padding:0">${body.replace(/ data-title="[^"]*"/, '')}</body></html>`
  );
}
