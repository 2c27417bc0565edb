/** Messages of the negotiation page (page.ts), spread into the English catalogue. */
export const pageMessages = {
  "negotiationPage.lead": "{venue} · scenario “{title}” (version {version}) · opened {time}",
  "negotiationPage.yourRole": "Your role here:",
  "negotiationPage.noRole": "none",
  "negotiationPage.reload": "Reload",
  "negotiationPage.audit": "Audit log of this negotiation",
  "negotiationPage.auditNote":
    "Every proposal, lodging of private positions (as a digest only) and mediator question is recorded here, so each delegation sees how often the mediator asked.",
};
