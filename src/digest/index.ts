// Digests: select and rank stories for topics over a window, summarise, render per platform.
export { buildDigest, type BuildDigestOptions } from './build-digest.ts';
export { alertDigest, type AlertDigestOptions } from './alert-digest.ts';
export { renderTelegram, renderTelegramMessages, type TelegramDigestMessage, telegramRich, telegramTextLength, TELEGRAM_MAX } from './render-telegram.ts';
export { renderSlack, slackActions, slackRich, SLACK_MAX_BLOCKS, SLACK_SECTION_MAX, type SlackMessage } from './render-slack.ts';
export { renderText, textRich, type TextOptions } from './render-text.ts';
export { renderJson, digestToJson, type DigestJson } from './render-json.ts';
export { escapeTelegramHtml, escapeSlackText, safeHttpUrl, telegramLink, slackLink, hostLabel } from './escape.ts';
export { cleanRich, cleanText, FSI, PDI, type RichText } from './rich-text.ts';
export { summaryOf, headlineOf, splitSentences, SUMMARY_MAX } from './summarise.ts';
export { windowLabel } from './labels.ts';
export { toMessageBodies } from './message-bodies.ts';
export type { Digest, DigestStory, DigestSource, UiLang } from './types.ts';
export { digestActions, muteRow, storyRow, MUTE_HOURS } from './story-buttons.ts';
