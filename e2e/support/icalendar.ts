import ICAL from "ical.js";

/**
 * Reads an iCalendar text the way a calendar application does, with ical.js (Mozilla's
 * parser), so tests check what calendars will understand rather than matching strings.
 */
export function readCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT in the calendar");
  // Register the calendar's own VTIMEZONEs so DTSTART/DTEND convert to instants.
  for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const event = new ICAL.Event(vevent);
  const start = vevent.getFirstProperty("dtstart");
  const attendees = vevent.getAllProperties("attendee").map((p) => String(p.getFirstValue()).replace(/^mailto:/i, ""));
  return {
    method: calendar.getFirstPropertyValue("method") as string | null,
    timeZones: calendar.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid") as string),
    uid: event.uid,
    sequence: event.sequence,
    summary: event.summary,
    status: vevent.getFirstPropertyValue("status") as string | null,
    url: vevent.getFirstPropertyValue("url") as string | null,
    organizer: String(vevent.getFirstPropertyValue("organizer")).replace(/^mailto:/i, ""),
    startTzid: start?.getParameter("tzid") as string | undefined,
    start: event.startDate.toJSDate(),
    end: event.endDate.toJSDate(),
    attendees,
  };
}
