// Seeded synthetic profiles for benchmarks: realistic ages, sexes, histories. Same seed, same people.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

/** `count` profiles valid on `asOf`, from `seed`. */
export function syntheticProfiles(count, { seed = 42, asOf = '2026-01-15' } = {}) {
  const rand = mulberry32(seed);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const chance = (p) => rand() < p;
  const today = Date.parse(`${asOf}T00:00:00Z`);
  const profiles = [];
  for (let i = 0; i < count; i++) {
    const age = 18 + Math.floor(rand() * 68);
    const born = today - (age * 365.25 + rand() * 360) * DAY;
    const sex = chance(0.52) ? 'female' : 'male';
    const profile = { birthDate: iso(born), sex };
    if (chance(0.6)) profile.conditions = chance(0.1) ? [pick(['inflammatory-bowel-disease', 'colorectal-adenoma', 'hysterectomy-total', 'brca1', 'hypertension', 'diabetes'])] : [];
    if (chance(0.5)) {
      profile.familyHistory = [];
      const relatives = Math.floor(rand() * 3);
      for (let r = 0; r < relatives; r++) {
        profile.familyHistory.push({
          relation: pick(['mother', 'father', 'sister', 'brother', 'maternal-aunt', 'paternal-grandmother']),
          condition: pick(['breast-cancer', 'colorectal-cancer', 'ovarian-cancer']),
          ageAtDiagnosis: 30 + Math.floor(rand() * 50),
        });
      }
    }
    if (chance(0.7)) {
      const tests = sex === 'female' ? ['mammography', 'fit', 'cervical-cytology', 'hpv-test', 'colonoscopy'] : ['fit', 'colonoscopy'];
      const seen = new Set();
      profile.screenings = [];
      for (let s = 0, n = Math.floor(rand() * 4); s < n; s++) {
        const test = pick(tests);
        const date = iso(Math.max(born + 18 * 365 * DAY, today - Math.floor(rand() * 6 * 365) * DAY));
        if (seen.has(test + date)) continue;
        seen.add(test + date);
        profile.screenings.push({ test, date, result: chance(0.05) ? 'abnormal' : 'normal' });
      }
    }
    profiles.push(profile);
  }
  return profiles;
}
