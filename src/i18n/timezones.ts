// "Baghdad" or "بغداد" → Asia/Baghdad: the closest IANA zone by its city part or an Arabic city name.
import { closest, type Candidate } from './suggest.ts';

/** Arabic names of the region's cities, for people who type the city they live in. */
const ARABIC_CITIES: Record<string, string> = {
  بغداد: 'Asia/Baghdad',
  بيروت: 'Asia/Beirut',
  دمشق: 'Asia/Damascus',
  عمان: 'Asia/Amman',
  القاهرة: 'Africa/Cairo',
  الرياض: 'Asia/Riyadh',
  دبي: 'Asia/Dubai',
  الدوحة: 'Asia/Qatar',
  الكويت: 'Asia/Kuwait',
  طهران: 'Asia/Tehran',
  القدس: 'Asia/Jerusalem',
  غزة: 'Asia/Gaza',
  اسطنبول: 'Europe/Istanbul',
  لندن: 'Europe/London',
};

let zones: Candidate[] | undefined;

function candidates(): Candidate[] {
  if (zones) return zones;
  zones = Intl.supportedValuesOf('timeZone').map((z) => {
    const city = z.split('/').pop()!;
    return { value: z, names: [z, city, city.replace(/_/g, ' ')] };
  });
  for (const [name, zone] of Object.entries(ARABIC_CITIES)) zones.push({ value: zone, names: [name] });
  zones.push({ value: 'UTC', names: ['UTC', 'GMT'] });
  return zones;
}

/** The zone the word was probably meant to name, if one is close enough. */
export function guessTimezone(word: string): string | undefined {
  return closest(word, candidates());
}
