/** Messages of the negotiation page's mediator panel (zone-panel.ts), spread into the English catalogue. */
export const zoneMessages = {
  "zone.title": "Mediator: derived answers",
  "zone.note":
    "Answers are computed from all delegations' private positions at once; no position or red line is ever shown. Each question is rate-limited and recorded in the audit log, which the delegations can read. To ask whether each delegation would accept a tabled proposal, use the button under that proposal.",
  "zone.ask": "Is there a zone of agreement?",
  "zone.zone": "Zone of agreement",
  "zone.yes": "Yes — some package is acceptable to every delegation",
  "zone.no": "No package is acceptable to every delegation",
  "zone.acceptable": "Acceptable packages",
  "zone.countOf": "{count} of {total}",
  "zone.countNone": "none",
  "zone.countRange": "at least {atLeast} and fewer than {below}",
  "zone.parties": "Delegations counted",
  "zone.withheld": "Packages withheld: {count}.",
  "zone.suggested": "Suggested packages",
  "zone.suggestedCaption": "Suggested packages (rows where they differ are marked)",
  "zone.kindNash": "Nash bargaining package",
  "zone.kindKalai": "Kalai–Smorodinsky package",
  "zone.kindUtilitarian": "Largest total utility",
  "zone.kindEgalitarian": "Best for the worst-off",
  "zone.colIssue": "Issue",
};
