// The fake Slack workspace: channels, users, and every message posted, ephemeral or updated.
// Shapes follow ../shared/fixtures/slack/samples/api/*.json (auth.test, chat.postMessage,
// conversations.info, users.info).

export interface SlackChannelSpec {
  id: string;
  name?: string;
  is_private?: boolean;
  is_im?: boolean;
  is_archived?: boolean;
  /** Member user ids; when given, chat.postEphemeral to anyone else is `user_not_in_channel`. */
  members?: string[];
  /** false: posting answers `not_in_channel` (default true). */
  botIsMember?: boolean;
}

export interface SlackUserSpec {
  id: string;
  name?: string;
  real_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  tz?: string;
  locale?: string;
}

export interface PostedMessage {
  kind: 'message' | 'ephemeral';
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  /** Target user of an ephemeral message. */
  user?: string;
  /** ms since the fake started. */
  at: number;
  /** Earlier versions, oldest first, after chat.update. */
  edits: { text: string; blocks?: unknown[] }[];
  deleted: boolean;
  /** Fallback-text and mrkdwn findings (see slack-limits.ts); never sent back to the client. */
  warnings: string[];
  params: Record<string, unknown>;
}

export interface SlackIdentity {
  team: { id: string; domain: string; name: string };
  botUserId: string;
  botId: string;
  appId: string;
  botName: string;
}

export class SlackWorld {
  readonly channels = new Map<string, SlackChannelSpec>();
  readonly users = new Map<string, SlackUserSpec>();
  readonly log: PostedMessage[] = [];
  readonly knownChannelsOnly: boolean;
  readonly knownUsersOnly: boolean;
  private lastSec = 0;
  private micro = 0;

  constructor(
    readonly id: SlackIdentity,
    channels?: SlackChannelSpec[],
    users?: SlackUserSpec[],
  ) {
    this.knownChannelsOnly = channels !== undefined;
    this.knownUsersOnly = users !== undefined;
    for (const c of channels ?? []) this.channels.set(c.id, c);
    for (const u of users ?? []) this.users.set(u.id, u);
  }

  /** An id (C…, G…, D…), a name ('news' or '#news'), or a user id (a DM opens). */
  resolveChannel(ref: unknown): SlackChannelSpec | undefined {
    if (typeof ref !== 'string' || ref === '') return undefined;
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const name = ref.replace(/^#/, '');
    const byName = [...this.channels.values()].find((c) => c.name === name);
    if (byName) return byName;
    if (/^[UW][A-Z0-9]{2,}$/.test(ref) && this.user(ref)) {
      const dm = { id: `D${ref.slice(1)}`, is_im: true, members: [ref] };
      if (!this.channels.has(dm.id)) this.channels.set(dm.id, dm);
      return this.channels.get(dm.id);
    }
    if (!this.knownChannelsOnly && /^[CGD][A-Z0-9]{2,}$/.test(ref)) {
      const c: SlackChannelSpec = { id: ref, name: ref.toLowerCase(), is_private: ref.startsWith('G'), is_im: ref.startsWith('D') };
      this.channels.set(ref, c);
      return c;
    }
    return undefined;
  }

  user(id: unknown): SlackUserSpec | undefined {
    if (typeof id !== 'string' || !/^[UWB][A-Z0-9]{2,}$/.test(id)) return undefined;
    const u = this.users.get(id);
    if (u || this.knownUsersOnly) return u;
    return { id, name: id.toLowerCase() };
  }

  /** Message timestamps: unique and increasing, like Slack's "seconds.micros". */
  nextTs(): string {
    const sec = Math.floor(Date.now() / 1000);
    if (sec > this.lastSec) {
      this.lastSec = sec;
      this.micro = 0;
    } else {
      this.micro++;
    }
    return `${this.lastSec}.${String(this.micro).padStart(6, '0')}`;
  }

  find(channel: string, ts: string): PostedMessage | undefined {
    return this.log.find((m) => m.kind === 'message' && m.channel === channel && m.ts === ts && !m.deleted);
  }

  /** The `message` object of chat.postMessage / chat.update answers. */
  messageObject(m: PostedMessage): Record<string, unknown> {
    const { team, botUserId, botId, appId, botName } = this.id;
    return {
      user: botUserId,
      type: 'message',
      ts: m.ts,
      bot_id: botId,
      app_id: appId,
      text: m.text,
      team: team.id,
      bot_profile: { id: botId, deleted: false, name: botName, updated: Math.floor(Date.now() / 1000), app_id: appId, team_id: team.id, user_id: botUserId },
      ...(m.blocks ? { blocks: m.blocks } : {}),
      ...(m.thread_ts ? { thread_ts: m.thread_ts, parent_user_id: botUserId } : {}),
    };
  }

  channelObject(c: SlackChannelSpec): Record<string, unknown> {
    const isIm = c.is_im === true;
    return {
      id: c.id,
      ...(isIm
        ? { user: c.members?.[0], is_im: true, is_org_shared: false }
        : {
            name: c.name ?? c.id.toLowerCase(),
            name_normalized: c.name ?? c.id.toLowerCase(),
            is_channel: !c.is_private,
            is_group: false,
            is_im: false,
            is_mpim: false,
            is_private: c.is_private === true,
            is_archived: c.is_archived === true,
            is_general: c.name === 'general',
            is_shared: false,
            is_ext_shared: false,
            is_org_shared: false,
            is_member: c.botIsMember !== false,
            creator: 'U0CREATOR',
            topic: { value: '', creator: '', last_set: 0 },
            purpose: { value: '', creator: '', last_set: 0 },
            ...(c.members ? { num_members: c.members.length } : {}),
          }),
      created: 1700000000,
    };
  }

  userObject(u: SlackUserSpec, includeLocale: boolean): Record<string, unknown> {
    const name = u.name ?? u.id.toLowerCase();
    const realName = u.real_name ?? name;
    return {
      id: u.id,
      team_id: this.id.team.id,
      name,
      deleted: u.deleted === true,
      real_name: realName,
      tz: u.tz ?? 'Asia/Baghdad',
      tz_label: 'Arabia Standard Time',
      tz_offset: 10800,
      profile: { real_name: realName, display_name: name, real_name_normalized: realName, display_name_normalized: name, team: this.id.team.id },
      is_admin: u.is_admin === true,
      is_owner: u.is_owner === true,
      is_primary_owner: u.is_primary_owner === true,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: u.is_bot === true,
      is_app_user: false,
      updated: 1700000000,
      ...(includeLocale ? { locale: u.locale ?? 'en-US' } : {}),
    };
  }
}
