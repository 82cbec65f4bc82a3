// What the poller needs to know about one feed, built from the config file or a runtime /watch.
// The feed id comes from the feed's location, never from its display name: names are optional,
// not unique and get edited, and a renamed feed must keep its state (validators, backoff, primed).
import { pathToFileURL } from 'node:url';
import { parseDuration } from '../core/duration.ts';
import { canonicalUrl } from './canonical-url.ts';
import { isLocal, localPath } from './location.ts';
import { shortHash } from './hash.ts';

export interface FeedSpec {
  id: string;
  /** http(s) URL, file:// URL or local path. */
  url: string;
  name?: string;
  intervalMs: number;
  fullText: boolean;
  /** Alert on the first poll's items too (default false: the backlog is stored silently). */
  alertOnFirstPoll: boolean;
  /** Items published longer ago than this are ignored. */
  maxAgeMs: number;
}

export const DEFAULT_INTERVAL_MS = 5 * 60_000;
export const MIN_REMOTE_INTERVAL_MS = 60_000;
export const MIN_LOCAL_INTERVAL_MS = 1_000;
export const DEFAULT_MAX_AGE_MS = 3 * 86_400_000;

/** A stable key for a feed location: canonical URL for the web, absolute file:// URL for files. */
export function feedLocationKey(location: string): string {
  if (isLocal(location)) {
    try {
      return pathToFileURL(localPath(location)).toString();
    } catch {
      return location;
    }
  }
  return canonicalUrl(location) ?? location.trim();
}

/** "f" + 12 hex digits of the location's hash: short enough to type in /status, stable forever. */
export function feedIdFor(location: string): string {
  return `f${shortHash(feedLocationKey(location), 12)}`;
}

/** file://, local paths and loopback hosts may poll every second; the web no faster than 1/min. */
export function minIntervalFor(location: string): number {
  if (isLocal(location)) return MIN_LOCAL_INTERVAL_MS;
  try {
    const host = new URL(location).hostname.replace(/^\[|\]$/g, '');
    if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return MIN_LOCAL_INTERVAL_MS;
  } catch {
    // an invalid URL fails at fetch time with a clear reason
  }
  return MIN_REMOTE_INTERVAL_MS;
}

export interface FeedSpecInput {
  url: string;
  name?: string;
  id?: string;
  intervalMs?: number;
  fullText?: boolean;
  alertOnFirstPoll?: boolean;
  maxAgeMs?: number;
}

export function feedSpec(input: FeedSpecInput, defaults: { maxAgeMs?: number } = {}): FeedSpec {
  const min = minIntervalFor(input.url);
  return {
    id: input.id ?? feedIdFor(input.url),
    url: input.url,
    ...(input.name ? { name: input.name } : {}),
    intervalMs: Math.max(min, input.intervalMs ?? DEFAULT_INTERVAL_MS),
    fullText: input.fullText ?? false,
    alertOnFirstPoll: input.alertOnFirstPoll ?? false,
    maxAgeMs: input.maxAgeMs ?? defaults.maxAgeMs ?? DEFAULT_MAX_AGE_MS,
  };
}

/** A feed entry as written in the config file (durations as text, e.g. "5m"). */
export interface FeedConfigLike {
  url: string;
  name?: string;
  interval?: string;
  fullText?: boolean;
  alertOnFirstPoll?: boolean;
  maxAge?: string;
}

/** Builds a FeedSpec from a config entry and settings.maxAge; unparsable durations use defaults. */
export function feedSpecFromConfig(f: FeedConfigLike, settings: { maxAge?: string } = {}): FeedSpec {
  const dur = (s: string | undefined) => (s ? parseDuration(s) : undefined);
  return feedSpec(
    { url: f.url, name: f.name, intervalMs: dur(f.interval), fullText: f.fullText, alertOnFirstPoll: f.alertOnFirstPoll, maxAgeMs: dur(f.maxAge) },
    { maxAgeMs: dur(settings.maxAge) },
  );
}
