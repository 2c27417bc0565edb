/** Messages of the negotiation page's private-positions panel (private-panel.ts). */
export const privateMessages = {
  "private.title": "Private positions of {actor}",
  "private.confidential": "Confidential: only your delegation can read this. The mediator never sees it.",
  "private.lodged": "Version {version} lodged {time}.",
  "private.nothing": "Nothing lodged yet: the form starts from your public positions.",
  "private.batna": "BATNA (utility if talks fail, 0–1; blank keeps the public one)",
  "private.submit": "Lodge private positions",
  "private.fix": "some values need fixing",
  "private.announce": "Private positions version {version} lodged",
  "private.include": "Lodge a private position on this issue",
  "private.ideal": "Ideal",
  "private.salience": "Salience (0–1)",
  "private.confidence": "Confidence (0–1)",
  "private.source": "Source",
  "private.lowest": "Lowest acceptable ({unit})",
  "private.highest": "Highest acceptable ({unit})",
  "private.reject": "Red line: options you will not accept",
};
