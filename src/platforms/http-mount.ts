// The one HTTP server on PORT (src/service) lends path prefixes to the platforms that receive
// webhooks (Slack events, the Telegram webhook).
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Mounts a request handler under a path prefix of the shared HTTP server. */
export type HttpMount = (pathPrefix: string, handler: (req: IncomingMessage, res: ServerResponse) => void) => void;
