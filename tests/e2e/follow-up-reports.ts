// Short reports in our own words for the follow-up end-to-end test: one strike told by two outlets,
// a second attack on another base the next day, and some unrelated backlog. `marker` is a piece
// of the headline that identifies the report in a chat message.
export interface Report {
  title: string;
  text: string;
  link: string;
  lang: 'ar' | 'en';
  marker: string;
}

const report = (r: Report) => r;

export const REPORTS = {
  query: 'attack OR strike OR drone OR rockets OR هجوم OR ضربة OR مسيرة',
  backlogA: report({
    title: 'Parliament debates the provincial budget',
    text: 'Lawmakers argued over provincial shares for a third day.',
    link: 'https://outlet-a.example/budget',
    lang: 'en',
    marker: 'provincial budget',
  }),
  backlogB: report({
    title: 'Ministry announces new school calendar',
    text: 'The ministry said schools open in September.',
    link: 'https://outlet-b.example/schools',
    lang: 'en',
    marker: 'school calendar',
  }),
  strikeA: report({
    title: 'Drone attack wounds three soldiers at Ain al-Asad air base in Iraq',
    text: 'A drone attack on Ain al-Asad air base in Anbar province wounded three soldiers, officials said. The Islamic Resistance in Iraq claimed the attack.',
    link: 'https://outlet-a.example/ain-al-asad-drone',
    lang: 'en',
    marker: 'Ain al-Asad air base in Iraq',
  }),
  // The other outlet, in Arabic, a little later: the same place, actor, kind and day, and a higher
  // toll (four wounded) — what the follow-up must say is new.
  strikeB: report({
    title: 'إصابة أربعة جنود بهجوم بطائرة مسيرة على قاعدة عين الأسد',
    text: 'أصيب أربعة جنود في هجوم بطائرة مسيرة استهدف قاعدة عين الأسد الجوية في محافظة الأنبار غربي العراق، وفق مسؤولين. وتبنت المقاومة الإسلامية في العراق الهجوم.',
    link: 'https://outlet-b.example/ain-al-asad',
    lang: 'ar',
    marker: 'بهجوم بطائرة مسيرة على قاعدة عين الأسد',
  }),
  // The next day, another base, in nearly the same words: a different event.
  secondAttack: report({
    title: 'Drone attack wounds three soldiers at Harir air base in Iraq',
    text: 'A drone attack on Harir air base near Erbil wounded three soldiers, officials said. The Islamic Resistance in Iraq claimed the attack.',
    link: 'https://outlet-a.example/harir-drone',
    lang: 'en',
    marker: 'Harir air base',
  }),
};
