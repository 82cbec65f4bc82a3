// Button presses, platform-neutral. A platform opens the pressed button's payload (the codec in
// src/core/button-codec.ts), builds the same CommandContext a command gets, and calls runAction;
// what comes back says what to tell the person and how to change the message. A handler per
// action kind, in ACTION_HANDLERS: adding a kind means a handler file and one line there.
import type { ActionKind, ActionOf, ButtonAction } from '../src/core/buttons.ts';
import type { OpenResult } from '../src/core/button-codec.ts';
import { t } from '../src/i18n/catalogue.ts';
import { cancelAction } from './action-cancel.ts';
import { excludeAction } from './action-exclude.ts';
import { feedbackAction } from './action-feedback.ts';
import { muteAction } from './action-mute.ts';
import { runCommandAction } from './action-run.ts';
import { whyAction } from './action-why.ts';
import { pageAction, shareAction } from './action-page.ts';
import type { CommandContext, Reply, UiLang } from './types.ts';

export interface ActionResult {
  /** 'denied', 'usage' and 'error' mean nothing was changed. */
  status: Reply['status'];
  /** A short answer for the person who pressed (Telegram callback answer: at most 200 characters). */
  notice: string;
  /** A longer answer for that person only (Slack ephemeral; on Telegram an alert or a reply). */
  reply?: Reply;
  /**
   * New labels for the buttons in the pressed button's row ("👎 ✓"), given each label and whether
   * it is the pressed one; the platform edits the row when a label changed.
   */
  relabel?: (label: string, pressed: boolean) => string;
  /** The message itself replaced by this reply (text and buttons: pagination). */
  edit?: Reply;
  /**
   * A command's reply (a `run` button), sent the way the typed command's answer is: a message in
   * the chat (Telegram), in the channel or to the presser alone as the reply says (Slack).
   */
  command?: Reply;
  /** A new message for the whole chat (Share in channel). */
  post?: Reply;
}

export type ActionHandler<K extends ActionKind> = (ctx: CommandContext, action: ActionOf<K>, onError?: (err: unknown) => void) => Promise<ActionResult>;

/** Every kind of button raqib draws and the handler that answers it. */
export const ACTION_HANDLERS: { [K in ActionKind]?: ActionHandler<K> } = {
  feedback: feedbackAction,
  mute: muteAction,
  why: whyAction,
  run: runCommandAction,
  cancel: cancelAction,
  page: pageAction,
  share: shareAction,
  exclude: excludeAction,
};

const NOTICE_MAX = 200;

function clipNotice(r: ActionResult): ActionResult {
  return [...r.notice].length <= NOTICE_MAX ? r : { ...r, notice: `${[...r.notice].slice(0, NOTICE_MAX - 1).join('')}…` };
}

/** Runs the handler of an action; whatever it throws becomes a short "nothing was changed". */
export async function runAction(ctx: CommandContext, action: ButtonAction, onError: (err: unknown) => void): Promise<ActionResult> {
  const handler = ACTION_HANDLERS[action.kind] as ActionHandler<ActionKind> | undefined;
  if (!handler) return { status: 'usage', notice: t(ctx.lang, 'actions.unavailable') };
  try {
    return clipNotice(await handler(ctx, action, onError));
  } catch (err) {
    onError(err);
    return { status: 'error', notice: t(ctx.lang, 'actions.failed') };
  }
}

/** The answer to a payload the codec refused (forged, altered, too old or unknown): nothing is done. */
export function refusedAction(lang: UiLang, r: Extract<OpenResult, { ok: false }>): ActionResult {
  const key = r.reason === 'expired' ? 'actions.expired' : r.reason === 'unknown' ? 'actions.unknown' : 'actions.invalid';
  return { status: 'denied', notice: t(lang, key) };
}
