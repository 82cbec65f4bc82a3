// The default pack on short articles written for these tests (never copied from the dev set):
// each case is one phenomenon the labelled articles teach, positive or hard negative.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../src/topics/index.ts';
import { defaultPackLayer, defaultTopics } from '../../src/topics/default-pack.ts';
import { lintVocabularies } from '../../src/topics/lint.ts';

const matcher = compileTopics(defaultTopics());
const topicsOf = (title: string, text: string) =>
  matcher
    .match({ title, text })
    .map((m) => m.id)
    .sort();

interface Case {
  name: string;
  title: string;
  text: string;
  yes: string[];
  no: string[];
}

const cases: Case[] = [
  // withdrawal
  {
    name: 'EN: coalition announces the end of its combat mission and the pullout of troops from Iraq',
    title: 'Coalition to end combat mission in Iraq',
    text: 'Baghdad said on Monday that the US-led coalition will withdraw its combat troops from Iraq by December under a timetable agreed with Washington.',
    yes: ['withdrawal', 'iraq'],
    no: ['militia-threats', 'us-strikes'],
  },
  {
    name: 'AR: attached prefixes and the أميركية spelling (بانسحاب القوات الأميركية)',
    title: 'بغداد تعلن جدولاً زمنياً لانسحاب القوات الأميركية',
    text: 'قالت الحكومة العراقية إن المرحلة الأولى لانسحاب قوات التحالف الدولي بقيادة الولايات المتحدة تبدأ الشهر المقبل من قاعدة عين الأسد.',
    yes: ['withdrawal', 'iraq'],
    no: ['us-strikes'],
  },
  {
    name: 'EN: US drawdown in Syria counts (also Syria)',
    title: 'Pentagon begins cutting troops in Syria',
    text: 'The US military is withdrawing several hundred troops from bases in northeast Syria, officials said, consolidating the remaining forces.',
    yes: ['withdrawal'],
    no: ['iraq'],
  },
  {
    name: 'EN hard negative: bank withdrawals',
    title: 'Depositors rush to withdraw savings',
    text: 'Customers queued outside banks to withdraw their deposits after the central bank froze transfers; the withdrawal limit was cut again.',
    yes: [],
    no: ['withdrawal'],
  },
  {
    name: 'AR hard negative: bank withdrawals with political vocabulary',
    title: 'تهافت على سحب الودائع من المصارف',
    text: 'شهدت البنوك موجة سحب للأموال من قبل العملاء بعد محاولة انقلاب فاشلة، وسط مخاوف من انهيار الجهاز المصرفي.',
    yes: [],
    no: ['withdrawal', 'iraq'],
  },
  {
    name: 'AR hard negative: a team withdrawing from a tournament',
    title: 'انسحاب المنتخب من البطولة القارية',
    text: 'أعلن الاتحاد أن المنتخب انسحب من البطولة لأسباب تنظيمية، وأن النتائج السابقة ستلغى.',
    yes: [],
    no: ['withdrawal'],
  },
  {
    name: 'EN hard negative: withdrawal from Afghanistan',
    title: 'Allies race to finish Afghan evacuation before troops withdraw',
    text: 'The last US troops will withdraw from Kabul airport by the end of the month as the Taliban take control.',
    yes: [],
    no: ['withdrawal', 'iraq'],
  },
  {
    name: 'EN hard negative: leaving a treaty',
    title: 'Washington withdraws from climate accord',
    text: 'The United States formally began its withdrawal from the Paris climate agreement, the State Department said.',
    yes: [],
    no: ['withdrawal'],
  },
  {
    name: 'AR hard negative: a phone pulled from the market',
    title: 'الشركة تبدأ سحب الهاتف من الأسواق',
    text: 'بدأت الشركة سحب الأجهزة من الأسواق بعد احتراق بطاريات عدد منها أثناء الشحن.',
    yes: [],
    no: ['withdrawal'],
  },
  {
    name: 'EN: a militia only demanding that US troops leave is militia-threats, not withdrawal',
    title: 'Kataib Hezbollah warns US forces',
    text: 'Kataib Hezbollah warned American forces to leave Iraq or face attacks, and called for the withdrawal of all US troops. The group threatened to target US bases.',
    yes: ['militia-threats', 'iraq'],
    no: ['withdrawal'],
  },
  // militia-threats
  {
    name: 'AR: Islamic Resistance in Iraq drone attack on a base hosting US forces',
    title: 'المقاومة الإسلامية في العراق تستهدف قاعدة حرير بطائرة مسيرة',
    text: 'أعلنت المقاومة الإسلامية في العراق أنها استهدفت قاعدة حرير التي تضم قوات أمريكية بطائرة مسيرة. وتبنت فصائل عراقية مسلحة هجمات عدة على القوات الأمريكية.',
    yes: ['militia-threats', 'iraq'],
    no: ['us-strikes', 'withdrawal'],
  },
  {
    name: 'AR: ميليشيا / مليشيا spellings both count',
    title: 'مليشيات عراقية تهدد السفارة',
    text: 'هددت الميليشيات العراقية الموالية لإيران باستهداف السفارة الأمريكية في بغداد، وقالت المليشيات العراقية إنها ستواصل الهجمات.',
    yes: ['militia-threats'],
    no: [],
  },
  {
    name: 'AR hard negative: Lebanese Hezbollah threatening Israel',
    title: 'حزب الله اللبناني يهدد إسرائيل',
    text: 'قال الأمين العام لحزب الله اللبناني في خطاب إن المقاومة الإسلامية ستواصل إطلاق الصواريخ على شمال إسرائيل طالما استمرت الحرب.',
    yes: [],
    no: ['militia-threats', 'us-strikes', 'iraq'],
  },
  {
    name: 'EN hard negative: Houthis attacking ships (Iran-backed, but not Iraqi)',
    title: 'Houthis fire missiles at ships in the Red Sea',
    text: 'Yemen’s Iran-aligned Houthis launched drones and missiles at US warships and merchant vessels, the Pentagon said.',
    yes: [],
    no: ['militia-threats', 'iraq'],
  },
  {
    name: 'EN hard negative: a domestic US "militia"',
    title: 'FBI foils militia plot against governor',
    text: 'Members of a Michigan militia were arrested by the FBI over a plot to kidnap the governor and attack the state capitol.',
    yes: [],
    no: ['militia-threats'],
  },
  {
    name: 'AR hard negative: ISIS ambush on Iraqi soldiers (no Iran-aligned faction, no US target)',
    title: 'داعش يقتل جنوداً عراقيين في كمين قرب كركوك',
    text: 'قتل أربعة جنود عراقيين في كمين نصبه عناصر تنظيم داعش لرتل عسكري جنوب غربي كركوك، بحسب بيان للجيش العراقي.',
    yes: ['iraq'],
    no: ['militia-threats', 'us-strikes'],
  },
  // us-strikes
  {
    name: 'EN: US retaliatory airstrikes on Kataib Hezbollah after an attack on US troops',
    title: 'US strikes Kataib Hezbollah sites in Iraq',
    text: 'US forces conducted airstrikes on three facilities used by Kataib Hezbollah in Iraq after the Iran-backed group attacked coalition troops with drones. Kataib Hezbollah had claimed responsibility for the attack on the base.',
    yes: ['us-strikes', 'militia-threats', 'iraq'],
    no: ['withdrawal'],
  },
  {
    name: 'AR: غارات أمريكية with the بـ prefix on ضربات',
    title: 'غارات أمريكية على مواقع للحشد الشعبي قرب القائم',
    text: 'ردت الولايات المتحدة بضربات على مقار فصائل موالية لإيران في القائم على الحدود العراقية السورية، وقالت القيادة المركزية إن الضربات دمرت مخازن أسلحة.',
    yes: ['us-strikes', 'iraq'],
    no: ['withdrawal'],
  },
  {
    name: 'AR hard negative: Israeli strikes on south Lebanon (غارات)',
    title: 'غارات إسرائيلية على جنوب لبنان',
    text: 'شنت طائرات إسرائيلية غارات على بلدات في جنوب لبنان استهدفت مواقع لجماعات مسلحة، وأدت إلى أضرار في المنازل.',
    yes: [],
    no: ['us-strikes', 'militia-threats', 'iraq'],
  },
  {
    name: 'AR hard negative: Turkish strikes on the PKK in northern Iraq (iraq only)',
    title: 'ضربات تركية على مواقع حزب العمال الكردستاني شمال العراق',
    text: 'شنت طائرات حربية تركية غارات على مواقع لحزب العمال الكردستاني في جبال قنديل شمال العراق، وأعلنت أنقرة تدمير أهداف للحزب.',
    yes: ['iraq'],
    no: ['us-strikes', 'militia-threats'],
  },
  {
    name: 'EN hard negative: Israeli strike on an Iran-linked target in Damascus',
    title: 'Israeli strike hits building near Iranian embassy in Damascus',
    text: 'An Israeli airstrike destroyed a building used by Iran’s Revolutionary Guards in Damascus, Syrian state media said.',
    yes: [],
    no: ['us-strikes'],
  },
  {
    name: 'EN hard negative: US strikes in Yemen',
    title: 'US warplanes strike Houthi targets in Yemen',
    text: 'US aircraft and warships struck weapons depots of the Houthi rebels in Yemen after attacks on shipping.',
    yes: [],
    no: ['us-strikes', 'iraq'],
  },
  {
    name: 'AR hard negative: US strike in Somalia',
    title: 'غارة أمريكية في الصومال تقتل مسلحين',
    text: 'أعلنت القيادة الأمريكية في أفريقيا أن غارة جوية أمريكية قتلت عناصر من حركة الشباب قرب ميناء صومالي.',
    yes: [],
    no: ['us-strikes'],
  },
  {
    name: 'EN hard negative: US strikes on ISIS in Syria are outside the topic',
    title: 'US jets pound Islamic State hideouts in Syrian desert',
    text: 'US strikes hit ISIS camps in the Syrian desert after an ambush by Islamic State fighters, CENTCOM said.',
    yes: [],
    no: ['us-strikes'],
  },
  {
    name: 'EN hard negative: a labour strike',
    title: 'Rail workers strike in London',
    text: 'Union members began a 48-hour strike that shut down the rail network; American tourists were stranded.',
    yes: [],
    no: ['us-strikes', 'iraq'],
  },
  {
    name: 'AR hard negative: a labour strike (إضراب)',
    title: 'إضراب عمال النقل يشل العاصمة',
    text: 'شل إضراب عمال النقل العام حركة المواصلات في العاصمة احتجاجاً على تأخر الأجور.',
    yes: [],
    no: ['us-strikes', 'iraq'],
  },
  {
    name: 'EN hard negative: a one-line recollection of the Soleimani killing',
    title: 'Iraq agrees on end of coalition mission',
    text: 'Iraq and the coalition agreed to end the combat mission. Ties soured after Qassem Soleimani and a militia leader were killed in a US drone strike in Baghdad in 2020.',
    yes: ['withdrawal', 'iraq'],
    no: ['us-strikes'],
  },
  {
    name: 'EN hard negative: militias attacking US targets are not US strikes',
    title: 'Militia drone strike targets US base in Iraq',
    text: 'An Iran-backed militia launched a drone strike on a US base in western Iraq. The Islamic Resistance in Iraq claimed responsibility for the attack on American troops.',
    yes: ['militia-threats', 'iraq'],
    no: ['us-strikes'],
  },
];

