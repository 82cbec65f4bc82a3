// Buttons, platform-neutral: a row of { label, action } under a message. The action is what a press
// asks for, as data (a typed union, extended by adding a kind here and a field list in
// button-codec.ts); each platform draws the row its own way (Telegram inline keyboard, Slack
// actions block) and hands presses back as the same action to commands/actions.ts.

export type Verdict = 'relevant' | 'not-relevant';

export type ButtonAction =
  /** 👍 / 👎 on one story for one topic: stored as feedback, one verdict per person. */
  | { kind: 'feedback'; topic: string; story: string; verdict: Verdict }
  /** Mute the topic in the chat where the button was pressed, for `hours`. */
  | { kind: 'mute'; topic: string; hours: number }
  /** Why did this story match the topic: its clauses and terms. */
  | { kind: 'why'; topic: string; story: string }
  /** Another page of a command's answer: the command re-run for that page, in place of the message. */
  | { kind: 'page'; command: string; args: string; page: number }
  /**
   * Runs a command line (`command` without its slash, `args` as typed) as the person who pressed,
   * in the chat of the message: the same dispatch, permissions and language as typing it.
   */
  | { kind: 'run'; command: string; args: string }
  /** Cancel under a preview that waits for a confirmation: nothing is done, the person is told so. */
  | { kind: 'cancel'; what: CancelWhat }
  /** A private answer (a Slack ephemeral digest) posted to the whole chat. */
  | { kind: 'share'; command: string; args: string }
  /** Admins: preview keeping articles with `term` out of the topic (a suggestion from feedback). */
  | { kind: 'exclude'; topic: string; term: string };

/** What a Cancel button gives up (each has its own answer). */
export type CancelWhat = 'feed-add';

export type ActionKind = ButtonAction['kind'];
export type ActionOf<K extends ActionKind> = Extract<ButtonAction, { kind: K }>;

export interface Button {
  /** Plain text, never markup; already in the chat's language. */
  label: string;
  action: ButtonAction;
}

export type ButtonRow = Button[];

/** A button as the platform received it: its label and the opaque data it carries. */
export interface SealedButton {
  label: string;
  data: string;
}

/** A key identifying an action by value (for sealing many at once and looking them up again). */
export function actionKey(a: ButtonAction): string {
  return JSON.stringify(Object.entries(a).sort(([x], [y]) => (x < y ? -1 : 1)));
}

/** Sealed data for an action that was sealed beforehand (see sealAll in button-codec.ts). */
export type Sealer = (a: ButtonAction) => string;
