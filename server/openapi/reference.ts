// A reference page a person can read, rendered from the OpenAPI document itself: every operation by tag with who may
// call it and its request and answer schemas. hono's `html` escapes every value, so schema text cannot become markup.
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

type Operation = { summary?: string; description?: string; requestBody?: unknown; responses?: Record<string, unknown>; tags?: string[] };

const json = (value: unknown) => JSON.stringify(value, null, 2);

function operationHtml(method: string, path: string, op: Operation) {
  return html`<section id="${method}-${path}">
    <h3><code>${method.toUpperCase()} ${path}</code></h3>
    <p>${op.summary ?? ''}. ${op.description ?? ''}</p>
    ${op.requestBody ? html`<details><summary>Request</summary><pre>${json(op.requestBody)}</pre></details>` : ''}
    <details><summary>Answers</summary><pre>${json(op.responses)}</pre></details>
  </section>`;
}

export function referencePage(document: Record<string, unknown>): HtmlEscapedString | Promise<HtmlEscapedString> {
  const info = document.info as { title: string; version: string; description: string };
  const operations = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op, tag: op.tags?.[0] ?? '' })),
  );
  const tags = [...new Set(operations.map((o) => o.tag))].sort();
  const components = document.components as { schemas: Record<string, unknown> };
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${info.title} ${info.version}: API reference</title>
    <style>
      body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
      pre { background: #f4f4f5; padding: 0.75rem; overflow: auto; font-size: 13px; }
      h3 code { font-size: 1rem; }
    </style>
  </head>
  <body>
    <h1>${info.title} ${info.version}</h1>
    <p>${info.description}</p>
    <p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
    <nav><ul>${tags.map((tag) => html`<li><a href="#tag-${tag}">/${tag}</a></li>`)}</ul></nav>
    ${tags.map(
      (tag) => html`<h2 id="tag-${tag}">/${tag}</h2>
        ${operations.filter((o) => o.tag === tag).map((o) => operationHtml(o.method, o.path, o.op))}`,
    )}
    <h2 id="schemas">Schemas</h2>
    ${Object.entries(components.schemas).map(([name, schema]) => html`<section id="schema-${name}"><h3>${name}</h3><pre>${json(schema)}</pre></section>`)}
  </body>
</html>`;
}
