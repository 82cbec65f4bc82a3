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
  backlogA: report({ title: 'Parliament debates the provincial budget', text: 'Lawmakers argued over provincial shares for a third day.', link: 'https://outlet-a.example/budget', lang: 'en', marker: 'provincial budget' }),
  backlogB: report({ title: 'Ministry announces new school calendar', text: 'The ministry said schools open in September.', link: 'https://outlet-b.example/schools', lang: 'en', marker: 'school calendar' }),
  strikeA: report({
    title: 'Drone attack hits Ain al-Asad air base in western Iraq',
    text: 'A drone attack hit Ain al-Asad air base in Anbar province in western Iraq on Monday, wounding two soldiers, officials said. No group claimed the attack on the base.',
    link: 'https://outlet-a.example/ain-al-asad-drone',
    lang: 'en',
    marker: 'in western Iraq',
  }),
  // Until the event-aware story index lands, the other outlet's report is in English with the
  // same wording, which today's index joins; the final test uses an Arabic report.
  strikeB: report({
    title: 'Drone attack hits Ain al-Asad air base, Anbar officials say',
    text: 'A drone attack hit Ain al-Asad air base in Anbar province in western Iraq on Monday, wounding two soldiers, officials said. No group claimed the attack on the base.',
    link: 'https://outlet-b.example/ain-al-asad',
    lang: 'en',
    marker: 'Anbar officials say',
  }),
  secondAttack: report({
    title: 'Rockets fired at Victory Base near Baghdad airport',
    text: 'Three rockets landed inside Victory Base near Baghdad airport on Tuesday; security sources reported no casualties.',
    link: 'https://outlet-a.example/victory-base-rockets',
    lang: 'en',
    marker: 'Victory Base',
  }),
};
