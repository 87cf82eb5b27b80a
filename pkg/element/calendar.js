// The reminders as an iCalendar file (RFC 5545): one all-day event per nudge that asks for something
// on a day, with an alarm. No DOM here: tests run it in Node.

const CRLF = '\r\n';

/**
 * Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma; every line break (CRLF, a
 * bare CR or a bare LF) becomes `\n`, so that no text can start a line of its own (a property);
 * other control characters, which TEXT may not hold, are dropped.
 */
export function text(value) {
  return String(value)
    .replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, '\\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character. */
export function fold(line) {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= 75) return line;
  const parts = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = encoder.encode(ch).length;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const compact = (iso) => iso.replaceAll('-', '');
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day `n` days after `iso` (YYYY-MM-DD, in the calendar, without time zones). */
export function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

// Most consequential first (docs/contract.md §2). The caller may have ordered the nudges by the rule
// set's program priority already: the sort is stable, so that order holds within a status.
const RANK = { refer: 0, due: 1, upcoming: 2, 'up-to-date': 3 };

/**
 * The day of each reminder: `[{ nudge, day, now }]`, `now` when it is to be done as soon as possible.
 * - `info` nudges get none: information only, never urgent, with no date to keep (contract §2);
 *   a reminder for them would only teach people to ignore the others.
 * - `refer` (no due date) and `due` in the past are to be done now: rather than all on one day,
 *   one a week starting tomorrow, the most consequential first — a referral first of all.
 * - `upcoming`, `up-to-date` (the next test) and `due` on a later day: on their day.
 * A due date the calendar cannot hold (anything but YYYY-MM-DD) gets no event.
 */
export function reminderDays(nudges, today) {
  const sorted = nudges
    .filter((n) => n && n.status !== 'info')
    .map((nudge, index) => ({ nudge, index }))
    .sort((a, b) => (RANK[a.nudge.status] ?? 4) - (RANK[b.nudge.status] ?? 4) || a.index - b.index)
    .map(({ nudge }) => nudge);
  const days = [];
  let slot = 0;
  for (const nudge of sorted) {
    const dated = typeof nudge.dueDate === 'string' && DAY.test(nudge.dueDate);
    if (nudge.status === 'refer' || (nudge.status === 'due' && (!nudge.dueDate || (dated && nudge.dueDate <= today)))) {
      days.push({ nudge, day: addDays(today, 1 + 7 * slot), now: true });
      slot += 1;
    } else if (dated) {
      days.push({ nudge, day: nudge.dueDate, now: false });
    }
  }
  return days;
}

/**
 * The calendar for a report, or null when no nudge gets a reminder (see `reminderDays`). One all-day
 * event per nudge, with a stable UID (the program: importing a newer file updates the event rather
 * than adding one) and an alarm at 9:00 the day before. `name` is the calendar's name; `words` the
 * page's words (`refer`: "Prendre rendez-vous : {title}", `overdue`: "À faire dès que possible."); `now` (a
 * Date) stamps the events.
 */
export function calendar(report, { today, name, now = new Date(), words = {} }) {
  const { refer = 'Prendre rendez-vous : {title}', overdue = 'À faire dès que possible.' } = words;
  const events = reminderDays(report.nudges ?? [], today);
  if (!events.length) return null;
  const stamp = `${now.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Vigie//Vigie self-check//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(name)}`,
  ];
  for (const { nudge: n, day, now: soon } of events) {
    const summary = n.status === 'refer' ? refer.replace('{title}', n.title) : n.title;
    const description = soon && n.status !== 'refer' ? `${overdue}\n${n.action}` : n.action;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${text(`vigie-${n.program}@vigie.local`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(day)}`,
      `DTEND;VALUE=DATE:${compact(addDays(day, 1))}`,
      `SUMMARY:${text(summary)}`,
      `DESCRIPTION:${text(description)}`,
      'TRANSP:TRANSPARENT',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      // The day before at 9:00 (an all-day event starts at midnight).
      'TRIGGER:-PT15H',
      `DESCRIPTION:${text(summary)}`,
      'END:VALARM',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}
