// A topic or feed changed at run time (/watch, /feeds, `raqib feeds`), as `raqib check` and
// /status list it: what changed, by whom and when (when recorded), so that it can be found and undone.

export interface RuntimeChange {
  kind: 'topic' | 'feed';
  /** Topic id or feed URL. */
  id: string;
  /**
   * added: not in the config (or pack); replaces: a config topic or feed stored anew; overlay: a
   * /watch include/exclude over a config or pack topic; removed: a config one removed at run time.
   */
  change: 'added' | 'replaces' | 'overlay' | 'removed';
  /** platform:user for chat commands, "cli" for `raqib feeds`. */
  by?: string;
  /** ISO time. */
  at?: string;
}

/** How each kind is undone, in the words the operator types. */
export const UNDO_HINTS = {
  topic: '/watch remove ID (all: raqib reset --topics)',
  feed: '/feeds remove URL or raqib feeds remove URL (all: raqib reset --feeds)',
} as const;
