// The reminders as an iCalendar file (RFC 5545): one all-day event per nudge with a due date.

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

function nextDay(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + 1));
  return date.toISOString().slice(0, 10);
}

/**
 * The calendar for a report, or null when no nudge has a due date. Past due dates are put on today.
 * `name` is the calendar's name; `now` (a Date) stamps the events.
 */
export function calendar(report, { today, name, now = new Date() }) {
  // A day the calendar can hold (YYYY-MM-DD); anything else in a report is not written.
  const events = report.nudges.filter((n) => typeof n.dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(n.dueDate));
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
  for (const n of events) {
    const day = n.dueDate < today ? today : n.dueDate;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${text(`vigie-${n.program}@vigie.local`)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(day)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(day))}`,
      `SUMMARY:${text(n.title)}`,
      `DESCRIPTION:${text(n.action)}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}
