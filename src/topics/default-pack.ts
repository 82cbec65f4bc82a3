// PLACEHOLDER (foundation) until the topics issue ships the tuned pack as default-pack.yaml.
import type { TopicDef } from '../core/types.ts';

export function defaultTopics(): TopicDef[] {
  return [
    { id: 'withdrawal', name: 'US withdrawal', query: 'withdrawal OR انسحاب' },
    { id: 'militia-threats', name: 'Militia threats', query: 'militia OR ميليشيا OR الميليشيات' },
    { id: 'us-strikes', name: 'US strikes', query: 'strike OR airstrike OR غارة OR ضربة' },
    { id: 'iraq', name: 'Iraq', query: 'iraq OR العراق OR بغداد' },
  ];
}
