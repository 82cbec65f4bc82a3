// Types for the plugin module (written in JavaScript so that eslint.config.js can load it as is).
import type { ESLint } from 'eslint';

declare const plugin: ESLint.Plugin;
export default plugin;
/** What each folder may import besides itself (`*` = anything). */
export const LAYERS: Record<string, string[]>;
export function folderOf(relPath: string): string | undefined;