describe('default pack', () => {
  it('has the four structured topics, each with names in both languages and a description', () => {
    const topics = defaultTopics();
    expect(topics.map((t) => t.id)).toEqual(['withdrawal', 'militia-threats', 'us-strikes', 'iraq']);
    for (const t of topics) {
      expect(t.spec, t.id).toBeDefined();
      expect(t.names?.en && t.names.ar && t.description?.en && t.description.ar, t.id).toBeTruthy();
      expect(t.origin).toBe('pack');
    }
  });

  it('passes the vocabulary lint: no term another term of its vocabulary already matches', () => {
    expect(lintVocabularies(defaultPackLayer().raw.vocabularies).map((f) => f.message)).toEqual([]);
  });

  for (const c of cases) {
    it(c.name, () => {
      const got = topicsOf(c.title, c.text);
      for (const t of c.yes) expect(got, `${t} expected`).toContain(t);
      for (const t of c.no) expect(got, `${t} not expected`).not.toContain(t);
    });
  }

  const seedDir = resolve(process.cwd(), '../shared/seed');
  if (!existsSync(seedDir)) console.warn(`[raqib tests] ${seedDir} is absent: the seed-article case is skipped.`);
  it.skipIf(!existsSync(seedDir))('matches the seed article: withdrawal, militia-threats and iraq', () => {
    const raw = readFileSync(resolve(seedDir, '000_b4a12e420ae2588d.txt'), 'utf8');
    const [title, ...rest] = raw.split('\n');
    const got = topicsOf(title!, rest.join('\n'));
    expect(got).toEqual(expect.arrayContaining(['withdrawal', 'militia-threats', 'iraq']));
  });
});
