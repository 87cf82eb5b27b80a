// The reminders file (pkg/element/calendar.js) in Node: which nudges get an event and on which day, the
// alarm, stable UIDs, RFC 5545 escaping, folding at 75 octets and CRLF.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendar, reminderDays, addDays } from '../../pkg/element/calendar.js';

const today = '2026-12-05';
const now = new Date(Date.UTC(2026, 11, 5, 10));
const nudge = (program, status, dueDate, title = program) => ({ program, status, dueDate, title, action: `Faire ${program}.` });

const report = {
  nudges: [
    nudge('lipid-screening', 'due', '2014-03-10', 'Bilan du cholestérol'),
    nudge('colorectal-cancer-screening', 'refer', null, 'Coloscopie'),
    nudge('breast-cancer-screening', 'due', '2024-01-01', 'Mammographie'),
    nudge('vaccine-shingles', 'upcoming', '2027-03-01', 'Zona'),
    nudge('vaccine-influenza', 'up-to-date', '2027-09-01', 'Grippe'),
    nudge('diabetes-screening', 'info', null, 'Diabète'),
    nudge('smoking-cessation', 'info', '2026-12-01', 'Tabac'),
  ],
};

/** The events of an .ics text: [{ UID, DTSTART, SUMMARY, … , alarm: {…} }] (unfolded). */
function events(ics) {
  const lines = ics.replaceAll('\r\n ', '').split('\r\n');
  const out = [];
  let current = null;
  let alarm = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') { out.push(current); current = null; }
    else if (line === 'BEGIN:VALARM') alarm = {};
    else if (line === 'END:VALARM') { current.alarm = alarm; alarm = null; }
    else if (current) {
      const i = line.indexOf(':');
      const name = line.slice(0, i).split(';')[0];
      (alarm ?? current)[name] = line.slice(i + 1);
    }
  }
  return out;
}

test('one event per nudge with a day: referrals included, information left out', () => {
  const found = events(calendar(report, { today, name: 'Rappels Vigie', now }));
  assert.deepEqual(found.map((e) => e.UID).sort(), [
    'vigie-breast-cancer-screening@vigie.local', 'vigie-colorectal-cancer-screening@vigie.local',
    'vigie-lipid-screening@vigie.local', 'vigie-vaccine-influenza@vigie.local', 'vigie-vaccine-shingles@vigie.local',
  ]);
  assert.ok(!found.some((e) => /diabetes|smoking/.test(e.UID)));
});

test('a referral is first, tomorrow, and says to make an appointment; overdue items one a week after it', () => {
  const days = reminderDays(report.nudges, today).map(({ nudge: n, day }) => [n.program, day]);
  assert.deepEqual(days, [
    ['colorectal-cancer-screening', '2026-12-06'],
    ['lipid-screening', '2026-12-13'],
    ['breast-cancer-screening', '2026-12-20'],
    ['vaccine-shingles', '2027-03-01'],
    ['vaccine-influenza', '2027-09-01'],
  ]);
  const found = events(calendar(report, { today, name: 'x', now, words: { refer: 'Prendre rendez-vous : {title}' } }));
  const refer = found.find((e) => e.UID.includes('colorectal'));
  assert.equal(refer.SUMMARY, 'Prendre rendez-vous : Coloscopie');
  assert.equal(refer.DTSTART, '20261206');
  assert.equal(refer.DTEND, '20261207');
  // Overdue: said to be done as soon as possible; never on a day already past.
  const lipid = found.find((e) => e.UID.includes('lipid'));
  assert.match(lipid.DESCRIPTION, /^À faire dès que possible\.\\nFaire lipid-screening\.$/);
  for (const e of found) assert.ok(e.DTSTART > '20261205', e.DTSTART);
});

test('the order given within a status holds (the page passes the rule set\'s program priority)', () => {
  const nudges = [nudge('b', 'due', '2020-01-01'), nudge('a', 'due', '2010-01-01'), nudge('c', 'refer', null)];
  assert.deepEqual(reminderDays(nudges, today).map((d) => d.nudge.program), ['c', 'b', 'a']);
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
});

test('every event has an alarm the day before, and the same UID from one download to the next', () => {
  const first = events(calendar(report, { today, name: 'x', now }));
  for (const e of first) {
    assert.deepEqual(Object.keys(e.alarm).sort(), ['ACTION', 'DESCRIPTION', 'TRIGGER']);
    assert.equal(e.alarm.ACTION, 'DISPLAY');
    assert.equal(e.alarm.TRIGGER, '-PT15H');
    assert.ok(e.alarm.DESCRIPTION.length > 0);
  }
  const later = events(calendar(report, { today: '2026-12-20', name: 'x', now: new Date(Date.UTC(2026, 11, 20)) }));
  assert.deepEqual(later.map((e) => e.UID).sort(), first.map((e) => e.UID).sort());
});

test('RFC 5545: CRLF line ends, lines folded at 75 octets, TEXT escaped', () => {
  const long = { nudges: [nudge('breast-cancer-screening', 'upcoming', '2027-01-10', `Mammographie, «\u00a0à jour\u00a0»; ${'é'.repeat(80)}\\fin`)] };
  const ics = calendar(long, { today, name: 'Rappels; Vigie', now });
  assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics, /\r\nEND:VCALENDAR\r\n$/);
  assert.doesNotMatch(ics.replaceAll('\r\n', ''), /[\r\n]/);
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);
  const [event] = events(ics);
  assert.equal(event.SUMMARY, `Mammographie\\, «\u00a0à jour\u00a0»\\; ${'é'.repeat(80)}\\\\fin`);
  assert.match(ics, /\r\nX-WR-CALNAME:Rappels\\; Vigie\r\n/);
});

test('nothing to remind: no file', () => {
  assert.equal(calendar({ nudges: [nudge('x', 'info', null)] }, { today, name: 'x', now }), null);
  assert.equal(calendar({ nudges: [nudge('x', 'upcoming', '+010000-01-01')] }, { today, name: 'x', now }), null);
});
