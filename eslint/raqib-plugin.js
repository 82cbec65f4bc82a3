// raqib's own lint rules: the architecture as the linter keeps it (README, "Architecture").
//  - raqib/layers: which folders a folder may import (data flows one way: feeds → text → topics →
//    stories → digest → delivery → platforms), and which SDKs only a platform may import.
//  - raqib/no-folder-cycles: no import cycle between folders of src/ (a file-level rule cannot see
//    a cycle, so the rule reads the whole import graph once per lint run and reports the edge of
//    the current file that closes one).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * What each folder may import (besides itself). `*` = anything. A folder missing here is refused
 * by the rule until it is placed in the layering on purpose.
 */
export const LAYERS = {
  'src/core': [],
  'src/log': ['src/core'],
  'src/text': ['src/core'],
  // i18n: the message catalogues and Intl formatting every part that talks to people uses.
  'src/i18n': ['src/core'],
  // config resolves a topic's feeds: by feed identity (src/feeds/feed-spec.ts), as the poller does.
  'src/config': ['src/core', 'src/i18n', 'src/text', 'src/feeds', 'src/topics'],
  'src/store': ['src/core'],
  'src/feeds': ['src/core', 'src/text'],
  'src/topics': ['src/core', 'src/text'],
  'src/stories': ['src/core', 'src/text', 'src/store', 'src/topics'],
  'src/pipeline': ['src/core', 'src/log', 'src/text', 'src/feeds', 'src/store', 'src/topics', 'src/stories'],
  'src/digest': ['src/core', 'src/i18n', 'src/text', 'src/store', 'src/stories', 'src/topics'],
  // service: the HTTP server, health checks and metrics every running part reports into.
  'src/service': ['src/core', 'src/log', 'src/store'],
  'src/delivery': ['src/core', 'src/i18n', 'src/log', 'src/store', 'src/service', 'src/stories', 'src/topics', 'src/digest'],
  'src/schedule': ['src/core', 'src/log', 'src/store', 'src/service', 'src/delivery'],
  commands: ['src/core', 'src/i18n', 'src/text', 'src/topics', 'src/stories', 'src/digest'],
  'src/app': [
    'src/core',
    'src/i18n',
    'src/log',
    'src/text',
    'src/config',
    'src/store',
    'src/feeds',
    'src/topics',
    'src/stories',
    'src/pipeline',
    'src/digest',
    'src/delivery',
    'src/schedule',
    'src/service',
    'commands',
  ],
  'src/platforms': ['src/core', 'src/i18n', 'src/log', 'src/text', 'src/config', 'src/digest', 'commands'],
  // Wiring: main and the platform start-up it delegates to construct and connect everything.
  'src/main': ['*'],
  'src/platforms-start': ['*'],
  'src/cli': ['*'],
};

/** Packages only one folder may import. */
const SDK_HOMES = [
  { test: (s) => s === 'telegraf' || s.startsWith('telegraf/'), home: 'src/platforms/telegram' },
  { test: (s) => s.startsWith('@slack/'), home: 'src/platforms/slack' },
];

const IMPORT_RE = /(?:^|\n)\s*(?:import|export)[^'"\n;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

/** The layer a project path belongs to: `commands`, `src/<folder>`, or a top file `src/<name>`. */
export function folderOf(relPath) {
  const parts = relPath.split(/[\\/]/);
  if (parts[0] === 'commands') return 'commands';
  if (parts[0] !== 'src') return undefined;
  if (parts.length === 2) return `src/${parts[1].replace(/\.ts$/, '')}`;
  return `src/${parts[1]}`;
}

function walk(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Folder → folder → one file that makes the edge; built once per lint process and root. */
const graphs = new Map();
export function folderGraph(root) {
  const cached = graphs.get(root);
  if (cached) return cached;
  const graph = new Map();
  const dirs = ['src', 'commands']
    .map((d) => join(root, d))
    .filter((d) => {
      try {
        return statSync(d).isDirectory();
      } catch {
        return false; // a tree without commands/ (a fixture) has nothing there to read
      }
    });
  for (const abs of dirs.flatMap(walk)) {
    const from = folderOf(relative(root, abs));
    for (const m of readFileSync(abs, 'utf8').matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (!spec.startsWith('.')) continue;
      const to = folderOf(relative(root, resolve(dirname(abs), spec)));
      if (!from || !to || from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from).has(to)) graph.get(from).set(to, relative(root, abs));
    }
  }
  graphs.set(root, graph);
  return graph;
}

/** A path of folders from `start` back to `goal`, or undefined. */
function pathBetween(graph, start, goal) {
  const seen = new Set([start]);
  const queue = [[start]];
  while (queue.length > 0) {
    const path = queue.shift();
    const last = path[path.length - 1];
    for (const next of graph.get(last)?.keys() ?? []) {
      if (next === goal) return [...path, next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...path, next]);
      }
    }
  }
  return undefined;
}

/** Calls `visit(specifier, node)` for every static import, re-export and dynamic import. */
function importVisitors(visit) {
  const literal = (node) => (node.source && typeof node.source.value === 'string' ? visit(node.source.value, node.source) : undefined);
  return {
    ImportDeclaration: literal,
    ExportNamedDeclaration: literal,
    ExportAllDeclaration: literal,
    ImportExpression: literal,
  };
}

function context2(context) {
  const root = context.cwd ?? process.cwd();
  const file = relative(root, context.filename ?? context.getFilename())
    .split(sep)
    .join('/');
  return { root, file, from: folderOf(file) };
}

const layers = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { layer: '{{from}} may not import {{to}} (allowed: {{allowed}})', sdk: '{{pkg}} may only be imported in {{home}}/' },
  },
  create(context) {
    const { root, file, from } = context2(context);
    if (!from) return {};
    return importVisitors((spec, node) => {
      for (const sdk of SDK_HOMES) {
        if (sdk.test(spec) && !file.startsWith(`${sdk.home}/`)) context.report({ node, messageId: 'sdk', data: { pkg: spec, home: sdk.home } });
      }
      if (!spec.startsWith('.')) return;
      const to = folderOf(
        relative(root, resolve(dirname(join(root, file)), spec))
          .split(sep)
          .join('/'),
      );
      if (!to || to === from) return;
      const allowed = LAYERS[from];
      if (allowed && (allowed.includes('*') || allowed.includes(to))) return;
      context.report({ node, messageId: 'layer', data: { from, to, allowed: allowed ? allowed.join(', ') || 'nothing' : 'folder not in the layering' } });
    });
  },
};

const noFolderCycles = {
  meta: { type: 'problem', schema: [], messages: { cycle: 'import cycle between folders: {{cycle}}' } },
  create(context) {
    const { root, file, from } = context2(context);
    if (!from) return {};
    const graph = folderGraph(root);
    return importVisitors((spec, node) => {
      if (!spec.startsWith('.')) return;
      const to = folderOf(
        relative(root, resolve(dirname(join(root, file)), spec))
          .split(sep)
          .join('/'),
      );
      if (!to || to === from) return;
      const back = pathBetween(graph, to, from);
      if (back) context.report({ node, messageId: 'cycle', data: { cycle: [from, ...back].join(' → ') } });
    });
  },
};

export default { meta: { name: 'raqib' }, rules: { layers, 'no-folder-cycles': noFolderCycles } };
