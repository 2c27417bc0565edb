/** Messages of the negotiation page's members and rounds panel (members-panel.ts). */
export const membersMessages = {
  "members.title": "Members and roles",
  "members.colUser": "User",
  "members.colRole": "Role",
  "members.colRepresents": "Represents",
  "members.none": "No members yet.",
  "members.add": "Add a member",
  "members.fieldUser": "User",
  "members.fieldRole": "Role",
  "members.fieldActor": "Represents (delegations only)",
  "members.submit": "Add member",
  "members.added": "Member added",
  "members.rounds": "Rounds",
  "members.noRounds": "No round is open yet; proposals are tabled in the current round.",
  "members.fieldRound": "Label of the next round",
  "members.openRound": "Open round",
  "members.roundOpened": "Round {number} opened",
};
