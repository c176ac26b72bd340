// The OpenAPI 3.1 document of the server, built from the route table (./routes.ts) with zod's own JSON Schema output
// (z.toJSONSchema, draft 2020-12: the dialect OpenAPI 3.1 uses), so the document cannot drift from what routes parse.
import { z } from 'zod';
import { ApiError } from '../../lib/schema/api';
import { Id } from '../../lib/schema/entities';
import { CREATE_REQUESTS } from '../../lib/schema/manager';
import { API_ROUTES, type NamedSchemas, type RouteSpec } from './routes';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** Path parameters that are not plain ids. */
const PATH_PARAMS: Record<string, z.ZodType> = {
  kind: z.enum(Object.keys(CREATE_REQUESTS) as [string, ...string[]]),
  version: z.int().min(1),
};

function toJsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  // A date or a transform's output has no JSON Schema: it is described as "anything" rather than failing the document.
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

/** `/manager/:kind/:id` → `/manager/{kind}/{id}` and the names of its parameters. */
export function openApiPath(pattern: string): { path: string; params: string[] } {
  const params = [...pattern.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] ?? '');
  return { path: pattern.replace(/:([A-Za-z]+)/g, '{$1}'), params };
}

/** The components' schemas, each under its export name; an input and an output form that differ get `Input` on the first. */
class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  ref(name: string, schema: z.ZodType, io: Io): JsonSchema {
    let json = toJsonSchema(schema, io);
    // Recursive schemas carry $defs, which in an OpenAPI document must live among the components to resolve.
    const defs = json.$defs as Record<string, JsonSchema> | undefined;
    if (defs) {
      const { $defs: _defs, ...rest } = json;
      const hoist = (value: JsonSchema) =>
        JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_m, def: string) => `"#/components/schemas/${name}_${def}"`)) as JsonSchema;
      for (const [def, value] of Object.entries(defs)) this.schemas[`${name}_${def}`] = hoist(value);
      json = hoist(rest);
    }
    const existing = this.schemas[name];
    const key = existing && JSON.stringify(existing) !== JSON.stringify(json) ? `${name}${io === 'input' ? 'Input' : 'Output'}` : name;
    this.schemas[key] = json;
    return { $ref: `#/components/schemas/${key}` };
  }

  /** One schema, or the alternatives of several. */
  refs(named: NamedSchemas, io: Io): JsonSchema {
    const refs = Object.entries(named).map(([name, schema]) => this.ref(name, schema, io));
    return refs.length === 1 ? (refs[0] as JsonSchema) : { oneOf: refs };
  }
}

function operationId(method: string, pattern: string): string {
  const words = pattern
    .split(/[/:-]/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1));
  return method.toLowerCase() + words.join('');
}

function operation(method: string, pattern: string, spec: RouteSpec, components: SchemaComponents): JsonSchema {
  const { params } = openApiPath(pattern);
  const parameters: JsonSchema[] = params.map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: toJsonSchema(PATH_PARAMS[name] ?? Id, 'input'),
  }));
  for (const schema of Object.values(spec.query ?? {})) {
    const json = toJsonSchema(schema, 'input');
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((json.properties ?? {}) as Record<string, JsonSchema>)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: property });
    }
  }
  const status = String(spec.status ?? 200);
  const success =
    spec.response === 'empty'
      ? { description: 'Done' }
      : spec.response === 'image'
        ? { description: 'The image', content: { 'image/*': { schema: { type: 'string', contentMediaType: 'image/*' } } } }
        : spec.response === 'html'
          ? { description: 'A page', content: { 'text/html': { schema: { type: 'string' } } } }
          : spec.response === 'event-stream'
            ? {
                description: 'A stream of `data: {"cursor": n}` events and `: ping` comments',
                content: { 'text/event-stream': { schema: { type: 'string' } } },
              }
            : { description: 'Done', content: { 'application/json': { schema: components.refs(spec.response, 'output') } } };
  const scopes = spec.scopes === undefined ? 'API tokens: not allowed (a signed-in person only).' : `API token scopes: ${spec.scopes.join(', ') || 'any'}.`;
  return {
    operationId: operationId(method, pattern),
    summary: spec.summary,
    tags: [pattern.split('/')[1] ?? ''],
    ...(spec.public ? { security: [], description: 'Public: no token needed.' } : { security: [{ bearer: [...(spec.scopes ?? [])] }], description: scopes }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(spec.body === 'image'
      ? { requestBody: { required: true, content: { 'image/png': {}, 'image/jpeg': {}, 'image/webp': {} } } }
      : spec.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: components.refs(spec.body, 'input') } } } }
        : {}),
    responses: { [status]: success, default: { $ref: '#/components/responses/Error' } },
  };
}

/** The whole document; `routes` defaults to the server's table. */
export function openApiDocument(version: string, routes: Record<string, RouteSpec> = API_ROUTES): JsonSchema {
  const components = new SchemaComponents();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [route, spec] of Object.entries(routes)) {
    const [method = '', pattern = ''] = route.split(' ');
    const { path } = openApiPath(pattern);
    paths[path] = { ...paths[path], [method.toLowerCase()]: operation(method, pattern, spec, components) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem sync server',
      version,
      description:
        'The API of the Tandem server. Send `Authorization: Bearer <token>`: a session token from `POST /auth/sign-in`, or an API token an admin created (`/admin/tokens`), limited to its scopes. Errors answer `{ "error": { "code", "message", "details"? } }` with a stable code.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A session token or a scoped API token.' } },
      responses: {
        Error: { description: 'An error with a stable code', content: { 'application/json': { schema: components.ref('ApiError', ApiError, 'output') } } },
      },
      schemas: components.schemas,
    },
  };
}
