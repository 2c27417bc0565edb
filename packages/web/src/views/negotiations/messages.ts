/** Messages of the negotiations list (views/negotiations/), spread into the English catalogue. */
export const negotiationsMessages = {
  "negotiations.title": "Negotiations",
  "negotiations.yours": "Your negotiations",
  "negotiations.noneAdmin": "No negotiation yet; open one below.",
  "negotiations.none": "You are not a member of any negotiation yet.",
  "negotiations.meta": " · {venue} · opened {time}",
  "negotiations.noRole": "no role",
  "negotiations.open": "Open a negotiation",
  "negotiations.uploadFirst": "Upload a scenario first.",
  "negotiations.fieldTitle": "Title",
  "negotiations.fieldVenue": "Venue",
  "negotiations.fieldScenario": "Scenario",
  "negotiations.submit": "Open negotiation",
  "negotiations.opened": "Opened negotiation {title}",
};
