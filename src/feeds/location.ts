// Where a feed is: on the network or on this machine. Apart from fetch.ts so that reading a config
// (which keys feeds by location) does not load the HTTP client.
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';

/** http(s) URLs go to the network; file:// URLs and plain paths are local. */
export function isLocal(location: string): boolean {
  return !/^https?:\/\//i.test(location);
}

export function localPath(location: string): string {
  if (/^file:/i.test(location)) return fileURLToPath(location);
  return isAbsolute(location) ? location : resolvePath(location);
}
